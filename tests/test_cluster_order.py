"""Clusters and ids as a function of the corpus: order, batch size and number of runs never change them."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quotetrace.cluster import CorpusClusterer, Piece, cluster_id_for, cluster_pieces, solve_block

VOS = "Katarina Vos"
BASE = [
    "We will defend every inch of allied territory, and we will not back down",
    "The bridge is closed for good because every engineer says it is unsafe",
    "Nobody wins a trade war, and the farmers in Iowa will pay the price for this reckless policy",
    "I think the minister has run out of road on the tram contract this year",
    "Undoubtedly, there is collusion between the campaign and the foreign government",
]


def _corpus(seed: int) -> list[Piece]:
    """Originals, fragments, variants, other-speaker copies and short fragments over a few days and articles."""
    rng = random.Random(seed)
    speakers = [VOS, "Vos", "Antony Blinken", "Blinken", None, "Maria Lopez", "Lopez", "Jens Stoltenberg"]
    out: list[Piece] = []
    for i in range(40):
        base = rng.choice(BASE).split()
        kind = rng.randrange(5)
        if kind == 0 and len(base) > 6:
            k = rng.randint(2, len(base) - 1)
            s = rng.randint(0, len(base) - k)
            words = base[s : s + k]
        elif kind == 1:
            words = [w.upper() if rng.random() < 0.2 else w for w in base]
        elif kind == 2:
            words = [*base[:3], "…", *base[5:]]
        elif kind == 3:
            words = base[:2]
        else:
            words = base
        day = rng.randint(1, 6)
        art = f"a{rng.randint(0, 9)}"
        out.append(
            Piece(f"p{i}", " ".join(words), rng.choice(speakers), f"2024-03-{day:02d}", art, rng.randint(0, 500))
        )
    return out


def _runs(pieces: list[Piece], batch: int, runs: int) -> dict[str, str]:
    """Ingest in batches of ``batch``, spread over ``runs`` separate clusterers (each restored from the last)."""
    chunks = [pieces[i : i + batch] for i in range(0, len(pieces), batch)]
    per_run = max(1, -(-len(chunks) // runs))
    assign: dict[str, str] = {}
    done: list[Piece] = []
    for r in range(0, len(chunks), per_run):
        cc = CorpusClusterer()
        cc.load(done, assign)
        for chunk in chunks[r : r + per_run]:
            cc.update(chunk)
            done.extend(chunk)
        assign = cc.assignments()
    return assign


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    seed=st.integers(0, 50),
    shuffle=st.randoms(use_true_random=False),
    batch=st.sampled_from([1, 2, 64]),
    runs=st.sampled_from([1, 2, 5]),
)
def test_clusters_and_ids_depend_only_on_the_set(seed: int, shuffle: random.Random, batch: int, runs: int) -> None:
    pieces = _corpus(seed)
    want = cluster_pieces(pieces)
    order = list(pieces)
    shuffle.shuffle(order)
    assert _runs(order, batch, runs) == want


@settings(max_examples=15, deadline=None)
@given(
    seed=st.integers(0, 50), drop=st.sets(st.integers(0, 39), max_size=10), shuffle=st.randoms(use_true_random=False)
)
def test_removing_pieces_gives_the_clusters_of_the_smaller_set(
    seed: int, drop: set[int], shuffle: random.Random
) -> None:
    pieces = _corpus(seed)
    kept = [p for i, p in enumerate(pieces) if i not in drop]
    order = list(pieces)
    shuffle.shuffle(order)
    cc = CorpusClusterer()
    cc.update(order[:20])
    cc.update(order[20:])
    changed = cc.update(removed=[f"p{i}" for i in drop])
    assert all(changed[f"p{i}"] is None for i in drop if f"p{i}" in changed)
    assert cc.assignments() == cluster_pieces(kept)


def test_update_reports_every_changed_piece() -> None:
    pieces = _corpus(3)
    cc = CorpusClusterer()
    seen: dict[str, str] = {}
    for i in range(0, len(pieces), 7):
        for pid, cid in cc.update(pieces[i : i + 7]).items():
            assert cid is not None
            seen[pid] = cid
    assert seen == cc.assignments()


def test_unrelated_pieces_keep_ids_and_a_later_copy_keeps_its_cluster_id() -> None:
    one = Piece("p1", BASE[0], VOS, "2024-03-01", "a1", 10)
    two = Piece("p2", BASE[1], "Maria Lopez", "2024-03-01", "a1", 200)
    base = cluster_pieces([one, two])
    assert base == {"p1": cluster_id_for("p1"), "p2": cluster_id_for("p2")}
    later = Piece("p3", BASE[0], "Vos", "2024-03-02", "a2", 5)
    other = Piece("p4", BASE[2], "Lopez", "2024-03-02", "a2", 90)
    full = cluster_pieces([one, two, later, other])
    assert full["p1"] == full["p3"] == base["p1"] and full["p2"] == base["p2"]


def test_an_earlier_copy_founds_the_cluster() -> None:
    late = Piece("p1", BASE[0], VOS, "2024-03-05", "a1", 10)
    early = Piece("p2", BASE[0], VOS, "2024-03-01", "a0", 10)
    got = cluster_pieces([late, early])
    assert got == {"p1": cluster_id_for("p2"), "p2": cluster_id_for("p2")}


def test_solve_block_is_pure() -> None:
    pieces = _corpus(7)
    a = solve_block(pieces)
    b = solve_block(list(reversed(pieces)))
    assert a == b
    assert all(g == sorted(g, key=lambda p: p.order) for g in a)


def test_long_wording_is_one_quote_whoever_was_named_short_needs_the_same_speaker() -> None:
    long_ = "Nobody wins a trade war, and the farmers in Iowa will pay the price for this reckless policy"
    got = cluster_pieces(
        [
            Piece("p1", long_, "Maria Lopez", "2024-03-01", "a1", 0),
            Piece("p2", long_, "Antony Blinken", "2024-03-01", "a2", 0),
            Piece("p3", "a trade war", "Antony Blinken", "2024-03-01", "a2", 300),
            Piece("p4", "a trade war", "Jens Stoltenberg", "2024-03-01", "a3", 300),
        ]
    )
    assert got["p1"] == got["p2"]
    assert got["p4"] != got["p1"]


def test_hot_phrases_link_nothing_and_the_result_still_depends_only_on_the_set() -> None:
    common = "the price of bread and milk"
    pieces = [
        Piece(
            f"p{i}",
            f"{common} went up again in town number {i} said the mayor",
            f"Person{i} Name{i}",
            "2024-03-01",
            f"a{i}",
            0,
        )
        for i in range(12)
    ]
    want = CorpusClusterer(hot_cap=3)
    want.update(pieces)
    for order in (pieces, list(reversed(pieces))):
        cc = CorpusClusterer(hot_cap=3)
        for p in order:
            cc.update([p])
        assert cc.assignments() == want.assignments()
