"""What a cluster is shown as, decided from its members: its fullest wording, its speaker (the consensus of the
outlets' attributions) with the other spellings and people named, its kind, and where and when it was first seen
(with the outlets tied on that date); and the wording its appearances are compared with (:func:`reference_wording`).
The store writes the result as given (``store.ClusterValues``)."""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache
from typing import Any

from quotetrace.normalise import normalise_quote
from quotetrace.store.rows import ClusterValues, MemberRow

__all__ = [
    "DEFAULT_CONFIDENCE",
    "first_seen_order",
    "reference_wording",
    "same_moment",
    "speaker_consensus",
    "summarise",
]

DEFAULT_CONFIDENCE = 0.5  # the vote of a mention stored before attributions carried a confidence


def same_moment(a: str | None, b: str | None) -> bool:
    """Dates compared at the precision both carry: a bare day ties with any time on that day."""
    if a is None or b is None:
        return a is None and b is None
    if len(a) <= 10 or len(b) <= 10:
        return a[:10] == b[:10]
    return a == b


@lru_cache(maxsize=65536)
def _name_words(name: str) -> int:
    from quotetrace.people import name_key

    return min(len(name_key(name).split()), 3)


def _neg_fullness(name: str) -> tuple[int, int, str]:
    """Sort key parts: fuller names first (more name words, longer), then alphabetical."""
    return (-_name_words(name), -len(name), name)


def first_seen_order(members: Sequence[MemberRow]) -> list[MemberRow]:
    """Members in the order a cluster was seen: dated first (earliest first), then article id and position."""
    return sorted(members, key=lambda r: (r.date is None, r.date or "", r.article_id, r.start))


def speaker_consensus(
    votes: dict[str, float], mentions: dict[str, int], said_by: dict[str, list[str]]
) -> tuple[str | None, float | None, list[dict[str, Any]]]:
    """(speaker, their share of the vote, attributions): the person the mentions name with the most confidence in
    all (then the most mentions, then the fuller name); every person named is listed with the outlets naming them.
    ``votes``: person -> summed attribution confidence; ``mentions``: person -> mentions; ``said_by``: person ->
    the outlets attributing the words to them."""
    ranked = sorted(votes, key=lambda s: (-round(votes[s], 6), -mentions[s], *_neg_fullness(s)))
    speaker = ranked[0] if ranked else None
    total = sum(votes.values())
    share = round(votes[speaker] / total, 3) if speaker is not None and total > 0 else None
    attributions = [
        {"speaker": s, "outlets": said_by[s], "mentions": mentions[s], "weight": round(votes[s], 3)} for s in ranked
    ]
    return speaker, share, attributions


def summarise(members: Sequence[MemberRow]) -> ClusterValues:
    """The summary of a cluster from its members (at least one): every piece with its mention and article."""
    rows = first_seen_order(members)
    kinds = {"direct": 0, "mixed": 0, "indirect": 0}
    speaker_counts: dict[str, int] = {}
    votes: dict[str, float] = {}  # person -> summed attribution confidence
    said_by: dict[str, list[str]] = {}  # person -> outlets attributing the words to them
    printed: dict[tuple[str, str | None], int] = {}  # (person, spelling printed) -> mentions, for the variants
    outlet_order: list[str] = []
    articles: set[str] = set()
    wordings: dict[str, str] = {}
    # the fullest wording: the most words, the first seen among equals (what appearances are compared with
    # refines it: reference_wording)
    best_text, best_len = rows[0].cluster_text, -1
    best_norm = rows[0].norm
    counted: set[str] = set()
    for r in rows:
        if r.mention_id not in counted:  # a mention counts once, however many of its pieces are here
            counted.add(r.mention_id)
            kinds[r.kind] = kinds.get(r.kind, 0) + 1
            spk = r.person
            if spk:
                speaker_counts[spk] = speaker_counts.get(spk, 0) + 1
                conf = r.confidence
                votes[spk] = votes.get(spk, 0.0) + (conf if conf is not None else DEFAULT_CONFIDENCE)
                by = said_by.setdefault(spk, [])
                if r.outlet and r.outlet not in by:
                    by.append(r.outlet)
                printed[(spk, r.speaker)] = printed.get((spk, r.speaker), 0) + 1
        if r.outlet and r.outlet not in outlet_order:
            outlet_order.append(r.outlet)
        articles.add(r.article_id)
        wordings.setdefault(r.norm, r.cluster_text)
        n = r.norm.count(" ") + 1 if r.norm else 0
        if n > best_len:
            best_text, best_norm, best_len = r.cluster_text, r.norm, n
    speaker, share, attributions = speaker_consensus(votes, speaker_counts, said_by)
    # the other spellings of the speaker's own name (other people named are in ``attributions``)
    own = {str(spelling): n for (person, spelling), n in printed.items() if person == speaker}
    variants = sorted((s for s in own if s != speaker), key=lambda s: (-own[s], s))
    first = rows[0]
    ties: list[str] = []
    if first.date is not None:
        for r in rows[1:]:
            if not same_moment(first.date, r.date):
                break
            if r.outlet and r.outlet != first.outlet and r.outlet not in ties:
                ties.append(r.outlet)
    dated = [r.date for r in rows if r.date]
    total = len(counted)
    kind = "direct" if kinds["direct"] == total else "indirect" if kinds["indirect"] == total else "mixed"
    return ClusterValues(
        speaker=speaker,
        text=best_text,
        norm_text=best_norm,
        kind=kind,
        kinds=kinds,
        mention_count=total,
        article_count=len(articles),
        outlets=tuple(outlet_order),
        first_date=first.date,
        first_outlet=first.outlet,
        first_article_id=first.article_id,
        tied_outlets=tuple(ties),
        last_date=max(dated) if dated else None,
        variants=tuple(variants),
        attributions=tuple(attributions),
        misattributed=len(attributions) > 1,
        speaker_confidence=share,
        wordings=tuple(list(wordings)[:8]),
    )


def reference_wording(canonical: str, wordings: Sequence[tuple[str, str, str]]) -> str:
    """The wording a cluster's appearances are compared with (``show``, ``export --framing``, ``outlets``): its
    fullest wording ``canonical`` (:func:`summarise`: the most words), except when the wordings longest in
    normalised characters differ (word order, one word for another): then the one whose outlet printed more of the
    statement around it (the longer quotation it belongs to), then the later article id. ``wordings``: (mention
    text, words clustered, article id)."""
    texts = [(normalise_quote(w or t), t, w or t, aid) for t, w, aid in wordings]
    longest = max((len(n) for n, _, _, _ in texts), default=0)
    tied = [x for x in texts if len(x[0]) == longest]
    if len({x[0] for x in tied}) < 2:
        return canonical
    best = max(tied, key=lambda x: (len(x[1]), x[3]))
    return best[2]
