"""A learned ranker over the speaker candidates of a quotation (issue 12), behind ``$QUOTETRACE_SPEAKER_RANKER``.

After the rules of :mod:`direct` have attributed a quotation, :func:`rerank` gathers who else could have said it
(the subjects of the cues before, after and inside it, the people named in its paragraph and the one before, the
previous speaker), describes each with features that say nothing of particular names or outlets (kind, distance,
direction, subject of a speech verb, picked by the rules, last speaker, ...), scores them with a logistic model
whose weights ship as ``quotetrace/data/speaker_ranker.json`` (trained by ``python -m bench.train_ranker`` on
PolNeAR train) and may replace the rules' speaker with the best-scored candidate.

Modes (``$QUOTETRACE_SPEAKER_RANKER``): ``low`` (the default) — only where the rules found the speaker in a weak
way (follow-on, pronoun, a guessed subject, none); ``0`` — off, the rules alone; ``1`` — the ranker decides every
quotation. ``low`` is the default because it was chosen on the tuning data and then raised every held-out figure
(BENCHMARKS §32). Plain Python at run time: no scikit-learn, no numpy.
"""

from __future__ import annotations

import bisect
import math
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from spacy.tokens import Token

from quotetrace.config import RANKER_ENV, ranker_mode
from quotetrace.nlp.attribution.context import Context
from quotetrace.nlp.attribution.cues import addressee, cue_after, cue_before, cue_in
from quotetrace.nlp.attribution.found import Found
from quotetrace.nlp.attribution.quotes import is_scare, is_standalone, is_title
from quotetrace.nlp.attribution.subjects import from_cue
from quotetrace.text.data import read_json
from quotetrace.text.fold import fold_cached as fold

ENV = RANKER_ENV
MODEL_FILE = "speaker_ranker.json"
COLLECT_KEY = "quotetrace_ranker_rows"  # doc.user_data key where rows are kept for training (see :func:`collect`)
WEAK_VIA = {"follow-on", "pronoun", None}
_WORD = re.compile(r"[\w'’-]+")
_collect = False


def mode() -> str:
    """The ranker mode from the environment: "low" (unset, empty or unknown), "off" or "always"."""
    return ranker_mode()


def collect(on: bool) -> None:
    """Keep every quotation's candidates and features in ``doc.user_data[COLLECT_KEY]`` (training only)."""
    global _collect
    _collect = on


@dataclass
class Cand:
    """One identity that could have said the quotation, with where it is printed and how it was found."""

    key: str
    name: str
    kind: str | None
    via: str | None = None
    mention: str | None = None
    span: tuple[int, int] | None = None  # the printed mention the speaker would be credited at
    spans: list[tuple[int, int]] = field(default_factory=list)  # every mention seen in the window
    subj: list[bool] = field(default_factory=list)  # each mention: the subject of its clause
    src: set[str] = field(default_factory=set)  # rule, cue_before, cue_after, cue_in, last, named
    descriptor: str | None = None
    guessed: bool = False


@dataclass(frozen=True)
class Model:
    weights: dict[str, float]
    bias: float
    threshold: float  # the lowest probability at which a candidate replaces the rules' (non-)choice


@lru_cache(maxsize=1)
def load_model() -> Model:
    """The shipped weights (read once)."""
    d = read_json(MODEL_FILE)
    return Model({k: float(v) for k, v in d["weights"].items()}, float(d["bias"]), float(d.get("threshold", 0.5)))


def score(model: Model, feats: dict[str, float]) -> float:
    """The model's probability that a candidate with ``feats`` is the speaker."""
    z = model.bias + sum(model.weights.get(k, 0.0) * v for k, v in feats.items())
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def _key(name: str | None, kind: str | None, via: str | None) -> str:
    if name is None:
        return ""
    return ("d:" if via == "description" else "n:") + fold(name)


def _ident(ctx: Context, name: str, kind: str | None) -> str:
    """The identity key of a name: its registered person, so that "Obama" and "Barack Obama" meet."""
    p = ctx.registry.lookup(name, "PERSON") if kind == "PERSON" else None
    p = p or ctx.registry.lookup(name, kind or "ORG")
    return "n:" + fold(p.name if p is not None else name)


def _ent_span(ctx: Context, offset: int) -> tuple[int, int]:
    i = bisect.bisect_left(ctx.ent_starts, offset)
    if i < len(ctx.ents) and ctx.ents[i].start_char == offset:
        return offset, ctx.ents[i].end_char
    t = ctx.tok_at(offset)
    return (offset, t.idx + len(t)) if t is not None else (offset, offset + 1)


