"""Distributed clustering: the corpus clusterer's result (:func:`quotetrace.cluster.cluster_pieces`) computed on a
Dask cluster, piece for piece and id for id.

The corpus clusterer's result is a function of the set of pieces (see the comment above
:class:`quotetrace.cluster.Piece`): wordings are linked when they share enough indexed shingles (a shingle held by
more than ``hot_cap`` wordings links nothing) and pass the text test; a block is a connected component of links,
solved by :func:`quotetrace.cluster.solve_block`; short pieces are then placed per speaker surname. Here each step
is a shuffle between workers, always through the clusterer's own code:

1. **map** (per input partition): each piece is registered as the corpus clusterer registers it (wording or short
   piece); a wording is named by a hash of its canonical form (its words and breaks), so two workers name it alike.
2. **shuffle by blocking key**: (shingle key, wording) postings go to the key's bucket; a bucket drops hot keys and
   counts, per pair of wordings, the keys they share; the counts are summed in the pair's bucket.
3. **link**: a candidate pair with enough shared keys is tested with the clusterer's text test, on the worker
   that holds both wordings (two hops: the pair travels to each side's wording store).
4. **blocks**: components of the links (union-find on the client, over linked wordings only — most wordings link
   to nothing and stay singleton blocks); blocks that share candidates are thereby merged.
5. **solve**: pieces shuffled by block; each block solved on a worker, ids from the founding piece.
6. **short pieces**: long clusters and short pieces shuffled by speaker surname; each surname placed on a worker
   by the clusterer's own short-piece rules.

The client holds only the links (pairs of wording hashes) and the union-find over them; pieces and wordings stay
on the workers.

Every value that travels between tasks is a :class:`_Box`: Dask serialises a list, tuple or dict a task returns
element by element (each tuple its own frames, tens of microseconds apiece), which made the shuffles cost more than
the clustering and grow with the number of candidate pairs; a box is pickled in one go, and unpickled with the
garbage collector paused.
"""

from __future__ import annotations

import functools
import hashlib
import pickle
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any, TypeVar

from quotetrace.cluster import (
    CorpusClusterer,
    Piece,
    PieceRecord,
    cluster_id_for,
    date_ordinal,
    paused_gc,
    shingles_needed,
    solve_block,
)

ContextLoader = Callable[[str], "frozenset[str] | None"]

__all__ = ["distributed_cluster_pieces"]


def _bucket(key: object, buckets: int) -> int:
    """The bucket of a key: shingle keys (ints) and wording names (hashes) as they are, other keys hashed."""
    if isinstance(key, int):
        return key % buckets
    if isinstance(key, bytes):
        return int.from_bytes(key[:4], "big") % buckets
    return int.from_bytes(hashlib.blake2b(str(key).encode("utf-8"), digest_size=4).digest(), "big") % buckets


class _Box:
    """A task's value, pickled by Dask as one object (see the module docstring)."""

    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __getstate__(self) -> bytes:
        return pickle.dumps(self.value, protocol=pickle.HIGHEST_PROTOCOL)

    def __setstate__(self, blob: bytes) -> None:
        # unpickled with the cyclic collector paused: Dask unpickles a fetched value outside any task, in a worker
        # holding millions of objects, where each collection scans them all (pieces unpickled ~40x slower)
        with paused_gc():
            self.value = pickle.loads(blob)


def _open(arg: Any) -> Any:
    """A task's argument with its boxes opened (a box, or a list of boxes: the buckets a reducer fetched)."""
    if isinstance(arg, _Box):
        return arg.value
    if isinstance(arg, list) and arg and isinstance(arg[0], _Box):
        return [a.value for a in arg]
    return arg


F = TypeVar("F", bound=Callable[..., Any])


def _task(func: F) -> F:
    """A step run on a worker: boxed arguments opened, the result boxed, the cyclic garbage collector paused
    (millions of small objects; nothing cyclic)."""

    @functools.wraps(func)
    def run(*args: Any, **kwargs: Any) -> _Box:
        with paused_gc():
            return _Box(func(*map(_open, args), **{k: _open(v) for k, v in kwargs.items()}))

    return run  # type: ignore[return-value]


