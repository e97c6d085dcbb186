"""Entry point for ``python -m quotetrace``."""

from quotetrace.cli import main

if __name__ == "__main__":
    main()