def _place_or_group(ctx: Context, offset: int) -> bool:
    """Whether the entity printed at ``offset`` is a place or a nationality/group ("Kansas", "Mexican")."""
    return ctx.label_at(offset) in {"GPE", "NORP", "LOC"}


#: How far (characters) before and after a quotation a name counts as named nearby: more than two paragraphs of
#: any article (the window changes nothing there); in one paragraph of thousands of quotations it keeps the work
#: per quotation bounded.
NEARBY = 4000


def _qualifies(f: Found, offset: int) -> bool:
    """Whether the name at ``offset`` lies inside the description the rules credited ``f`` to: it qualifies an
    unnamed source ("a winemaker in Chambolle-Musigny", "a spokesman for the ministry") and is not its speaker."""
    return f.via == "description" and f.speaker_span is not None and f.speaker_span[0] <= offset < f.speaker_span[1]


def _attributed(ctx: Context, f: Found) -> Cand:
    """The candidate a rule's attribution of ``f`` names (``f.speaker`` is set), keyed by identity."""
    assert f.speaker is not None
    k = _key(f.speaker, f.speaker_kind, f.via)
    if k.startswith("n:"):
        k = _ident(ctx, f.speaker, f.speaker_kind)
    return Cand(
        k,
        f.speaker,
        f.speaker_kind,
        f.via,
        f.speaker_mention,
        f.speaker_span,
        descriptor=f.descriptor,
        guessed=f.guessed_subject,
    )


def candidates(ctx: Context, f: Found, last: Found | None) -> list[Cand]:
    """Who could have said ``f``: the rules' pick, the cues' subjects, the people named nearby, the last speaker."""
    out: dict[str, Cand] = {}

    def add(c: Cand, src: str) -> None:
        have = out.get(c.key)
        if have is None:
            c.src.add(src)
            out[c.key] = c
            return
        have.src.add(src)
        if have.span is None and c.span is not None:
            have.span, have.mention = c.span, c.mention

    if f.speaker is not None:
        add(_attributed(ctx, f), "rule")
    first, final = f.quotes[0], f.quotes[-1]
    pi = ctx.para_index(first.start)
    para_start = ctx.paras[pi][0]
    last_para_end = ctx.paras[ctx.para_index(final.start)][1]
    close = final.close_at + 1 if final.close_at is not None else final.end
    cues: list[tuple[Token | None, str]] = [
        (cue_before(ctx, para_start, first.open_at), "cue_before"),
        (cue_after(ctx, close, last_para_end), "cue_after"),
    ]
    for a, b in zip(f.quotes, f.quotes[1:], strict=False):
        if a.close_at is not None:
            cues.append((cue_in(ctx, a.close_at + 1, b.open_at), "cue_in"))
    for cue, src in cues:
        if cue is None:
            continue
        g = Found(spans=f.spans, quotes=f.quotes)
        from_cue(ctx, g, cue, src)
        if g.speaker is not None:
            add(_attributed(ctx, g), src)
    if last is not None and last.speaker is not None:
        k = _key(last.speaker, last.speaker_kind, last.via)
        if k.startswith("n:"):
            k = _ident(ctx, last.speaker, last.speaker_kind)
        add(Cand(k, last.speaker, last.speaker_kind, "follow-on"), "last")
    # the people named in this paragraph and the one before (outside quotations), within NEARBY characters of the
    # quotation: a paragraph of thousands of quotations (hostile input) must not make each one scan every name
    lo = max(ctx.paras[pi - 1][0] if pi > 0 else para_start, first.open_at - NEARBY)
    hi = min(last_para_end, close + NEARBY)
    i = ctx.before(lo)
    while i < len(ctx.candidates) and ctx.candidates[i][0] < hi:
        pos, p, is_subj = ctx.candidates[i]
        i += 1
        k = "n:" + fold(p.name)
        span = _ent_span(ctx, pos)
        c = out.get(k)
        if c is None and (_place_or_group(ctx, pos) or addressee(ctx, pos) or _qualifies(f, pos)):
            # a place or a nationality only named nearby never speaks (a cue's subject may: "Russia said"), nor
            # whoever was spoken to ("she told the New York Times"), nor a name inside an unnamed source's
            # description ("a winemaker in Chambolle-Musigny")
            continue
        if c is None:
            c = Cand(k, p.name, p.kind, "name", ctx.text[span[0] : span[1]], None)
            add(c, "named")
        else:
            c.src.add("named")
        c.spans.append(span)
        c.subj.append(is_subj)
    q_lo = first.open_at
    for c in out.values():
        if c.span is None and c.spans:
            # credited where it is printed nearest the quotation (before it on a tie)
            c.span = min(c.spans, key=lambda sp: (abs(sp[0] - q_lo), sp[0] > q_lo))
            c.mention = ctx.text[c.span[0] : c.span[1]]
            c.src.add("span_from_named")
    return list(out.values())


