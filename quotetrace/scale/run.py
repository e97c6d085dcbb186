"""Extraction on a Dask cluster: a worker plugin that loads the spaCy pipeline once per worker process, the
partition task (read → extract → return or write a Parquet shard), and the feed that streams the results, in
reading order, into the one ingest path (:func:`quotetrace.ingest.run.ingest`).

The index is written by the client through the same code as a plain ingest — skip unchanged articles, store,
cluster with the corpus clusterer, link paraphrases — so articles, mentions, clusters and ids are identical to a
plain ``ingest`` of the same inputs. Only parsing (the cost: ~100-300 ms an article) runs on the workers. With a
stage folder the workers write shards to shared storage and the client reads them back one at a time, so neither
the client nor the scheduler ever holds the corpus; a rerun skips every shard already written.
"""

from __future__ import annotations

import contextlib
import logging
import os
import threading
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from distributed import Client, LocalCluster, WorkerPlugin

from quotetrace.config import RANKER_ENV, ranker_mode
from quotetrace.models import Article, Mention, ReadProblem
from quotetrace.scale.partitions import Partition, read_partition
from quotetrace.scale.stage import Item, read_shard, shard_done, write_shard

#: Attempts after the first for a partition whose task fails (an exception, or its worker died).
RETRIES = 2
#: A small corpus is still cut into this many partitions (fewer files each), so every worker gets work.
MIN_PARTITIONS = 64
_PARSE_LOCK = threading.Lock()  # a worker with several threads shares one pipeline: parse one partition at a time


@dataclass(frozen=True)
class Settings:
    """What a worker needs to read and parse a partition (and what a stage shard was made with)."""

    model: str | None
    indirect: bool
    max_bytes: int
    ranker: str = "low"  # the client's speaker-ranker mode: workers attribute as a single-machine run would

    @property
    def key(self) -> str:
        return f"{self.model}|{self.indirect}|{self.max_bytes}|{self.ranker}"

    def to_dict(self) -> dict[str, Any]:
        return {"model": self.model, "indirect": self.indirect, "max_bytes": self.max_bytes, "ranker": self.ranker}


class PipelinePlugin(WorkerPlugin):
    """Loads the spaCy pipeline when a worker starts (and when a restarted worker joins), once per process: the
    extraction tasks find it in :func:`quotetrace.nlp.pipeline.load_pipeline`'s cache."""

    name = "quotetrace-pipeline"

    def __init__(self, model: str | None, indirect: bool) -> None:
        self.model = model
        self.indirect = indirect

    def setup(self, worker: Any) -> None:
        from quotetrace.nlp.pipeline import load_pipeline

        load_pipeline(self.model, indirect=self.indirect, beliefs=False)


@dataclass
class PartResult:
    """What a partition task sends back: its items (without a stage) and counts."""

    index: int
    items: list[Item] | None
    articles: int = 0
    mentions: int = 0
    problems: int = 0


def resolve_model(model: str | None) -> str:
    """The pipeline name a worker resolves (recorded in the index as a plain ingest records it)."""
    from quotetrace.nlp.pipeline import resolve_model_name

    return resolve_model_name(model)


@contextlib.contextmanager
def _environ(name: str, value: str) -> Iterator[None]:
    """``os.environ[name] = value`` for the block (a worker parses one partition at a time)."""
    old = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if old is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = old


def extract_partition(part: Partition, settings: Settings, stage: str | None) -> PartResult:
    """Read one partition and parse its articles; write them as a shard when ``stage`` is given."""
    from quotetrace.extract import extract_articles

    items: list[Article | ReadProblem] = list(read_partition(part, max_bytes=settings.max_bytes))
    articles = [it for it in items if isinstance(it, Article)]
    with _PARSE_LOCK, _environ(RANKER_ENV, settings.ranker):
        parsed = list(extract_articles(articles, model=settings.model, include_indirect=settings.indirect))
    found = iter(parsed)
    out: list[Item] = [next(found) if isinstance(it, Article) else it for it in items]
    res = PartResult(
        part.index,
        None if stage else out,
        articles=len(articles),
        mentions=sum(len(ms) for _, ms in parsed),
        problems=len(items) - len(articles),
    )
    if stage:
        write_shard(stage, part.name, out)
    return res


