"""The one home of text handling shared across the package: sanitising article text for output (more to move here)."""