@_task
def _part(result: Any, field: str | None, index: int) -> Any:
    """One bucket of a task's output (a small task beside it, so a reducer fetches only its bucket)."""
    return (result if field is None else result[field])[index]


@_task
def _field(result: Any, field: str) -> Any:
    return result[field]


def _wid(sortkey: str) -> bytes:
    return hashlib.blake2b(sortkey.encode("utf-8"), digest_size=12).digest()


def _fresh(prefix: str, hot_cap: int, context: ContextLoader | None, params: dict[str, Any]) -> CorpusClusterer:
    return CorpusClusterer(prefix=prefix, hot_cap=hot_cap, context=context, **params)


# ---------------------------------------------------------------------------------------------- 1. map


@_task
def _map_pieces(pieces: Sequence[Piece], buckets: int, conf: dict[str, Any]) -> dict[str, list[Any]]:
    """Register each piece as the corpus clusterer does; split its outputs by destination bucket:
    ``postings`` (key, wid, key count) by key, ``wordings`` (wid, text) by wording, ``long`` pieces (wid, piece)
    in one list (they are routed by block later), ``short`` pieces (wording None) by the surname of their speaker
    ('' when they have none)."""
    cc = _fresh(**conf)
    postings: list[list[tuple[int, bytes, int]]] = [[] for _ in range(buckets)]
    wordings: list[dict[bytes, str]] = [{} for _ in range(buckets)]
    long: list[tuple[bytes, Piece]] = []
    short: list[list[Piece]] = [[] for _ in range(buckets)]
    wid_of: dict[str, bytes] = {}
    surnames: set[str] = set()
    for p in pieces:
        rec = cc._register(p)
        if rec.wording is None:
            person = cc._person(p.speaker)
            if person is not None:
                surnames.add(person.surname)
            short[_bucket(person.surname if person is not None else "", buckets)].append(p)
            continue
        wid = wid_of.get(rec.wording)
        if wid is None:
            w = cc._wordings[rec.wording]
            wid = wid_of[rec.wording] = _wid(w.sortkey)
            b = _bucket(wid, buckets)
            wordings[b][wid] = p.text
            nk = len(w.keys)
            for k in w.keys:
                postings[_bucket(k, buckets)].append((k, wid, nk))
        long.append((wid, p))
        # the local clusterer only names wordings; drop what it would index
        cc._recs.pop(p.id, None)
    return {
        "postings": postings,
        "wordings": wordings,
        "long": long,
        "short": short,
        "surnames": surnames,  # type: ignore[dict-item]
    }


# ------------------------------------------------------------------------------- 2. shuffle by blocking key


@_task
def _key_pairs(parts: Sequence[Sequence[tuple[int, bytes, int]]], buckets: int, hot_cap: int) -> list[Any]:
    """One key bucket: the wordings of each key (a key held by more than ``hot_cap`` wordings is hot: it links
    nothing); per pair of wordings, the keys they share, split by the pair's bucket."""
    holders: dict[int, dict[bytes, int]] = defaultdict(dict)
    for part in parts:
        for k, wid, nk in part:
            holders[k][wid] = nk
    counts: Counter[tuple[bytes, bytes]] = Counter()
    sizes: dict[bytes, int] = {}
    for ws in holders.values():
        if len(ws) < 2 or len(ws) > hot_cap:
            continue
        sizes.update(ws)
        ordered = sorted(ws)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                counts[(a, b)] += 1
    out: list[list[tuple[bytes, bytes, int, int, int]]] = [[] for _ in range(buckets)]
    for (a, b), n in counts.items():
        out[_bucket(a, buckets)].append((a, b, n, sizes[a], sizes[b]))
    return out


@_task
def _candidates(parts: Sequence[Sequence[tuple[bytes, bytes, int, int, int]]], store: dict[bytes, str]) -> list[Any]:
    """One pair bucket (the pairs whose first wording lives here): shared keys summed over key buckets; the pairs
    sharing enough keys, with the first wording's text attached, split by the second wording's bucket."""
    total: Counter[tuple[bytes, bytes]] = Counter()
    sizes: dict[bytes, int] = {}
    for part in parts:
        for a, b, n, na, nb in part:
            total[(a, b)] += n
            sizes[a], sizes[b] = na, nb
    return [
        (a, b, store[a])
        for (a, b), n in total.items()
        if n >= min(shingles_needed(sizes[a]), shingles_needed(sizes[b]))
    ]