def _sent_bounds(ctx: Context, offset: int) -> tuple[int, int]:
    t = ctx.tok_at(offset)
    if t is None:
        return offset, offset
    s = t.sent
    return s.start_char, s.end_char


def features(ctx: Context, f: Found, last: Found | None, cands: list[Cand]) -> list[dict[str, float]]:
    """One feature dict per candidate (names of features never hold words of the text)."""
    first, final = f.quotes[0], f.quotes[-1]
    q_lo = first.open_at
    q_hi = final.close_at + 1 if final.close_at is not None else final.end
    pi = ctx.para_index(first.start)
    para_start, para_end = ctx.paras[pi]
    prev_start = ctx.paras[pi - 1][0] if pi > 0 else para_start
    s_lo, _ = _sent_bounds(ctx, q_lo)
    _, s_hi = _sent_bounds(ctx, max(q_lo, q_hi - 1))
    standalone = is_standalone(ctx, f, para_start)
    starts_para = not ctx.text[para_start:q_lo].strip()
    ends_para = not ctx.text[q_hi : ctx.paras[ctx.para_index(final.start)][1]].strip(" .,\n")
    rule_via = f.via if f.speaker is not None else None
    rule_weak = f.speaker is None or rule_via in WEAK_VIA or f.guessed_subject
    quote_words = {w for q in f.quotes for w in _WORD.findall(fold(ctx.text[q.start : q.end]))}
    gap_paras = (pi - last.paragraph) if last is not None else 99

    # distance order of the candidates' nearest mentions
    def nearest(c: Cand) -> int:
        ds = [min(abs(s - q_lo), abs(s - q_hi)) for s, _ in c.spans + ([c.span] if c.span else [])]
        return min(ds) if ds else 10**6

    order = sorted(range(len(cands)), key=lambda j: nearest(cands[j]))
    rank = {j: r for r, j in enumerate(order)}
    rows: list[dict[str, float]] = []
    for j, c in enumerate(cands):
        x: dict[str, float] = {}
        is_rule = "rule" in c.src
        x["kind_person"] = float(c.kind == "PERSON" and c.via != "description")
        x["kind_org"] = float(c.kind == "ORG")
        x["kind_desc"] = float(c.via == "description")
        x["rule"] = float(is_rule)
        if is_rule:
            x[f"rule_via_{rule_via or 'none'}"] = 1.0
            x[f"rule_by_{f.rule or 'none'}"] = 1.0
            x["rule_guessed"] = float(f.guessed_subject)
        else:
            x["alt_rule_weak"] = float(rule_weak)
            x["alt_rule_none"] = float(f.speaker is None)
            x[f"alt_vs_{rule_via or 'none'}"] = 1.0
        for src in ("cue_before", "cue_after", "cue_in", "last", "named"):
            x[src] = float(src in c.src)
        cue_src = c.src & {"cue_before", "cue_after", "cue_in"}
        if cue_src:
            x[f"cue_via_{c.via or 'none'}"] = 1.0
            x["cue_guessed"] = float(c.guessed)
        if "last" in c.src:
            x["last_standalone"] = float(standalone)
            x["last_gap0"] = float(gap_paras == 0)
            x["last_gap1"] = float(gap_paras == 1)
            x["last_gap2p"] = float(gap_paras >= 2)
            x["last_starts_para"] = float(starts_para)
        spans = c.spans
        before = [q_lo - e for s, e in spans if e <= q_lo]
        after = [s - q_hi for s, e in spans if s >= q_hi]
        x["n_mentions"] = math.log1p(len(spans))
        x["m_before"] = float(bool(before))
        x["m_after"] = float(bool(after))
        if before:
            x["d_before"] = math.log1p(min(before)) / 8.0
        if after:
            x["d_after"] = math.log1p(min(after)) / 8.0
        x["m_same_sent"] = float(any(s_lo <= s < s_hi for s, _ in spans))
        x["m_same_para"] = float(any(para_start <= s < para_end for s, _ in spans))
        x["m_prev_para"] = float(any(prev_start <= s < para_start for s, _ in spans))
        x["m_subj"] = float(any(c.subj))
        subj_at = [s for (s, _), b in zip(spans, c.subj, strict=True) if b]
        x["m_subj_same_para"] = float(any(para_start <= s < para_end for s in subj_at))
        x["m_subj_prev_para"] = float(any(prev_start <= s < para_start for s in subj_at))
        x["m_subj_same_sent"] = float(any(s_lo <= s < s_hi for s in subj_at))
        x["in_head_para"] = float(bool(spans) and all(ctx.para_index(s) == 0 for s, _ in spans) and pi > 0)
        x["nearest"] = float(rank[j] == 0)
        x["second"] = float(rank[j] == 1)
        x["no_span"] = float(c.span is None)
        surname = fold(c.name.split()[-1]) if c.name and c.kind == "PERSON" else ""
        x["named_in_quote"] = float(len(surname) > 2 and surname in quote_words)
        x["standalone_named"] = float(standalone and "named" in c.src)
        x["starts_para_prev_subj"] = x["m_subj_prev_para"] * float(starts_para)
        x["ends_para_after"] = float(ends_para) * x["m_after"]
        x["n_cands"] = math.log1p(len(cands))
        rows.append(x)
    return rows