@contextlib.contextmanager
def connect(scheduler: str | None = None, workers: int | None = None) -> Iterator[Client]:
    """A client of an existing cluster (``scheduler`` address) or of a LocalCluster of ``workers`` processes
    (one thread each: spaCy parsing is CPU-bound and holds the GIL)."""
    if scheduler:
        client = Client(scheduler, timeout="30s")
        try:
            yield client
        finally:
            client.close()
        return
    cluster = LocalCluster(
        n_workers=workers or 1,
        threads_per_worker=1,
        processes=True,
        dashboard_address=None,
        silence_logs=logging.ERROR,
    )
    try:
        with Client(cluster) as client:
            yield client
    finally:
        cluster.close()


def partition_results(
    client: Client,
    parts: Sequence[Partition],
    settings: Settings,
    *,
    stage: str | None = None,
    window: int | None = None,
    retries: int = RETRIES,
    on_done: Callable[[Partition, PartResult | None], None] | None = None,
) -> Iterator[tuple[Partition, list[Item] | None, BaseException | None]]:
    """Each partition's items in reading order, computed on the cluster: (partition, items, None), or
    (partition, None, error) for a partition that still failed after ``retries`` more attempts.

    Without a stage, at most ``window`` partitions are in flight (results wait on the workers until taken); with
    one, every partition not already written is submitted at once and read back from its shard in order.
    """
    todo = [p for p in parts if not (stage and shard_done(stage, p.name))]
    if todo:
        client.register_plugin(PipelinePlugin(settings.model, settings.indirect), name=PipelinePlugin.name)
    nthreads = max(1, sum(client.nthreads().values()))
    limit = len(parts) if stage else (window or max(4, 3 * nthreads))
    pending: deque[tuple[Partition, Any]] = deque()
    it = iter(parts)

    def fill() -> None:
        while len(pending) < limit:
            part = next(it, None)
            if part is None:
                return
            if stage and shard_done(stage, part.name):
                pending.append((part, None))
                continue
            fut = client.submit(extract_partition, part, settings, stage, retries=retries, pure=False)
            if on_done is not None:
                fut.add_done_callback(lambda f, p=part: on_done(p, f.result() if f.status == "finished" else None))
            pending.append((part, fut))

    fill()
    while pending:
        part, fut = pending.popleft()
        fill()
        if fut is None:
            yield part, read_shard(stage, part.name), None  # type: ignore[arg-type]
            continue
        try:
            res: PartResult = fut.result()
        except Exception as exc:
            yield part, None, exc
            continue
        finally:
            fut.release()
        yield part, (read_shard(stage, part.name) if stage else res.items), None


def failure_problem(part: Partition, exc: BaseException, retries: int = RETRIES) -> ReadProblem:
    """A partition that failed on the cluster, as a problem naming its inputs and the error."""
    reason = f"{type(exc).__name__}: {exc}".strip().rstrip(":")
    return ReadProblem(part.label, f"not ingested: its partition failed {retries + 1} times on the cluster ({reason})")


@dataclass
class Feed:
    """Partition results as the ``articles`` and ``extractor`` of :func:`quotetrace.ingest.run.ingest`: articles in
    reading order, each extractor call handing back the mentions a worker found for it. Only the articles the
    ingest has looked at but not yet committed are held (a few batches)."""

    results: Iterable[list[Item]]
    on_problem: Callable[[ReadProblem], None] | None = None
    problems: list[ReadProblem] = field(default_factory=list)
    read: int = 0
    _stash: OrderedDict[int, tuple[Article, list[Mention]]] = field(default_factory=OrderedDict)
    _seen_problems: set[tuple[str, str]] = field(default_factory=set)

    def problem(self, p: ReadProblem) -> None:
        key = (p.path, p.reason)
        if key in self._seen_problems:  # a folder's sidecar problem met by several partitions
            return
        self._seen_problems.add(key)
        self.problems.append(p)
        if self.on_problem is not None:
            self.on_problem(p)

    def articles(self) -> Iterator[Article]:
        for items in self.results:
            for it in items:
                if isinstance(it, ReadProblem):
                    self.problem(it)
                    continue
                art, mentions = it
                self.read += 1
                self._stash[id(art)] = (art, mentions)
                yield art

    def extract(self, articles: Iterable[Article]) -> Iterator[tuple[Article, list[Mention]]]:
        for art in articles:
            while self._stash:
                _, (a, mentions) = self._stash.popitem(last=False)  # earlier ones were skipped as unchanged
                if a is art:
                    yield art, mentions
                    break
            else:
                raise RuntimeError(f"article {art.id!r} was not read from the cluster's results")