@_task
def _split(items: Iterable[tuple[bytes, bytes, str]], buckets: int) -> list[list[tuple[bytes, bytes, str]]]:
    out: list[list[tuple[bytes, bytes, str]]] = [[] for _ in range(buckets)]
    for a, b, text in items:
        out[_bucket(b, buckets)].append((a, b, text))
    return out


@_task
def _merge_stores(parts: Sequence[dict[bytes, str]]) -> dict[bytes, str]:
    out: dict[bytes, str] = {}
    for part in parts:
        for wid, text in part.items():
            out.setdefault(wid, text)
    return out


# -------------------------------------------------------------------------------------------------- 3. link


@_task
def _links(parts: Sequence[Sequence[tuple[bytes, bytes, str]]], store: dict[bytes, str], conf: dict[str, Any]) -> Any:
    """The candidate pairs whose second wording lives here, tested with the corpus clusterer's text test."""
    cc = _fresh(**conf)
    memo: dict[bytes, Any] = {}

    def wording(wid: bytes, text: str) -> Any:
        w = memo.get(wid)
        if w is None:
            rec = cc._register(Piece("w", text))
            w = memo[wid] = cc._wordings[rec.wording]  # type: ignore[index]
            cc._recs.clear()
        return w

    out: list[tuple[bytes, bytes]] = []
    for part in parts:
        for a, b, text in part:
            if cc._linked(wording(a, text), wording(b, store[b])):
                out.append((a, b))
    return out


# ------------------------------------------------------------------------------------------------- 4. blocks


def _components(links: Iterable[Sequence[tuple[bytes, bytes]]]) -> dict[bytes, bytes]:
    """Linked wording -> its block's name (the smallest wording hash of the component)."""
    parent: dict[bytes, bytes] = {}

    def find(x: bytes) -> bytes:
        root = x
        while parent.get(root, root) != root:
            root = parent[root]
        while parent.get(x, x) != root:
            parent[x], x = root, parent[x]
        return root

    for part in links:
        for a, b in part:
            ra, rb = find(a), find(b)
            if ra != rb:
                if rb < ra:
                    ra, rb = rb, ra
                parent[rb] = ra
            parent.setdefault(ra, ra)
    return {x: find(x) for x in parent}


# -------------------------------------------------------------------------------------------------- 5. solve


@_task
def _route_blocks(long: Sequence[tuple[bytes, Piece]], block_of: dict[bytes, bytes], buckets: int) -> list[Any]:
    out: list[list[tuple[bytes, Piece]]] = [[] for _ in range(buckets)]
    for wid, p in long:
        block = block_of.get(wid, wid)
        out[_bucket(block, buckets)].append((block, p))
    return out


@_task
def _solve(
    parts: Sequence[Sequence[tuple[bytes, Piece]]], buckets: int, conf: dict[str, Any], short_names: set[str]
) -> dict[str, Any]:
    """Solve every block of this bucket (:func:`solve_block`, ids from the founders); the pieces of each cluster
    whose person's surname has short pieces go on to that surname's bucket, where short pieces are placed."""
    blocks: dict[bytes, list[Piece]] = defaultdict(list)
    for part in parts:
        for block, p in part:
            blocks[block].append(p)
    cc = _fresh(**conf)
    assign: dict[str, str] = {}
    by_surname: list[list[tuple[str, Piece]]] = [[] for _ in range(buckets)]
    for pieces in blocks.values():
        for group in solve_block(pieces, cc._context, cc.params, cc._enc):
            cid = cluster_id_for(group[0].id, cc.prefix)
            for p in group:
                assign[p.id] = cid
            _, person = cc._cluster_person([p.speaker for p in group])
            if person is not None and person.surname in short_names:
                b = _bucket(person.surname, buckets)
                by_surname[b].extend((cid, p) for p in group)
    return {"assign": assign, "clusters": by_surname}


# -------------------------------------------------------------------------------------------- 6. short pieces


