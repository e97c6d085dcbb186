"""The static HTML report of the index (``quotetrace report``): Jinja2 templates and assets shipped as package
data, page data made from the read views, written as a self-contained site that works offline."""

from __future__ import annotations

from quotetrace.report.build import MARKER, ReportError, ReportResult, build_report, open_in_browser

__all__ = ["MARKER", "ReportError", "ReportResult", "build_report", "open_in_browser"]
