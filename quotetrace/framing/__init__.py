"""Framing analysis, pure data in and out: wording fidelity, cue verbs, hedges, credits, descriptors, terms."""

from __future__ import annotations

from quotetrace.framing.credits import Credit, find_credits, is_outlet
from quotetrace.framing.cues import CUE_CLASSES, classify_cue, lemma_of, load_cue_classes
from quotetrace.framing.descriptors import split_descriptor
from quotetrace.framing.distinctive import distinctive_terms, log_odds_dirichlet, term_counts
from quotetrace.framing.hedges import Hedge, find_hedges, find_scare_quotes
from quotetrace.framing.placement import placement
from quotetrace.framing.variants import Variant, loaded_variants
from quotetrace.framing.wording import COSMETIC_KINDS, Edit, Fidelity, compare_wording, find_qualifiers

__all__ = [
    "COSMETIC_KINDS",
    "CUE_CLASSES",
    "Credit",
    "Edit",
    "Fidelity",
    "Hedge",
    "Variant",
    "classify_cue",
    "compare_wording",
    "distinctive_terms",
    "find_credits",
    "find_hedges",
    "find_qualifiers",
    "find_scare_quotes",
    "is_outlet",
    "lemma_of",
    "load_cue_classes",
    "loaded_variants",
    "log_odds_dirichlet",
    "placement",
    "split_descriptor",
    "term_counts",
]
