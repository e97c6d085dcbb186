"""Beyond one machine: ingest and clustering on a Dask cluster, Parquet stages and exports (``quotetrace[scale]``).

Nothing here is imported by ``--help``, ``list`` or ``show``: the CLI imports these modules only when
``--scheduler``, ``--dask-workers``, ``--stage``, ``export --format parquet`` or ``db load`` is used.

- :mod:`quotetrace.scale.partitions` — the inputs split into partitions (groups of files, one WARC file, JSONL
  shards) and how a worker reads one, exactly as a plain ingest reads it;
- :mod:`quotetrace.scale.stage` — Parquet shards of articles, mentions and problems (the stage folder), and
  Parquet export;
- :mod:`quotetrace.scale.run` — the cluster: a worker plugin that loads the spaCy pipeline once, the extraction
  task, and the feed that streams the workers' results into the one ingest path (same clusters, same ids);
- :mod:`quotetrace.scale.cluster` — distributed clustering: the corpus clusterer's blocks computed by a shuffle
  on blocking keys, each block solved on a worker.
"""

MISSING_EXTRA = "this needs the optional extra: pip install 'quotetrace[scale]'"


def require_extra() -> None:
    """Raise a clear error when dask / pyarrow are not installed."""
    import importlib.util

    from quotetrace.errors import QuotetraceError

    missing = [m for m in ("dask", "distributed", "pyarrow") if importlib.util.find_spec(m) is None]
    if missing:
        raise QuotetraceError(f"{', '.join(missing)} not installed", hint=MISSING_EXTRA)