def _with_failures(
    results: Iterable[tuple[Partition, list[Item] | None, BaseException | None]], failed: list[ReadProblem]
) -> Iterator[list[Item]]:
    for part, items, exc in results:
        if exc is not None or items is None:
            problem = failure_problem(part, exc or RuntimeError("no result"))
            failed.append(problem)
            yield [problem]
            continue
        yield items


@dataclass
class ClusterRun:
    """What a distributed ingest did beyond the ingest report: partitions, the ones that failed, problems."""

    partitions: int = 0
    reused: int = 0
    failed: list[ReadProblem] = field(default_factory=list)
    problems: list[ReadProblem] = field(default_factory=list)
    read: int = 0


def _ingest_feed(
    store: Any,
    feed: Feed,
    run: ClusterRun,
    model: str | None,
    indirect: bool,
    batch_size: int,
    force: bool,
    on_progress: Callable[[int], None] | None,
    report: Any,
) -> None:
    """The one ingest path over mentions made elsewhere; what the feed met is kept on ``run`` even when it fails."""
    from quotetrace.ingest.run import ingest

    try:
        ingest(
            store,
            feed.articles(),
            model=model,
            batch_size=batch_size,
            force=force,
            extractor=feed.extract,
            on_progress=on_progress,
            report=report,
            include_indirect=indirect,
        )
    finally:
        run.problems = feed.problems
        run.read = feed.read


def distributed_ingest(
    store: Any,
    paths: Sequence[str],
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    stage: str | None = None,
    model: str | None = None,
    indirect: bool = True,
    max_bytes: int,
    batch_size: int = 64,
    force: bool = False,
    on_progress: Callable[[int], None] | None = None,
    on_problem: Callable[[ReadProblem], None] | None = None,
    report: Any = None,
) -> ClusterRun:
    """Ingest ``paths`` with parsing on a Dask cluster (see the module docstring). Problems met finding the files
    come first, then those of each partition in reading order; a partition that keeps failing is one problem."""
    from quotetrace.scale.partitions import plan
    from quotetrace.scale.stage import write_manifest

    run = ClusterRun()
    with connect(scheduler, workers) as client:
        resolved = client.submit(resolve_model, model, pure=False).result()
        settings = Settings(resolved, indirect, max_bytes, ranker_mode())
        # the grouping must not depend on the cluster's size: a rerun on other workers reuses the same shards
        parts, found = plan(paths, max_bytes=max_bytes, settings=settings.key, min_partitions=MIN_PARTITIONS)
        run.partitions = len(parts)
        if stage:
            run.reused = sum(shard_done(stage, p.name) for p in parts)
            write_manifest(stage, settings.to_dict(), [p.name for p in parts])
        feed = Feed(_with_failures(partition_results(client, parts, settings, stage=stage), run.failed), on_problem)
        for p in found:
            feed.problem(p)
        _ingest_feed(store, feed, run, resolved, indirect, batch_size, force, on_progress, report)
    return run


def load_stage(
    store: Any,
    stage: str,
    *,
    batch_size: int = 64,
    force: bool = False,
    on_progress: Callable[[int], None] | None = None,
    on_problem: Callable[[ReadProblem], None] | None = None,
    report: Any = None,
) -> ClusterRun:
    """Load a stage folder's shards into the index through the one ingest path (no parsing, big transactions).
    A partition whose shard was never written is reported as a problem, not skipped silently."""
    from quotetrace.scale.stage import iter_stage, read_manifest

    manifest = read_manifest(stage)
    model = (manifest.get("settings") or {}).get("model")
    indirect = bool((manifest.get("settings") or {}).get("indirect", True))
    run = ClusterRun(partitions=len(manifest["partitions"]))

    def shards() -> Iterator[list[Item]]:
        for name, items in iter_stage(stage):
            if items is None:
                problem = ReadProblem(f"{stage}/{name}", "shard missing: run the distributed ingest again to make it")
                run.failed.append(problem)
                yield [problem]
                continue
            run.reused += 1
            yield items

    _ingest_feed(store, Feed(shards(), on_problem), run, model, indirect, batch_size, force, on_progress, report)
    return run
