"""The hand-annotated gold the benchmarks score against (offsets and labels only; texts come from ../shared)."""
