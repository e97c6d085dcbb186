"""The stage folder: Parquet shards of articles, mentions and problems per partition, and Parquet export.

Layout of a stage folder (one shard per partition, named ``part-<index>-<fingerprint>``)::

    manifest.json                 the run's settings and its partitions, in reading order
    articles/part-….parquet       seq, id, text, path, outlet, title, date, url, source, alt_ids
    mentions/part-….parquet       seq (the article's), the contract's mention fields (spans as lists)
    problems/part-….parquet       seq, path, reason (inputs that could not be read)
    done/part-…                   written last: the shard is complete (an interrupted run resumes after it)

Each folder is a Parquet dataset that DuckDB, pandas or Spark read directly (see docs/scale.md).
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from quotetrace.models import Article, Mention, ReadProblem

Item = tuple[Article, list[Mention]] | ReadProblem

ARTICLE_FIELDS = ("id", "text", "path", "outlet", "title", "date", "url")
MENTION_FIELDS = (
    "id",
    "article_id",
    "text",
    "spans",
    "kind",
    "speaker",
    "speaker_mention",
    "speaker_span",
    "cue",
    "cue_span",
    "cue_lemma",
    "descriptor",
    "paragraph",
    "in_headline",
    "attribution",
    "quoted_spans",
    "speaker_via",
    "speaker_confidence",
)
MANIFEST = "manifest.json"


def _schemas() -> dict[str, Any]:
    import pyarrow as pa

    s, i, span = pa.string(), pa.int32(), pa.list_(pa.int32())
    return {
        "articles": pa.schema([("seq", i), *[(f, s) for f in ARTICLE_FIELDS], ("source", s), ("alt_ids", pa.list_(s))]),
        "mentions": pa.schema(
            [
                ("seq", i),
                ("id", s),
                ("article_id", s),
                ("text", s),
                ("spans", pa.list_(span)),
                ("kind", s),
                ("speaker", s),
                ("speaker_mention", s),
                ("speaker_span", span),
                ("cue", s),
                ("cue_span", span),
                ("cue_lemma", s),
                ("descriptor", s),
                ("paragraph", i),
                ("in_headline", pa.bool_()),
                ("attribution", s),
                ("quoted_spans", pa.list_(span)),
                ("speaker_via", s),
                ("speaker_confidence", pa.float64()),
            ]
        ),
        "problems": pa.schema([("seq", i), ("path", s), ("reason", s)]),
    }


def _mention_row(seq: int, m: Mention) -> dict[str, Any]:
    return {
        "seq": seq,
        "id": m.id,
        "article_id": m.article_id,
        "text": m.text,
        "spans": [list(sp) for sp in m.spans],
        "kind": m.kind,
        "speaker": m.speaker,
        "speaker_mention": m.speaker_mention,
        "speaker_span": list(m.speaker_span) if m.speaker_span else None,
        "cue": m.cue,
        "cue_span": list(m.cue_span) if m.cue_span else None,
        "cue_lemma": m.cue_lemma,
        "descriptor": m.descriptor,
        "paragraph": m.paragraph,
        "in_headline": m.in_headline,
        "attribution": m.attribution,
        "quoted_spans": [list(sp) for sp in m.quoted_spans],
        "speaker_via": m.speaker_via,
        "speaker_confidence": m.speaker_confidence,
    }


def _mention(row: dict[str, Any]) -> Mention:
    def span(v: Any) -> tuple[int, int] | None:
        return (int(v[0]), int(v[1])) if v is not None else None

    return Mention(
        id=row["id"],
        article_id=row["article_id"],
        text=row["text"],
        spans=tuple((int(a), int(b)) for a, b in row["spans"]),
        kind=row["kind"],
        speaker=row["speaker"],
        speaker_mention=row["speaker_mention"],
        speaker_span=span(row["speaker_span"]),
        cue=row["cue"],
        cue_span=span(row["cue_span"]),
        cue_lemma=row["cue_lemma"],
        descriptor=row["descriptor"],
        paragraph=row["paragraph"],
        in_headline=bool(row["in_headline"]),
        attribution=row["attribution"],
        quoted_spans=tuple((int(a), int(b)) for a, b in (row["quoted_spans"] or ())),
        speaker_via=row["speaker_via"],
        speaker_confidence=row["speaker_confidence"],
    )


def _write_atomic(table: Any, path: Path) -> None:
    import pyarrow.parquet as pq

    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    pq.write_table(table, tmp, compression="zstd")
    os.replace(tmp, path)


def write_shard(stage: str | os.PathLike[str], name: str, items: Sequence[Item]) -> dict[str, int]:
    """Write one partition's items as a shard (articles, mentions, problems, then the done mark); counts."""
    import pyarrow as pa

    schemas = _schemas()
    rows: dict[str, list[dict[str, Any]]] = {"articles": [], "mentions": [], "problems": []}
    for seq, item in enumerate(items):
        if isinstance(item, ReadProblem):
            rows["problems"].append({"seq": seq, "path": item.path, "reason": item.reason})
            continue
        art, mentions = item
        fields = {f: getattr(art, f) for f in ARTICLE_FIELDS}
        # where it was read from and the ids it may take: the index keeps ids unique per source from these
        rows["articles"].append({"seq": seq, **fields, "source": art.source, "alt_ids": list(art.alt_ids)})
        rows["mentions"].extend(_mention_row(seq, m) for m in mentions)
    root = Path(stage)
    for kind, schema in schemas.items():
        _write_atomic(pa.Table.from_pylist(rows[kind], schema=schema), root / kind / f"{name}.parquet")
    done = root / "done" / name
    done.parent.mkdir(parents=True, exist_ok=True)
    done.write_text(json.dumps({k: len(v) for k, v in rows.items()}) + "\n", encoding="utf-8")
    return {k: len(v) for k, v in rows.items()}


