"""The brief as one self-contained HTML page: inline CSS and script, no network, no external file.

Article text is untrusted. It only reaches the page through Jinja2 with autoescaping on; the
embedded JSON is escaped so no ``</script>`` can end its element early; links are kept only for
http(s) URLs; and a Content-Security-Policy allows no script but the report's own (by hash),
no network access and no forms, so even a missed escape could not run anything.
"""

from __future__ import annotations

import base64
import hashlib
import json
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from newsbrief.render.json import brief_record
from newsbrief.render.report_view import build_report_view
from newsbrief.types import Brief, Failure

REPORT_TEMPLATE = "report.html.j2"
REPORT_SCRIPT = "report.js"
STYLESHEET = "style.css"
SELF, NONE = "'self'", "'none'"


@dataclass(frozen=True, slots=True)
class NavLink:
    """A link in the bar above a page the web app serves (the standalone file has none)."""

    label: str
    href: str
    download: bool = False


@cache
def environment() -> Environment:
    return Environment(
        loader=PackageLoader("newsbrief.render", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


@cache
def asset(name: str) -> str:
    """A file shipped beside the templates (stylesheet, scripts), inlined into pages."""
    return (files("newsbrief.render") / "templates" / name).read_text(encoding="utf-8")


def source_hash(text: str) -> str:
    """The CSP source expression allowing exactly this inline script or style."""
    digest = base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
    return f"'sha256-{digest}'"


def content_security_policy(scripts: list[str], *, connect: bool = False, forms: bool = False) -> str:
    """Only the given inline scripts and the stylesheet run; nothing is fetched or submitted
    unless the page needs it (the web app's pages poll and post to their own server)."""
    script_src = " ".join(source_hash(s) for s in scripts) or NONE
    directives = [
        "default-src 'none'",
        f"script-src {script_src}",
        f"style-src {source_hash(asset(STYLESHEET))}",
        "img-src data:",
        f"connect-src {SELF if connect else NONE}",
        f"form-action {SELF if forms else NONE}",
        "base-uri 'none'",
    ]
    return "; ".join(directives)


def script_json(value: Any) -> Markup:
    """JSON safe in a <script> element: no '<', '>' or '&' is left to end it or open a comment."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escaped)
    # U+2028/2029 are legal in JSON but end a line in older JavaScript parsers.
    return Markup(text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def page_context(
    scripts: list[str],
    nav: list[NavLink] | None = None,
    *,
    connect: bool = False,
    forms: bool = False,
) -> dict[str, Any]:
    """What base.html.j2 needs: the policy, the inlined assets and the navigation."""
    from newsbrief.version import __version__

    return {
        "csp": content_security_policy(scripts, connect=connect, forms=forms),
        "css": Markup(asset(STYLESHEET)),
        # Our own shipped files, never article text: inlined verbatim so the CSP hashes match.
        "scripts": [Markup(s) for s in scripts],
        "nav": nav or [],
        "version": __version__,
    }


def render_html(
    brief: Brief,
    failures: list[Failure] | None = None,
    *,
    nav: list[NavLink] | None = None,
    embed_data: bool = True,
) -> str:
    """The report page; ``embed_data`` puts the brief's JSON record in the page as well."""
    record = brief_record(brief, failures)
    report = build_report_view(brief, failures)
    template = environment().get_template(REPORT_TEMPLATE)
    return template.render(
        page=page_context([asset(REPORT_SCRIPT)], nav),
        report=report,
        data=script_json(record) if embed_data else None,
    )


def render_index(briefs: list[Brief]) -> str:
    """The page listing several briefs written side by side (``brief --split``): each links to
    ``<event id>.html`` in the same folder."""
    stories = [
        {"href": f"{b.event.id}.html", "title": b.event.title, "reports": len(b.event.articles)}
        for b in briefs
    ]
    template = environment().get_template("split_index.html.j2")
    return template.render(page=page_context([]), stories=stories)