@_task
def _place_shorts(
    clusters: Sequence[Sequence[tuple[str, Piece]]], shorts: Sequence[Sequence[Piece]], conf: dict[str, Any]
) -> dict[str, str]:
    """One surname bucket: the long clusters whose person has these surnames, described as the corpus clusterer
    describes them, and the short pieces of these surnames placed by its own rules."""
    cc = _fresh(**conf)
    members: dict[str, list[Piece]] = defaultdict(list)
    for part in clusters:
        for cid, p in part:
            members[cid].append(p)
    enc = cc._enc
    for cid, pieces in members.items():
        for p in pieces:
            # what the short-piece rules read of a long piece: its word characters and day (no shingle index)
            cc._recs[p.id] = PieceRecord(p, "long", enc._prepare(p.text)[1], date_ordinal(p.date))
            cc._set_assignment(p.id, cid)
    for cid in members:
        cc._describe(cid)
    short_ids: set[str] = set()
    for bucket in shorts:
        for sp in bucket:
            cc._register(sp)
            short_ids.add(sp.id)
    cc._place_shorts(short_ids, set(), {})
    return {pid: cid for pid, cid in cc._assign.items() if pid in short_ids}


# ------------------------------------------------------------------------------------------------ the driver


def _unbox(result: _Box, field: str | None) -> Any:
    """A result dict as the caller gets it with ``collect`` False, unboxed (its own contract)."""
    return result.value if field is None else result.value[field]


def distributed_cluster_pieces(
    client: Any,
    partitions: Sequence[Any],
    *,
    prefix: str = "q",
    hot_cap: int = 48,
    context: ContextLoader | None = None,
    buckets: int | None = None,
    collect: bool = True,
    **params: Any,
) -> Any:
    """Piece id -> cluster id for the pieces of ``partitions`` (lists of :class:`Piece`, or futures of them), the
    same as :func:`quotetrace.cluster.cluster_pieces` on all of them, computed on ``client``'s cluster.

    ``context`` (article id -> story terms, or None) must be picklable: it runs on the workers. With ``collect``
    False the result stays on the cluster: a list of futures of dicts (one per bucket) to gather or to write out.
    """
    nthreads = max(1, sum(client.nthreads().values()))
    B = buckets or max(2, 2 * nthreads)
    conf = {"prefix": prefix, "hot_cap": hot_cap, "context": context, "params": params}
    maps = [client.submit(_map_pieces, part, B, conf, pure=False) for part in partitions]

    def bucket(futs: Sequence[Any], field: str | None, j: int) -> list[Any]:
        return [client.submit(_part, f, field, j, pure=False) for f in futs]

    stores = [client.submit(_merge_stores, bucket(maps, "wordings", j), pure=False) for j in range(B)]
    keyed = [client.submit(_key_pairs, bucket(maps, "postings", j), B, hot_cap, pure=False) for j in range(B)]
    cands = [client.submit(_candidates, bucket(keyed, None, j), stores[j], pure=False) for j in range(B)]
    split = [client.submit(_split, c, B, pure=False) for c in cands]
    links = [client.submit(_links, bucket(split, None, j), stores[j], conf, pure=False) for j in range(B)]
    block_of = _components(b.value for b in client.gather(links))
    del keyed, cands, split, links, stores
    blocks_map = client.scatter([_Box(block_of)], broadcast=True)[0]
    surnames = [client.submit(_field, m, "surnames", pure=False) for m in maps]
    short_names: set[str] = set().union(*(b.value for b in client.gather(surnames)))
    names = client.scatter([_Box(short_names)], broadcast=True)[0]
    longs = [client.submit(_field, m, "long", pure=False) for m in maps]
    routed = [client.submit(_route_blocks, lng, blocks_map, B, pure=False) for lng in longs]
    solved = [client.submit(_solve, bucket(routed, None, j), B, conf, names, pure=False) for j in range(B)]
    placed = [
        client.submit(_place_shorts, bucket(solved, "clusters", j), bucket(maps, "short", j), conf, pure=False)
        for j in range(B)
    ]
    if not collect:
        return [client.submit(_unbox, s, "assign", pure=False) for s in solved] + [
            client.submit(_unbox, p, None, pure=False) for p in placed
        ]
    out: dict[str, str] = {}
    for part in client.gather([client.submit(_field, s, "assign", pure=False) for s in solved] + placed):
        out.update(part.value)
    return out
