"""Distinctive context words per outlet: weighted log-odds with an informative Dirichlet prior.

Monroe, Colaresi & Quinn (2008), "Fightin' Words: Lexical Feature Selection and Evaluation for
Identifying the Content of Political Conflict", Political Analysis 16(4), eqs. 16-22.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable

from quotetrace.framing.tokens import words
from quotetrace.text.stopwords import framing_stopwords

LogOdds = dict[str, tuple[float, float]]


def log_odds_dirichlet(
    counts_a: Counter[str],
    counts_b: Counter[str],
    prior: Counter[str],
    *,
    alpha0: float | None = None,
    terms: Iterable[str] | None = None,
) -> LogOdds:
    """Each term of ``a`` or ``b`` -> (delta, z): how much more ``a`` uses it than ``b``, and how surely.

    With y_a, y_b the term's counts, n_a, n_b the totals and alpha_w its prior pseudo-count:

        delta = log((y_a + alpha_w) / (n_a + alpha0 - y_a - alpha_w))
              - log((y_b + alpha_w) / (n_b + alpha0 - y_b - alpha_w))
        var   = 1 / (y_a + alpha_w) + 1 / (y_b + alpha_w)
        z     = delta / sqrt(var)

    The prior is the background distribution scaled to ``alpha0`` pseudo-counts in all:
    alpha_w = alpha0 * (prior[w] + 1) / (sum(prior) + |V|) over the vocabulary V of a, b and prior
    (add-one smoothing keeps every term's prior positive). ``alpha0`` defaults to |V|, one
    pseudo-count per term on average: with an empty prior that is add-one (Laplace) smoothing,
    with a large background it shrinks rare terms towards the background's rates. ``terms`` restricts the
    terms scored (the vocabulary and the prior stay those of all the counts).
    """
    vocab = set(counts_a) | set(counts_b) | {w for w, c in prior.items() if c > 0}
    if not vocab:
        return {}
    prior_total = sum(c for c in prior.values() if c > 0)
    a0 = float(len(vocab)) if alpha0 is None else float(alpha0)
    if a0 <= 0:
        raise ValueError("alpha0 must be positive")
    denom = prior_total + len(vocab)
    n_a = sum(counts_a.values())
    n_b = sum(counts_b.values())
    out: LogOdds = {}
    for w in set(terms) if terms is not None else set(counts_a) | set(counts_b):
        alpha_w = a0 * (max(prior.get(w, 0), 0) + 1) / denom
        y_a = counts_a.get(w, 0)
        y_b = counts_b.get(w, 0)
        delta = math.log((y_a + alpha_w) / (n_a + a0 - y_a - alpha_w)) - math.log(
            (y_b + alpha_w) / (n_b + a0 - y_b - alpha_w)
        )
        variance = 1.0 / (y_a + alpha_w) + 1.0 / (y_b + alpha_w)
        out[w] = (delta, delta / math.sqrt(variance))
    return out


def stopwords() -> frozenset[str]:
    """The bundled English stopword list (function words and reporting boilerplate), from quotetrace.text.stopwords."""
    return framing_stopwords()


def term_counts(texts: Iterable[str], *, stop: frozenset[str] | None = None) -> Counter[str]:
    """Lowercase word counts of ``texts`` without stopwords, numbers, one-letter words or possessive 's."""
    stop = stopwords() if stop is None else stop
    counts: Counter[str] = Counter()
    for text in texts:
        for w in words(text):
            if w.endswith("'s"):
                w = w[:-2]
            if len(w) > 1 and w not in stop:
                counts[w] += 1
    return counts


def distinctive_terms(
    groups: dict[str, list[str]],
    background: list[str] | None = None,
    *,
    z_threshold: float = 1.96,
    top: int = 10,
    min_count: int = 2,
    alpha0: float | None = None,
) -> dict[str, list[tuple[str, float]]]:
    """For each group (outlet -> context texts), the words it uses distinctly more than the other groups.

    Each group is compared with all the others pooled; the prior is ``background`` (texts) when
    given, else all groups together. Only terms used at least ``min_count`` times by the group and
    with z above ``z_threshold`` are kept, best first, at most ``top`` — so a small corpus yields few
    or no terms rather than noise. Returns ``{group: [(term, z), ...]}`` for every group.
    """
    counts = {name: term_counts(texts) for name, texts in groups.items()}
    total: Counter[str] = Counter()
    for c in counts.values():
        total.update(c)
    prior: Counter[str] = term_counts(background) if background else total
    result: dict[str, list[tuple[str, float]]] = {}
    for name, own in counts.items():
        rest: Counter[str] = total - own  # the other groups pooled (counts are positive: nothing is lost)
        if not rest and background:
            rest = prior
        if not own or not rest:
            result[name] = []
            continue
        candidates = [w for w, n in own.items() if n >= min_count]  # only these can be reported
        scores = log_odds_dirichlet(own, rest, prior, alpha0=alpha0, terms=candidates)
        ranked = sorted(
            ((w, z) for w, (_, z) in scores.items() if z > z_threshold and own[w] >= min_count),
            key=lambda item: (-item[1], item[0]),
        )
        result[name] = ranked[:top]
    return result
