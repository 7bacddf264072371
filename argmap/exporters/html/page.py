"""The HTML outline exporter: one self-contained page built from Jinja2 templates."""

from __future__ import annotations

import functools
import logging
from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from argmap.exporters import Exporter, RenderOptions
from argmap.exporters.html.context import Assets, PageContext, page_context
from argmap.model import ArgumentMap

if TYPE_CHECKING:
    import jinja2
    from markupsafe import Markup

    from argmap.analysis.standing import Analysis
    from argmap.exercise import Worksheet

__all__ = ["EXPORTER", "build_context", "make_env", "render_answer_key", "render_html"]

logger = logging.getLogger(__name__)


def _displayable(value: object) -> object:
    """Every plain string a template prints goes through :func:`displayable`."""
    from markupsafe import Markup

    from argmap.safetext import displayable

    if isinstance(value, str) and not isinstance(value, Markup):
        return displayable(value)
    return value


def make_env() -> jinja2.Environment:
    """Return a new Jinja2 environment: package templates, autoescaping, strict undefined.

    Pages are rendered with one shared environment (see :func:`_environment`); a new one
    compiles every template again.
    """
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.PackageLoader("argmap.exporters.html", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        finalize=_displayable,
    )
    env.filters["node_anchor"] = lambda node_id: f"n-{node_id}"
    env.filters["diagram_anchor"] = lambda node_id: f"node-{node_id}"
    return env


@functools.cache
def _environment() -> jinja2.Environment:
    """The process's environment, built on the first page: its templates compile once.

    Compiling the templates costs several times what rendering a page from them does. The
    environment keeps them compiled (recompiling one only if its file changes), and is
    safe to share between threads once configured, as it is here before it is returned.
    """
    return make_env()


def _assets(*, script: bool) -> Assets:
    """Read the stylesheet and script; hash them so the page runs nothing else."""
    import base64
    import hashlib

    from markupsafe import Markup

    env = _environment()
    loader = env.loader
    assert loader is not None

    def source(name: str) -> str:
        text = loader.get_source(env, name)[0]
        if "</" in text:
            raise ValueError(f"{name} must not contain '</' (it is inlined in the page)")
        return text

    def digest(text: str) -> str:
        sha = hashlib.sha256(text.encode("utf-8")).digest()
        return "'sha256-" + base64.b64encode(sha).decode("ascii") + "'"

    css = source("argmap.css")
    js = source("argmap.js") if script else ""
    script_src = digest(js) if script else "'none'"
    csp = (
        f"default-src 'none'; style-src {digest(css)}; script-src {script_src}; "
        "img-src 'none'; base-uri 'none'; form-action 'none'"
    )
    return Assets(css=Markup(css), js=Markup(js), csp=csp)


def build_context(
    m: ArgumentMap,
    analysis: Analysis,
    options: RenderOptions,
    svg: Markup | None = None,
    diagram_note: str | None = None,
) -> PageContext:
    """Return the template context of the outline page (see :mod:`argmap.exporters.html.context`).

    Args:
        m: the map.
        analysis: the whole map's analysis (standing and unanswered objections).
        options: render options (``exercise`` blanks node texts, ``theme`` picks colours;
            ``focus``, ``depth`` and ``hide`` choose the part of the map shown).
        svg: the inline diagram, already sanitised (see :func:`render_html`).
        diagram_note: why the diagram is missing, shown in its place.
    """
    from argmap.analysis.view import narrows, submap

    if not narrows(options):
        return page_context(m, analysis, options, _assets(script=True), svg, diagram_note)
    shown = submap(m, options)
    return page_context(shown, analysis, options, _assets(script=True), svg, diagram_note, whole=m)


def _diagram(m: ArgumentMap, analysis: Analysis, options: RenderOptions) -> Markup | None:
    """Return the diagram as sanitised inline SVG (None if the engine drew nothing)."""
    from markupsafe import Markup

    from argmap.exporters.diagram.formats import render_svg
    from argmap.exporters.html.svgclean import clean_svg

    if options.sheet is not None:  # the page lists the bank itself, below the outline
        options = replace(options, sheet=replace(options.sheet, bank=()))
    # Safe to mark: clean_svg rebuilt it from drawing elements with escaped text.
    return Markup(clean_svg(str(render_svg(m, analysis, options)), link=_outline_link)) or None


def _outline_link(target: str) -> str | None:
    """Point a diagram node's link (``#node-ID``) at its outline entry (``#n-ID``)."""
    return "n-" + target.removeprefix("node-") if target.startswith("node-") else None


def render_html(
    m: ArgumentMap,
    analysis: Analysis,
    options: RenderOptions | None = None,
    *,
    diagram: bool = True,
) -> str:
    """Render the outline page: header, thesis, outline, for/against, diagram, sources.

    Args:
        m: the map.
        analysis: the map's analysis (standing, unanswered objections).
        options: render options; ``exercise`` blanks texts, ``theme`` may be ``print``.
        diagram: inline the SVG diagram (False leaves it out, e.g. for huge maps).

    Returns:
        One self-contained HTML document (CSS, JavaScript and SVG inline). When the
        diagram engine fails, the page says why in the diagram's place (and a warning
        is logged): the outline is still worth having.
    """
    from argmap.errors import RenderError

    opts = options or RenderOptions()
    if opts.exercise and opts.sheet is None:  # called directly, not through the pipeline
        sheet = _worksheet(m, opts)
        exercise = sheet.exercise
        return render_html(exercise, _analyze(exercise), sheet.exercise_options, diagram=diagram)
    svg = note = None
    if diagram:
        try:
            svg = _diagram(m, analysis, opts)
        except RenderError as exc:
            logger.warning("html: no diagram in the page: %s", exc)
            note = str(exc)
    template = "answers.html" if opts.sheet is not None and opts.sheet.answers else "outline.html"
    return _render(template, build_context(m, analysis, opts, svg, note))


def render_answer_key(
    m: ArgumentMap,
    analysis: Analysis,
    options: RenderOptions | None = None,
    *,
    diagram: bool = True,
) -> str:
    """Render the answer key of a worksheet: every node's position, kind and statement.

    Args:
        m: the map (not yet made a worksheet).
        analysis: the map's analysis.
        options: render options: the worksheet's kind, seed and what it keeps.
        diagram: inline the key's diagram.

    Returns:
        One self-contained HTML document, the same as the pipeline writes beside the
        worksheet (``STEM.answers.html``).
    """
    sheet = _worksheet(m, replace(options or RenderOptions(), exercise=True))
    return render_html(
        sheet.answers, _analyze(sheet.answers), sheet.answer_options, diagram=diagram
    )


def _worksheet(m: ArgumentMap, options: RenderOptions) -> Worksheet:
    from argmap.exercise import make_worksheet

    return make_worksheet(m, options)


def _analyze(m: ArgumentMap) -> Analysis:
    from argmap.analysis.standing import analyze

    return analyze(m)


def _render(name: str, context: Mapping[str, Any]) -> str:
    return _environment().get_template(name).render(**context)


EXPORTER = Exporter(
    "html", ".html", "HTML outline page with the diagram inline (self-contained)", render_html
)
