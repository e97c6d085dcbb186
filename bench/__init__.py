"""quotetrace's benchmarks: one script per BENCHMARKS.md figure, run from the repo root as `python -m bench.<name>`."""
