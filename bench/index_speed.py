"""Index speed: `list` / `list --speaker` / `show` as whole processes on a synthetic 100k-article index, and
an end-to-end `quotetrace ingest` of the BASIL articles (270 articles).

The synthetic index is built directly through :mod:`quotetrace.store` (no spaCy): wire stories printed by 1–8 of
40 outlets over ten years, each with a handful of quotes by a Zipf-distributed population of 3,000 speakers; each
article reproduces a random subset of its story's quotes (some trimmed to fragments, ~10% mixed) plus one or two
quotes of its own. Articles carry ~1.5 KB of text so `show` reads real rows. The index is cached in `bench/out/`
(rebuilt with --rebuild or when --articles changes).

Each command runs as a separate process (the `quotetrace` console script next to this Python), stdout to a pipe,
best and median of --repeat runs (default 5) after one warm-up run, wall time and the child's CPU time (less
sensitive to other load on a shared machine). The ingest timing (`--ingest-jobs 1 2` by default) uses
../shared/eval/basil/articles.jsonl (override the shared folder with $QUOTETRACE_SHARED); when it is absent that
part is skipped with a message on stderr.

    python -m bench.index_speed                    # build (first time, a few minutes) and time
    python -m bench.index_speed --skip-ingest      # only the read commands
    python -m bench.index_speed --articles 10000   # a smaller index

With ``--baseline-path DIR`` every read command is also run with DIR first on PYTHONPATH (another commit's
package, or another version of a dependency installed with ``pip install --target DIR --no-deps``), the two
alternating run by run, and both are printed with their ratio:

    pip install --no-deps --target /tmp/typer29 typer==0.29.2
    python -m bench.index_speed --skip-ingest --repeat 9 --baseline-path /tmp/typer29
"""

from __future__ import annotations

import argparse
import os
import random
import shlex
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from quotetrace.ingest.run import commit_batch
from quotetrace.models import Article, Mention, short_hash
from quotetrace.store import Store

try:
    from bench import common
except ModuleNotFoundError:  # run as a file: the repo root is not on the import path
    raise SystemExit("run it from the repo root as a module: python -m bench.index_speed") from None

TARGET_MS = common.LATENCY_TARGET_MS


def _split(text: str, sep: str | None = None) -> list[str]:
    return text.split(sep)


INGEST_TARGET_S = 60.0

FIRST = _split(
    "James Mary Robert Patricia John Jennifer Michael Linda David Elizabeth William Barbara Richard Susan "
    "Joseph Jessica Thomas Sarah Charles Karen Daniel Lisa Matthew Nancy Anthony Betty Mark Sandra Donald "
    "Margaret Steven Ashley Andrew Kimberly Joshua Emily Kenneth Donna Kevin Michelle Brian Carol George "
    "Amanda Timothy Melissa José María Jürgen Zoë Olaf Ingrid Sergei Olena Wei Aiko Kwame Amara Rahul "
    "Priya Ahmed Fatima Luis Sofía"
)
LAST = _split(
    "Smith Johnson Williams Brown Jones Garcia Miller Davis Rodriguez Martinez Hernandez Lopez Gonzalez "
    "Wilson Anderson Thomas Taylor Moore Jackson Martin Lee Perez Thompson White Harris Sanchez Clark "
    "Ramirez Lewis Robinson Walker Young Allen King Wright Scott Torres Nguyen Hill Flores Green Adams "
    "Nelson Baker Hall Rivera Campbell Mitchell Carter Roberts Calderón Müller Okafor Stoltenberg "
    "Kowalski Novák Tanaka Haddad Mensah Petrov Shevchenko Dubois Rossi Yilmaz Khan Singh Chen Kim Park "
    "Silva Costa Jensen Larsen Virtanen"
)
OUTLETS = _split(
    "Reuters|Associated Press|AFP|BBC News|The Guardian|The New York Times|The Washington Post|Fox News|"
    "CNN|NBC News|CBS News|ABC News|Politico|The Hill|Bloomberg|Financial Times|The Wall Street Journal|"
    "USA Today|Los Angeles Times|Chicago Tribune|NPR|Al Jazeera|Deutsche Welle|France 24|The Independent|"
    "The Telegraph|The Times|Daily Mail|The Atlantic|Axios|Breitbart|HuffPost|Vox|Newsweek|Time|"
    "The Economist|Le Monde|El País|Der Spiegel|The Gateway Pundit",
    "|",
)
WORDS = _split(
    "we will not let this stand the people deserve better than a government that ignores them our country "
    "is strong and our economy is growing this is a historic day for families across the nation they have "
    "failed to deliver on every promise and the results speak for themselves I am confident that we can "
    "reach an agreement with our partners in the coming weeks nobody should be above the law security "
    "must come first it is time to move forward together there is no doubt that the war will end but we "
    "need to support those who defend their homes the plan is a fantasy dressed up as prudence and "
    "working families will pay for it our allies know they can count on us this decision was made after "
    "careful consideration of all the facts we are looking at every option the investigation is ongoing "
    "and I will not comment further prices are too high and wages are too low the border is secure "
    "climate change is real and we must act now"
)
CUES = ("said", "told reporters", "added", "wrote", "said in a statement", "insisted", "claimed", "warned")