def rerank(ctx: Context, f: Found, last: Found | None) -> None:
    """Let the ranker choose the speaker of a quotation the rules have attributed (or could not)."""
    m = mode()
    if m == "off" and not _collect:
        return
    rule_weak = f.speaker is None or f.via in WEAK_VIA or f.guessed_subject
    if m == "low" and not rule_weak and not _collect:
        return  # the rules were sure: nothing to gather
    if f.speaker is None and (is_title(ctx, f) or is_scare(ctx, f)):
        return
    cands = candidates(ctx, f, last)
    if not cands:
        return
    feats = features(ctx, f, last, cands)
    if _collect:
        ctx.doc.user_data.setdefault(COLLECT_KEY, []).append(
            {
                "spans": list(f.spans),
                "cands": [
                    {"name": c.name, "kind": c.kind, "span": c.span, "spans": c.spans, "src": sorted(c.src), "x": x}
                    for c, x in zip(cands, feats, strict=True)
                ],
            }
        )
    if m == "off":
        return
    if m == "low" and not rule_weak:
        return
    model = load_model()
    scores = [score(model, x) for x in feats]
    j = max(range(len(cands)), key=lambda k: scores[k])
    best = cands[j]
    if "rule" in best.src:
        return
    if f.speaker is None and scores[j] < model.threshold:
        return
    apply(f, best)


def apply(f: Found, c: Cand) -> None:
    """Credit ``f`` to the candidate ``c``."""
    f.speaker, f.speaker_kind = c.name, c.kind
    f.speaker_span = c.span
    f.speaker_mention = c.mention if c.span is not None else None
    f.descriptor = c.descriptor
    f.guessed_subject = c.guessed
    f.via = c.via if c.via in {"name", "pronoun", "descriptor", "description", "document", "joint"} else "follow-on"
    if f.rule is None:
        f.rule = "ranker"


def gather(docs: list[tuple[str, str]]) -> list[dict[str, Any]]:
    """Training data: every quotation's candidates and features in each ``(id, text)`` (article offsets), one dict
    per quotation, parsed and attributed as extraction does with the ranker off. Used by ``bench.train_ranker`` and
    ``bench.realweb_eval --ranker-rows``; never at ingest."""
    from quotetrace.extract import select_pieces, views_of
    from quotetrace.nlp import pipeline

    old = os.environ.get(ENV)
    os.environ[ENV] = "0"
    collect(True)
    nlp = pipeline.load_pipeline(None)
    rows: list[dict[str, Any]] = []
    for doc_id, text in docs:
        views = views_of(text, select_pieces(text))
        for view, doc in zip(views, nlp.pipe([v.text for v in views]), strict=True):

            def mp(sp: Any, view: Any = view) -> list[int] | None:
                if not sp:
                    return None
                s0 = view.to_article(sp[0])
                return [s0, s0 + sp[1] - sp[0]]

            for r in doc.user_data.get(COLLECT_KEY, []):
                rows.append(
                    {
                        "doc": doc_id,
                        "spans": [mp(s) for s in r["spans"]],
                        "cands": [
                            {**c, "span": mp(c["span"]), "spans": [mp(s) for s in c["spans"]]} for c in r["cands"]
                        ],
                    }
                )
    collect(False)
    if old is None:
        del os.environ[ENV]
    else:
        os.environ[ENV] = old
    return rows
