"""The NumPy all-MiniLM-L6-v2 encoder: shapes, unit length, determinism, and sentence-transformers' own figures."""

from __future__ import annotations

import os

import numpy as np
import pytest

from quotetrace import embed


def require_model() -> None:
    """Fail loudly (CI installs the model) unless semantic scoring was switched off on purpose."""
    if os.environ.get("QUOTETRACE_NO_SEMANTIC", "") not in ("", "0"):
        pytest.skip("QUOTETRACE_NO_SEMANTIC is set")
    if not embed.available():
        pytest.fail(
            "the sentence-embedding model is not installed: run `make install`, or "
            f"`{embed.INSTALL_HINT}` (or set QUOTETRACE_NO_SEMANTIC=1 to test without it)",
            pytrace=False,
        )


@pytest.fixture(autouse=True)
def _model() -> None:
    require_model()


def test_empty_input_gives_no_rows() -> None:
    out = embed.embed([])
    assert out.shape == (0, embed.DIM)
    assert out.dtype == np.float32


def test_shape_dtype_and_unit_length() -> None:
    out = embed.embed(["One sentence.", "", "A third, somewhat longer sentence about the budget talks."])
    assert out.shape == (3, 384)
    assert out.dtype == np.float32
    assert np.allclose(np.linalg.norm(out, axis=1), 1.0, atol=1e-5)


def test_deterministic_and_independent_of_the_batch() -> None:
    text = "We will not raise taxes on farmers this year."
    others = ["A much longer sentence that forces padding of the shorter one in the same batch, " * 3, "Short."]
    first = embed.embed([text])
    assert np.array_equal(first, embed.embed([text]))
    in_batch = embed.embed([*others, text])[-1]
    assert np.allclose(first[0], in_batch, atol=1e-5)


def test_long_text_is_truncated_not_rejected() -> None:
    out = embed.embed(["word " * 2000])
    assert out.shape == (1, 384)
    assert np.isfinite(out).all()


def test_paraphrase_is_closer_than_unrelated() -> None:
    e = embed.embed(["A man is eating food.", "A man is eating a piece of bread.", "The girl is carrying a baby."])
    para, unrelated = float(e[0] @ e[1]), float(e[0] @ e[2])
    assert para > 0.7
    assert unrelated < 0.2
    assert embed.cosine("taxes on farmers would not be raised", "We will not raise taxes on farmers") > 0.8


def test_matches_sentence_transformers_reference() -> None:
    # The similarity matrix printed in the sentence-transformers quickstart for all-MiniLM-L6-v2.
    e = embed.embed(["The weather is lovely today.", "It's so sunny outside!", "He drove to the stadium."])
    expected = np.array([[1.0, 0.6660, 0.1046], [0.6660, 1.0, 0.1411], [0.1046, 0.1411, 1.0]])
    assert np.allclose(e @ e.T, expected, atol=2e-3)


def test_blas_threads_are_restored_after_embedding() -> None:
    threadpoolctl = pytest.importorskip("threadpoolctl")  # a dev dependency; embed() works without it
    before = [i["num_threads"] for i in threadpoolctl.threadpool_info()]
    embed.embed(["One sentence.", "Another one."])
    assert [i["num_threads"] for i in threadpoolctl.threadpool_info()] == before