def _zipf_choice(rng: random.Random, items: list[str], s: float = 1.1) -> str:
    n = len(items)
    weights = _zipf_choice.cache.get((n, s))  # type: ignore[attr-defined]
    if weights is None:
        weights = [1.0 / (i + 1) ** s for i in range(n)]
        _zipf_choice.cache[(n, s)] = weights  # type: ignore[attr-defined]
    return rng.choices(items, weights=weights, k=1)[0]


_zipf_choice.cache = {}  # type: ignore[attr-defined]


def _sentence(rng: random.Random, lo: int, hi: int) -> str:
    n = rng.randint(lo, hi)
    start = rng.randrange(len(WORDS))
    words = [WORDS[(start + i) % len(WORDS)] if rng.random() < 0.8 else rng.choice(WORDS) for i in range(n)]
    return " ".join(words)


def _filler(rng: random.Random) -> str:
    s = _sentence(rng, 12, 28)
    return s[0].upper() + s[1:] + "."


def synth_articles(n_articles: int, seed: int = 7) -> list[tuple[Article, list[Mention], dict[str, str]]]:
    """Articles with their mentions and the cluster id of each mention (mention id -> cluster id)."""
    rng = random.Random(seed)
    speakers = sorted({f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(3600)})[:3000]
    rng.shuffle(speakers)
    out: list[tuple[Article, list[Mention], dict[str, str]]] = []
    story = 0
    day0 = 16436  # 2015-01-01 as days since epoch
    while len(out) < n_articles:
        story += 1
        n_out = min(8, max(1, int(rng.paretovariate(1.2))))
        outlets = rng.sample(OUTLETS, n_out)
        day = day0 + rng.randrange(3650)
        people = [_zipf_choice(rng, speakers) for _ in range(rng.randint(1, 3))]
        quotes = [
            (rng.choice(people), _sentence(rng, 8, 30), f"q{short_hash('story', story, i, size=4)}")
            for i in range(rng.randint(3, 8))
        ]
        for j, outlet in enumerate(outlets):
            if len(out) >= n_articles:
                break
            date = time.strftime("%Y-%m-%d", time.gmtime((day + (j // 3)) * 86400))
            aid = f"s{story}/{j}"
            chosen = [q for q in quotes if rng.random() < 0.6] or quotes[:1]
            own = [
                (rng.choice(people), _sentence(rng, 6, 20), f"q{short_hash('own', aid, k, size=4)}")
                for k in range(rng.randint(1, 2))
            ]
            title = _filler(rng)[:80].rstrip(".")
            parts: list[str] = [title, ""]
            pos = len(title) + 2
            mentions: list[Mention] = []
            assign: dict[str, str] = {}
            for para, (speaker, words, cid) in enumerate(chosen + own):
                if rng.random() < 0.3:
                    ws = words.split()
                    cut = rng.randint(0, max(0, len(ws) // 3))
                    words = " ".join(ws[cut : len(ws) - rng.randint(0, max(0, len(ws) // 4))]) or words
                surname = speaker.split()[-1]
                cue = rng.choice(CUES)
                before = _filler(rng) + " "
                mixed = rng.random() < 0.1
                after = " " + _filler(rng)
                if mixed:
                    lead = f"{speaker} {cue} that the plan would "
                    clause = f"{lead}“{words}” before the vote"
                    para_text = f"{before}{clause}.{after}"
                    s0 = pos + len(before)
                    spans = ((s0, s0 + len(clause)),)
                    q0 = s0 + len(lead) + 1
                    quoted = ((q0, q0 + len(words)),)
                    sp0, sp_len = s0, len(speaker)
                    cue0 = sp0 + len(speaker) + 1
                    text_of_mention = clause
                    kind = "mixed"
                else:
                    para_text = f"{before}“{words},” {surname} {cue}.{after}"
                    q0 = pos + len(before) + 1
                    spans = ((q0, q0 + len(words)),)
                    quoted = ()
                    sp0, sp_len = q0 + len(words) + 3, len(surname)
                    cue0 = sp0 + len(surname) + 1
                    text_of_mention = words
                    kind = "direct"
                m = Mention(
                    article_id=aid,
                    text=text_of_mention,
                    spans=spans,
                    kind=kind,  # type: ignore[arg-type]
                    speaker=speaker,
                    speaker_mention=surname if kind == "direct" else speaker,
                    speaker_span=(sp0, sp0 + sp_len),
                    cue=cue.split()[0],
                    cue_span=(cue0, cue0 + len(cue)),
                    cue_lemma="say",
                    paragraph=para,
                    attribution="synthetic",
                    quoted_spans=quoted,
                )
                mentions.append(m)
                assign[m.id] = cid
                parts.append(para_text)
                parts.append("")
                pos += len(para_text) + 2
            text = "\n".join(parts)
            out.append(
                (
                    Article(id=aid, text=text, outlet=outlet, title=title, date=date, path="synthetic.jsonl"),
                    mentions,
                    assign,
                )
            )
    return out


def build(db: Path, n_articles: int, batch: int = 2000) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    t0 = time.perf_counter()
    data = synth_articles(n_articles)
    print(f"generated {len(data)} articles in {time.perf_counter() - t0:.1f}s", file=sys.stderr)
    store = Store.open(db)
    t1 = time.perf_counter()
    for i in range(0, len(data), batch):
        chunk = data[i : i + batch]
        assign: dict[str, str] = {}
        for _, _, a in chunk:
            assign.update(a)
        commit_batch(store, [(a, m) for a, m, _ in chunk], assign, model="synthetic")
        done = i + len(chunk)
        print(f"\rstored {done}/{len(data)} articles ({time.perf_counter() - t1:.0f}s)", end="", file=sys.stderr)
    with store.transaction():
        store.set_meta("synthetic_articles", str(n_articles))
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.conn.execute("ANALYZE")
    store.close()
    print(f"\nbuilt {db} in {time.perf_counter() - t0:.0f}s", file=sys.stderr)


def cached_size(db: Path) -> int | None:
    if not db.exists():
        return None
    try:
        with sqlite3.connect(db) as c:
            row = c.execute("SELECT value FROM meta WHERE key = 'synthetic_articles'").fetchone()
    except sqlite3.Error:
        return None
    return int(row[0]) if row else None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--articles", type=int, default=100_000)
    ap.add_argument("--db", type=Path, default=None, help="Synthetic index file (default bench/out/index-<N>.db).")
    ap.add_argument("--rebuild", action="store_true")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--skip-ingest", action="store_true", help="Do not time the BASIL ingest.")
    ap.add_argument(
        "--ingest-jobs", type=int, nargs="+", default=[1, 2], help="Time the ingest with these --jobs values."
    )
    ap.add_argument(
        "--baseline-path",
        type=Path,
        default=None,
        help="Also time each read command with this folder first on PYTHONPATH, interleaved run by run.",
    )
    args = ap.parse_args()

    db = args.db or common.OUT / f"index-{args.articles}.db"
    db.parent.mkdir(parents=True, exist_ok=True)
    if args.rebuild or cached_size(db) != args.articles:
        build(db, args.articles)

    with sqlite3.connect(db) as c:
        n_art = c.execute("SELECT count(*) FROM articles").fetchone()[0]
        n_men = c.execute("SELECT count(*) FROM mentions").fetchone()[0]
        n_cl = c.execute("SELECT count(*) FROM clusters").fetchone()[0]
        top_speaker = c.execute("SELECT name FROM speakers ORDER BY mention_count DESC LIMIT 1").fetchone()[0]
        big = c.execute(
            "SELECT id FROM clusters ORDER BY outlet_count DESC, mention_count DESC, id LIMIT 1"
        ).fetchone()[0]
        typical = c.execute("SELECT id FROM clusters WHERE outlet_count = 3 ORDER BY id LIMIT 1").fetchone()

    env = {**os.environ, "QUOTETRACE_NO_PROGRESS": "1", "COLUMNS": "120"}
    env.pop("QUOTETRACE_DB", None)
    # An installed package ships compiled .pyc files; without them every run would recompile quotetrace.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    qt = common.quotetrace_cmd()
    surname = top_speaker.split()[-1]
    cases: list[tuple[str, list[str]]] = [
        ("python startup (reference)", [sys.executable, "-c", "pass"]),
        ("help", [*qt, "--help"]),
        ("list", [*qt, "list", "--db", str(db)]),
        ("list --speaker", [*qt, "list", "--db", str(db), "--speaker", surname]),
        ("list --speaker --json", [*qt, "list", "--db", str(db), "--speaker", top_speaker, "-n", "50", "--json"]),
        ("list --sort outlets", [*qt, "list", "--db", str(db), "--sort", "outlets"]),
        ("show (widest quote)", [*qt, "show", big, "--db", str(db)]),
    ]
    if typical:
        cases.append(("show (3 outlets) --json", [*qt, "show", typical[0], "--db", str(db), "--json"]))
    cases.append(("trace", [*qt, "trace", "our allies know they can count on us", "--db", str(db)]))

    print(
        f"Index: {db} — {n_art:,} articles, {n_men:,} mentions, {n_cl:,} clusters ({db.stat().st_size / 1e6:.0f} MB)\n"
    )
    print(f"Machine: {common.machine(sqlite=True)}\n")
    envs: list[dict[str, str]] = [env]
    if args.baseline_path is not None:
        base_env = dict(env)
        base_env["PYTHONPATH"] = os.pathsep.join(p for p in (str(args.baseline_path), env.get("PYTHONPATH")) if p)
        envs.append(base_env)
        print(f"Baseline: the same commands with PYTHONPATH={base_env['PYTHONPATH']}, alternating run by run.\n")
        print(
            f"| what | command | best of {args.repeat} (ms) | median (ms) | CPU, best (ms) | target "
            "| baseline best (ms) | baseline median (ms) | baseline CPU (ms) | best / baseline |"
        )
        print("|---|---|---:|---:|---:|---|---:|---:|---:|---:|")
    else:
        print(f"| what | command | best of {args.repeat} (ms) | median (ms) | CPU, best (ms) | target |")
        print("|---|---|---:|---:|---:|---|")
    for label, argv in cases:
        timings = common.time_interleaved(argv, args.repeat, envs)
        t = timings[0]
        best, med, cpu, rc = t.best, t.median, t.cpu, t.returncode
        shown = shlex.join(["quotetrace", *argv[len(qt) :]] if argv[: len(qt)] == qt else argv)
        target = (
            ""
            if label.startswith(("python", "help", "trace", "list --sort", "list --speaker --json"))
            else ("ok (< 300 ms)" if best * 1000 < TARGET_MS else "**over 300 ms**")
        )
        flag = "" if rc == 0 else f" (exit {rc})"
        row = f"| {label} | `{shown}` | {best * 1000:.0f}{flag} | {med * 1000:.0f} | {cpu * 1000:.0f} | {target} |"
        if len(timings) > 1:
            b = timings[1]
            bflag = "" if b.returncode == 0 else f" (exit {b.returncode})"
            row += f" {b.best * 1000:.0f}{bflag} | {b.median * 1000:.0f} | {b.cpu * 1000:.0f} | {best / b.best:.2f} |"
        print(row)

    if args.skip_ingest:
        return 0
    basil = common.eval_dir() / "basil" / "articles.jsonl"
    if not basil.exists():
        return common.skip(f"BASIL ingest timing ({basil} not found)")
    summary: list[str] = []
    for jobs in args.ingest_jobs:
        with tempfile.TemporaryDirectory() as tmp:
            tmp_db = Path(tmp) / "basil.db"
            argv = [*qt, "ingest", "--db", str(tmp_db), str(basil)] + (["--jobs", str(jobs)] if jobs > 1 else [])
            first = common.run_fresh(argv, env)  # a fresh index: no warm-up
            secs, cpu = first.wall, first.cpu
            summary = first.stderr.strip().splitlines()
            again_t = common.time_repeated(argv, 1, env)
            again, again_cpu = again_t.best, again_t.cpu
        ok = "ok (< 60 s)" if secs < INGEST_TARGET_S else "**over 60 s**"
        shown = "quotetrace ingest --db TMP/basil.db " + str(basil) + (f" --jobs {jobs}" if jobs > 1 else "")
        print(
            f"| ingest BASIL (270 articles), fresh index | `{shown}` | {secs * 1000:.0f} | | {cpu * 1000:.0f} | {ok} |"
        )
        print(
            f"| ingest BASIL again (all unchanged) | same command | {again * 1000:.0f} | | {again_cpu * 1000:.0f} | |"
        )
    print()
    print("Ingest summary (last run): " + " / ".join(summary[-2:]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