def shard_done(stage: str | os.PathLike[str], name: str) -> bool:
    return (Path(stage) / "done" / name).is_file()


def read_shard(stage: str | os.PathLike[str], name: str) -> list[Item]:
    """One shard's items in their original order."""
    import pyarrow.parquet as pq

    root = Path(stage)
    by_seq: dict[int, Item] = {}
    mentions: dict[int, list[Mention]] = {}
    for row in pq.read_table(root / "mentions" / f"{name}.parquet").to_pylist():
        mentions.setdefault(row["seq"], []).append(_mention(row))
    for row in pq.read_table(root / "articles" / f"{name}.parquet").to_pylist():
        art = Article(
            **{f: row[f] for f in ARTICLE_FIELDS},
            source=row.get("source"),  # absent from stages written before ids were kept unique per source
            alt_ids=tuple(row.get("alt_ids") or ()),
        )
        by_seq[row["seq"]] = (art, mentions.get(row["seq"], []))
    for row in pq.read_table(root / "problems" / f"{name}.parquet").to_pylist():
        by_seq[row["seq"]] = ReadProblem(row["path"], row["reason"])
    return [by_seq[k] for k in sorted(by_seq)]


def write_manifest(stage: str | os.PathLike[str], settings: dict[str, Any], names: Sequence[str]) -> None:
    root = Path(stage)
    root.mkdir(parents=True, exist_ok=True)
    tmp = root / f".{MANIFEST}.tmp"
    tmp.write_text(json.dumps({"settings": settings, "partitions": list(names)}, indent=1) + "\n", encoding="utf-8")
    os.replace(tmp, root / MANIFEST)


def read_manifest(stage: str | os.PathLike[str]) -> dict[str, Any]:
    """The stage's manifest; ValueError naming the problem when there is none or it is damaged."""
    path = Path(stage) / MANIFEST
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ValueError(f"{stage} is not a stage folder (no {MANIFEST})") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ValueError(f"{path}: unreadable manifest ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("partitions"), list):
        raise ValueError(f"{path}: not a quotetrace stage manifest")
    return data


def _flat(rec: dict[str, Any]) -> dict[str, Any]:
    """One export record as flat columns: a nested object's fields become ``<key>_<field>`` columns (``article``
    -> ``article_outlet``, ``article_date``, ...), lists and deeper objects JSON text."""
    out: dict[str, Any] = {}
    for k, v in rec.items():
        if isinstance(v, dict):
            for k2, v2 in v.items():
                out[f"{k}_{k2}"] = json.dumps(v2, ensure_ascii=False) if isinstance(v2, dict | list) else v2
        elif isinstance(v, list):
            out[k] = json.dumps(v, ensure_ascii=False)
        else:
            out[k] = v
    return out


def _column_type(values: Iterable[Any]) -> Any:
    import pyarrow as pa

    kinds = {type(v) for v in values if v is not None}
    if not kinds or kinds - {bool, int, float}:
        return pa.string()
    if kinds == {bool}:
        return pa.bool_()
    return pa.int64() if kinds == {int} else pa.float64()


def _coerce(value: Any, kind: Any) -> Any:
    import pyarrow as pa

    if value is None:
        return None
    if kind == pa.string():
        return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    if kind == pa.bool_():
        return bool(value) if isinstance(value, bool) else None
    if kind == pa.int64():
        return value if isinstance(value, int) else None
    return float(value) if isinstance(value, int | float) else None


def write_records_parquet(records: Iterable[dict[str, Any]], out: Any, *, chunk: int = 50_000) -> int:
    """Write export records as one Parquet file (flat columns, see :func:`_flat`), streamed in row groups; returns
    the rows written. Column types come from the first row group (all-null columns are text); a later value of
    another type is written as text in a text column, null otherwise."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    writer: Any = None
    schema: Any = None
    n = 0
    batch: list[dict[str, Any]] = []

    def flush() -> None:
        nonlocal writer, schema
        if not batch:
            return
        if schema is None:
            names: dict[str, None] = {}
            for r in batch:
                names.update(dict.fromkeys(r))
            schema = pa.schema([(k, _column_type(r.get(k) for r in batch)) for k in names])
            writer = pq.ParquetWriter(out, schema, compression="zstd")
        cols = {f.name: [_coerce(r.get(f.name), f.type) for r in batch] for f in schema}
        writer.write_table(pa.Table.from_pydict(cols, schema=schema))
        batch.clear()

    try:
        for rec in records:
            batch.append(_flat(rec))
            n += 1
            if len(batch) >= chunk:
                flush()
        flush()
        if writer is None:  # no rows: still a valid (empty) Parquet file
            pq.write_table(pa.table({"id": pa.array([], pa.string())}), out)
    finally:
        if writer is not None:
            writer.close()
    return n


def iter_stage(stage: str | os.PathLike[str]) -> Iterator[tuple[str, list[Item] | None]]:
    """Each partition of a stage folder in reading order with its items (None for a shard not written)."""
    for name in read_manifest(stage)["partitions"]:
        yield name, (read_shard(stage, name) if shard_done(stage, name) else None)
