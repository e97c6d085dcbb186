"""The terminal consoles: stdout for tables, stderr for messages (``warning:``, ``error:``, hints, notes), made on
first use with ``FORCE_COLOR=0`` honoured; the colour palette the views share; and printing lines fitted to the width.

Text that came from articles (and file names, and messages quoting them) is data: every table and message goes
through :func:`quotetrace.text.sanitise.clean` (here, :func:`safe` for whole records) before it is laid out or cut.
Rich is imported only where something is drawn: JSON output never loads it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from quotetrace.text.sanitise import clean

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

_consoles: dict[str, Console] = {}


def _colour(stream: Any) -> dict[str, Any]:
    """Console options for ``FORCE_COLOR=0`` (or ``false``/``no``/``off``): no colour, and a terminal only when the
    stream is one — Rich reads any non-empty FORCE_COLOR as "force"."""
    force = os.environ.get("FORCE_COLOR")
    if force is None or force.strip().lower() not in ("0", "false", "no", "off"):
        return {}
    try:
        tty = bool(stream.isatty())
    except (AttributeError, ValueError):
        tty = False
    return {"no_color": True, "force_terminal": tty}


def out_console() -> Console:
    """The stdout console (tables), made on first use."""
    con = _consoles.get("out")
    if con is None:
        from rich.console import Console

        con = _consoles["out"] = Console(soft_wrap=False, highlight=False, **_colour(sys.stdout))
    return con


def err_console() -> Console:
    """The stderr console (messages, progress), made on first use."""
    con = _consoles.get("err")
    if con is None:
        from rich.console import Console

        con = _consoles["err"] = Console(stderr=True, highlight=False, **_colour(sys.stderr))
    return con


def reset_consoles() -> None:
    """Forget the consoles so the next output makes new ones on the current stdout/stderr (the CLI calls this so
    that tests capturing stdout/stderr see the output)."""
    _consoles.clear()


def warn(message: str) -> None:
    from rich.text import Text

    err_console().print(Text("warning: ", style="yellow bold") + Text(clean(message)), soft_wrap=True)


def error(message: str, hint: str | None = None) -> None:
    """One line on stderr (never wrapped, so scripts can grep it), and an optional hint line."""
    from rich.text import Text

    err_console().print(Text("error: ", style="red bold") + Text(clean(message)), soft_wrap=True)
    if hint:
        err_console().print(Text("  hint: ", style="dim") + Text(clean(hint)), soft_wrap=True)


def info(message: str) -> None:
    from rich.text import Text

    err_console().print(Text(clean(message), style="dim"), soft_wrap=True)


def safe(obj: Any) -> Any:
    """A copy of ``obj`` (dicts, lists, tuples, strings, keys included) with every string passed through
    :func:`clean`: what a table shows of article data, before any of it is measured or cut."""
    if isinstance(obj, str):
        return clean(obj)
    if isinstance(obj, dict):
        return {safe(k): safe(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [safe(x) for x in obj]
    return obj


def outlet_count_cell(d: dict[str, Any]) -> str:
    """An outlet count as a table prints it: "–" for words printed only by articles of no known outlet (the JSON
    keeps its ``outlet_count`` 0: no named outlet), the number otherwise."""
    count = d.get("outlet_count")
    return "–" if count == 0 and (d.get("mention_count") or d.get("article_count")) else str(count or 0)


def shorten(text: str, width: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: max(1, width - 1)].rstrip() + "…"


# The palette the show view and the outlets table share: cue-verb classes and wording fidelity.
CUE_CLASS_STYLES: dict[str, str] = {
    "neutral": "",
    "endorsing": "green",
    "doubting": "yellow",
    "conceding": "blue",
    "combative": "red",
    "emotive": "magenta",
}


FIDELITY_STYLES: dict[str, str] = {"full": "green", "fragment": "yellow", "altered": "bold red"}


def wrapped(lines: Sequence[Text], indent: int = 0) -> list[Text]:
    """Each line wrapped to the terminal width minus ``indent``, every wrapped line indented (no trailing pad)."""
    from rich.text import Text

    pad = " " * indent
    room = max(20, out_console().width - indent)
    found: list[Text] = []
    for line in lines:
        if not line.plain:
            found.append(Text())
            continue
        for part in line.wrap(out_console(), room):
            part.rstrip()
            found.append(Text(pad) + part if indent else part)
    return found


def print_lines(lines: Sequence[Text]) -> None:
    """Lines already fitted to the width, in one print (each Console.print call costs a fraction of a ms)."""
    from rich.text import Text

    if lines:
        out_console().print(Text("\n").join(lines), no_wrap=True, overflow="ignore", crop=False)


def print_indented(lines: Sequence[Text], indent: int = 4) -> None:
    """Each line wrapped to the terminal width minus ``indent``, every wrapped line indented (no trailing pad)."""
    print_lines(wrapped(lines, indent))
