"""The HTML outline exporter: goldens, structure, escaping, exercise files, determinism."""

from __future__ import annotations

import functools
import re
import subprocess
import sys
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from markupsafe import Markup, escape

from argmap.analysis.standing import analyze
from argmap.analysis.view import draw_kind
from argmap.cli import main
from argmap.exporters import RenderOptions, get_exporter
from argmap.exporters import html as html_templates
from argmap.exporters.html.outline import MAX_NESTING
from argmap.exporters.html.page import build_context, render_answer_key, render_html
from argmap.load.maps import load_map
from argmap.load.validate import validate_data
from argmap.model import ArgumentMap, Node, NodeKind, Relation, reading_order
from argmap.safetext import displayable, safe_url
from tests.conftest import CASES, GOLDEN, MAPS, ROOT
from tests.contrast import contrast
from tests.golden_html import HTML_GOLDEN
from tests.strategies import argument_maps

UNIFORMS = MAPS / "school-uniforms.yaml"
HOSTILE = CASES / "html-hostile.yaml"
FLAGSHIP = MAPS / "russias-game-in-north-korea.yaml"
MAP_FILES = sorted(MAPS.glob("*.yaml")) + [HOSTILE]


class Entries(HTMLParser):
    """Collects outline entries with their nearest enclosing entry, plus risky markup."""

    VOID = frozenset({"input", "meta", "br", "img", "hr", "link", "source", "wbr", "area"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []  # (tag, entry id or None)
        self.entries: list[tuple[str, str | None, bool]] = []  # (id, parent entry id, flat)
        self.groups: dict[str, list[str]] = {}
        self.tags: list[str] = []
        self.handlers: list[str] = []
        self.hrefs: list[str] = []
        self.texts: dict[str, str] = {}
        self._text_of: str | None = None
        self._group: list[str | None] = []

    def _parent_entry(self) -> str | None:
        for _tag, entry in reversed(self.stack):
            if entry is not None:
                return entry
        return None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        self.tags.append(tag)
        self.handlers += [k for k in a if k.startswith("on")]
        if "href" in a:
            self.hrefs.append(a["href"] or "")
        entry = None
        classes = (a.get("class") or "").split()
        if tag == "li" and "entry" in classes:
            entry = a["data-id"]
            assert entry is not None
            self.entries.append((entry, self._parent_entry(), "flat" in classes))
            if self._group and self._group[-1] is not None:
                self.groups.setdefault(self._group[-1], []).append(entry)
        if tag == "span" and "text" in classes and self.stack:
            self._text_of = self._parent_entry()
            self.texts[self._text_of or ""] = ""
        if tag == "li":
            self._group.append(a.get("data-group") if "joint-reason" in classes else None)
        if tag not in self.VOID:
            self.stack.append((tag, entry))

    def handle_endtag(self, tag: str) -> None:
        if tag == "span":
            self._text_of = None
        if tag == "li" and self._group:
            self._group.pop()
        while self.stack:
            open_tag, _ = self.stack.pop()
            if open_tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self._text_of is not None:
            self.texts[self._text_of] += data


def parse(html: str) -> Entries:
    parser = Entries()
    parser.feed(html)
    parser.close()
    return parser


@pytest.mark.parametrize("name", sorted(HTML_GOLDEN))
def test_golden(name: str, outputs_dir: Path) -> None:
    actual = HTML_GOLDEN[name]()
    (outputs_dir / name).write_text(actual, encoding="utf-8")
    expected = (GOLDEN / name).read_text(encoding="utf-8")
    assert actual == expected, f"{name} differs; run `make golden` if the change is intended"


@pytest.mark.parametrize("path", MAP_FILES, ids=lambda p: p.stem)
def test_one_entry_per_node_nested_as_the_model(path: Path) -> None:
    m = load_map(path)
    html = render_html(m, analyze(m), diagram=False)
    parsed = parse(html)
    assert [e[0] for e in parsed.entries] == [n.id for n in reading_order(m)]
    for node_id, parent, _flat in parsed.entries:
        node = m.get(node_id)
        # A conclusion heads an entry of its own, after the thesis's tree.
        assert parent == (None if node.kind is NodeKind.CONCLUSION else node.parent)
    for group, members in m.groups().items():
        assert parsed.groups[group] == [n.id for n in members]
    assert parsed.tags.count("script") == 1
    assert "img" not in parsed.tags and "iframe" not in parsed.tags
    assert parsed.handlers == []


def test_hostile_text_stays_text() -> None:
    m = load_map(HOSTILE)
    html = render_html(m, analyze(m))
    assert "could not be drawn" not in html  # the diagram is there, and safe too
    parsed = parse(html)
    assert parsed.tags.count("svg") == html.count('class="diagram-frame diagram-page"') >= 1
    assert parsed.tags.count("script") == 1
    assert parsed.tags.count("style") == 1
    for forbidden in ("img", "iframe", "foreignobject", "a:", "b", "i"):
        assert forbidden not in parsed.tags
    assert parsed.handlers == []
    assert all(h.startswith(("#", "https://")) for h in parsed.hrefs), parsed.hrefs
    assert not any("javascript" in h or h.startswith("data:") for h in parsed.hrefs)
    for node in m.nodes:
        assert parsed.texts[node.id].strip() == node.text
    # Template syntax in map text is printed, never evaluated.
    assert "{{ 7 * 7 }}" in html and "49" not in html.split("<style>")[0]


def test_a_description_keeps_its_paragraphs_the_long_part_folded() -> None:
    """A description of several paragraphs (an Argdown document's header and prose, as
    imported) was one run of text at the top of the page; each paragraph is its own now,
    and past the third they fold under a summary, so the thesis stays near the top."""
    paras = [f"Paragraph {i} of the description, <b>{i}</b>\nover two lines." for i in range(5)]
    m = validate_data({"title": "T", "description": "\n\n".join(paras), "thesis": {"text": "A."}})
    html = render_html(m, analyze(m), diagram=False)
    head = html.split("<main")[0]
    shown = re.findall(r'<p class="description" dir="auto">(.*?)</p>', head, re.S)
    assert [unescape(p) for p in shown] == paras[:3]
    folded = re.search(
        r'<details class="description"><summary>(.*?)</summary>(.*?)</details>', head, re.S
    )
    assert folded is not None and folded.group(1) == "2 more paragraphs about this map"
    more = re.findall(r'<p dir="auto">(.*?)</p>', folded.group(2), re.S)
    assert [unescape(p) for p in more] == paras[3:]
    assert "<b>" not in head  # escaped
    one = validate_data({"title": "T", "description": "One line.", "thesis": {"text": "A."}})
    page = render_html(one, analyze(one), diagram=False).split("<main")[0]
    assert re.findall(r'<p class="description" dir="auto">(.*?)</p>', page) == ["One line."]
    assert "<details" not in page


def test_svg_is_sanitised_even_if_the_engine_emits_markup(monkeypatch: pytest.MonkeyPatch) -> None:
    import argmap.exporters.html.diagram as diagram
    from argmap.exporters.diagram.pagesize import PAGE_SIZES

    evil = (
        '<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" '
        'xmlns:xlink="http://www.w3.org/1999/xlink"><script>alert(1)</script>'
        '<g id="node-uniforms" class="node" onclick="alert(2)" style="x">'
        '<a xlink:href="javascript:alert(3)"><text fill="url(https://x.test/a)">'
        "&lt;b&gt;</text></a><foreignObject><p>x</p></foreignObject>"
        '<image href="https://x.test/i.png"/></g>'
        '<g id="stub-1"><a xlink:href="#page-2"><text>on</text></a>'
        '<a xlink:href="#page-9"><text>gone</text></a></g></svg>'
    )
    m = load_map(UNIFORMS)

    def drawings(*args: object) -> tuple[list[str], object, list[str]]:
        return [evil], None, []

    monkeypatch.setattr(diagram, "_drawings", drawings)
    html = render_html(m, analyze(m))
    svg = html[html.index("<svg") : html.index("</svg>") + 6]
    assert svg == (
        '<svg><g id="node-uniforms" class="node"><text>&lt;b&gt;</text></g>'
        '<g id="stub-1"><text>on</text><text>gone</text></g></svg>'
    )

    def paged(*args: object) -> tuple[list[str], object, list[str]]:
        twice = [evil, evil.replace("node-uniforms", "node-second-hand")]
        return twice, PAGE_SIZES["a4"], ["1 · <b>one</b>", "2 · two & <i>"]

    # On pages, links to pages stay (to pages that exist); other ids get their page's prefix.
    monkeypatch.setattr(diagram, "_drawings", paged)
    html = render_html(m, analyze(m))
    svg = html[html.index("<svg") : html.index("</svg>") + 6]
    assert svg == (
        '<svg><g id="node-uniforms" class="node"><text>&lt;b&gt;</text></g>'
        '<g id="p1-stub-1"><a href="#page-2"><text>on</text></a><text>gone</text></g></svg>'
    )
    assert 'id="p2-stub-1"' in html and "@page argmap-diagram { size: 841.89pt 595.28pt;" in html
    # The list of pages names them as escaped text.
    assert '<option value="1">1 · &lt;b&gt;one&lt;/b&gt;</option>' in html
    assert '<option value="2">2 · two &amp; &lt;i&gt;</option>' in html


def test_diagram_links_only_to_outline_entries() -> None:
    from argmap.exporters.html.svgclean import clean_svg

    svg = (
        '<svg xmlns:xlink="http://www.w3.org/1999/xlink">'
        '<a xlink:href="#node-a"><text>a</text></a>'
        '<a xlink:href="#node-a&quot;onclick"><text>b</text></a>'
        '<a href="#elsewhere"><text>c</text></a>'
        '<a xlink:href="https://x.test/#node-a"><text>d</text></a></svg>'
    )

    def link(target: str) -> str | None:
        return "n-" + target[5:] if target.startswith("node-") else None

    assert clean_svg(svg, link=link) == (
        '<svg><a href="#n-a"><text>a</text></a><text>b</text><text>c</text><text>d</text></svg>'
    )
    assert clean_svg(svg) == "<svg><text>a</text><text>b</text><text>c</text><text>d</text></svg>"


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(exclude_categories=("Cs", "Cc"), include_characters="\n\t")))
def test_svg_cleaning_keeps_any_text_as_text(text: str) -> None:
    from xml.etree import ElementTree as ET

    from argmap.exporters.html.svgclean import clean_svg

    quoted = str(escape(text))
    svg = (
        f'<svg viewBox="0 0 1 1"><g id="node-a" class="node"><title>{quoted}</title>\n'
        f'<text x="1" fill="{quoted}">{quoted}</text></g></svg>'
    )
    root = ET.fromstring(clean_svg(svg))
    assert [e.tag for e in root.iter()] == ["svg", "g", "title", "text"]
    assert (root[0][0].text or "") == text
    assert (root[0][1].text or "") == text
    assert root[0][1].get("fill") == text or "url(" in text.lower()


@functools.cache
def _engine_pages(path: Path) -> tuple[str, ...]:
    from argmap.exporters.html.diagram import _drawings

    m = load_map(path)
    return tuple(_drawings(m, analyze(m), RenderOptions())[0])


def _page_link(target: str) -> str | None:
    return "n-" + target[5:] if target.startswith("node-") else target


def _page_rename(element_id: str) -> str:
    return element_id if element_id.startswith("node-") else "p3-" + element_id


@pytest.mark.parametrize("path", [UNIFORMS, HOSTILE, CASES / "diagram-metachars.yaml"])
def test_engine_pages_take_the_line_pass_with_the_token_pass_result(path: Path) -> None:
    from argmap.exporters.html.svgclean import _clean_tokens
    from argmap.exporters.html.svglines import clean_lines

    for svg in _engine_pages(path):
        for link, rename in ((_page_link, _page_rename), (None, None)):
            fast = clean_lines(svg, link, rename)
            assert fast is not None and fast == _clean_tokens(svg, link, rename)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_svg_line_pass_agrees_with_the_token_pass_on_altered_pages(data: st.DataObject) -> None:
    from argmap.exporters.html.svgclean import _clean_tokens, clean_svg

    pages = _engine_pages(HOSTILE)
    svg = pages[data.draw(st.integers(0, len(pages) - 1))]
    at = data.draw(st.integers(0, len(svg)))
    cut = data.draw(st.integers(0, 20))
    insert = data.draw(st.text(st.sampled_from(list("<>/\"'&=\n\r at#;:!-?[]x1")), max_size=16))
    altered = svg[:at] + insert + svg[at + cut :]
    assert clean_svg(altered, _page_link, _page_rename) == _clean_tokens(
        altered, _page_link, _page_rename
    )


def test_plain_lines_with_ids_match_the_token_pass() -> None:
    from argmap.exporters.html.svgclean import _clean_tokens, clean_svg

    # Ids renamed in place, and the cases where a tag is rebuilt instead: a reference in
    # another value, a value holding "id=", a second id, a url of another spelling.
    for tag in (
        '<g id="node&#45;a" class="node">',
        '<g class="x" id="edge1" fill="none">',
        '<g id="a&amp;b" fill="red&#45;ish">',
        '<g fill="a id=" id="e1">',
        '<g id="e1" class="c" id="e2">',
        '<g id="e1" fill="URL(http://x)">',
        '<g id="e1" fill="url (#a)">',
        '<g id="">',
    ):
        body = f'<g id="graph0">\n{tag}\n<text x="1">t</text>\n</g>\n</g>\n'
        svg = f'<svg viewBox="0 0 1 1">\n{body}</svg>\n'
        got = clean_svg(svg, _page_link, _page_rename)
        assert got == _clean_tokens(svg, _page_link, _page_rename), tag
        assert got.startswith('<svg viewBox="0 0 1 1"><g id="p3-graph0">'), tag


def test_engine_anchors_match_the_token_pass() -> None:
    from argmap.exporters.html.svgclean import _clean_tokens, clean_svg

    def odd_link(target: str) -> str | None:
        return {"node-a": "n-a", "page-2": "page-2", "gone": None}.get(target, "not an id!")

    for tag in (
        '<a xlink:href="#node-a" xlink:title="A &amp; b" target="_self">',
        '<a xlink:href="#page-2" xlink:title="p">',
        '<a xlink:href="#gone" xlink:title="g">',
        '<a xlink:href="#other">',
        '<a xlink:title="only a tooltip">',
        '<a xlink:title="t" xlink:href="#node-a">',
        '<a xlink:href="#node-a" href="#page-2">',
        '<a xlink:href="#node&#45;a">',
        "<a>",
    ):
        body = f'<g id="graph0">\n<g id="a_x">{tag}\n<text x="1">t</text>\n</a>\n</g>\n</g>\n'
        svg = f'<svg viewBox="0 0 1 1">\n{body}</svg>\n'
        for link in (odd_link, _page_link, None):
            got = clean_svg(svg, link, _page_rename)
            assert got == _clean_tokens(svg, link, _page_rename), (tag, link)
            assert got.startswith('<svg viewBox="0 0 1 1"><g id="p3-graph0">'), tag


def test_the_page_cleaning_worker_imports_no_model_nor_templates() -> None:
    # Each worker process pays for its imports: the cleaning needs neither.
    probe = (
        "import sys\n"
        "from argmap.exporters.diagram.pageworkers import job\n"
        "job('html')\n"
        "print(' '.join(sorted({name.split('.')[0] for name in sys.modules})))"
    )
    proc = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert not set(proc.stdout.split()) & {"pydantic", "pydantic_core", "jinja2", "ruamel"}


def test_svg_cleaning_gives_nothing_for_broken_input() -> None:
    from argmap.exporters.html.svgclean import clean_svg

    for broken in (
        "<svg><g></svg>",
        "<svg><text>a</g></svg>",
        "<svg></svg><svg></svg>",
        "<g></g>",
        "<svg><text>a < b</text></svg>",
        '<svg><text x="1>a</text></svg>',
        "text<svg></svg>",
        "",
    ):
        assert clean_svg(broken) == "", broken
    assert clean_svg("<svg><g><path d='M0 0'/></g></svg>") == '<svg><g><path d="M0 0" /></g></svg>'


def test_a_failing_engine_leaves_a_note_instead_of_the_diagram(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    import argmap.exporters.html.diagram as diagram
    from argmap.analysis.standing import Analysis
    from argmap.errors import RenderError

    def fail(m: ArgumentMap, analysis: Analysis, options: RenderOptions) -> str:
        raise RenderError("engine bundled: gave up after 60 s")

    monkeypatch.setattr(diagram, "_drawings", fail)
    html = render_html(load_map(UNIFORMS), analyze(load_map(UNIFORMS)))
    assert "<svg" not in html
    assert "The diagram could not be drawn: engine bundled: gave up after 60 s</p>" in html
    assert "no diagram in the page: engine bundled: gave up" in caplog.text
    assert len(parse(html).entries) == len(load_map(UNIFORMS))


def test_diagram_is_inline_with_node_ids() -> None:
    m = load_map(UNIFORMS)
    html = render_html(m, analyze(m))
    assert html.count("<svg") == html.count('class="diagram-frame diagram-page"') >= 1
    for node in m.nodes:
        assert html.count(f'id="node-{node.id}"') == 1  # drawn in full on one page
        assert f'href="#node-{node.id}"' in html  # outline -> diagram
        assert f'<a href="#n-{node.id}">' in html  # diagram -> outline


def test_diagram_pages_are_the_pdf_pages_with_in_page_links() -> None:
    from argmap.exporters.diagram.fitting import page_svg
    from argmap.exporters.diagram.formats import _pages
    from argmap.exporters.diagram.svglinks import page_links

    m = load_map(FLAGSHIP)
    paper = RenderOptions()  # the page's default: pages A4 and Letter both hold
    layout = _pages(m, analyze(m), paper, "paper")
    assert layout is not None and len(layout.pages) > 1
    html = render_html(m, analyze(m), paper)
    figures = re.findall(r'<figure class="diagram-frame diagram-page" id="page-(\d+)"', html)
    numbers = [int(n) for n in figures]
    assert numbers == list(range(1, len(layout.pages) + 1))
    # Each page links where the PDF's page links: stubs, breadcrumb rows, references.
    for number, page in enumerate(layout.pages, start=1):
        part = html.split(f'id="page-{number}"', 1)[1].split("</figure>", 1)[0]
        wanted = sorted(link.page for link in page_links(page_svg(layout, page)))
        assert sorted(int(n) for n in re.findall(r'<a href="#page-(\d+)">', part)) == wanted
        for node_id in page.plan.page.nodes:
            assert f'id="node-{node_id}"' in part
    assert "@page argmap-diagram { size: 792.00pt 595.28pt;" in html
    assert "@page { size: 595.28pt 792.00pt; }" in html  # the text: upright, as both hold it
    a4 = render_html(m, analyze(m), RenderOptions(fit="a4"))
    assert "@page argmap-diagram { size: 841.89pt 595.28pt;" in a4
    assert "@page { size: A4 portrait; }" in a4
    letter = render_html(m, analyze(m), RenderOptions(fit="letter", portrait=True))
    assert "@page argmap-diagram { size: 612.00pt 792.00pt;" in letter
    # --fit none: the whole map as one drawing, printed as before.
    whole = render_html(m, analyze(m), RenderOptions(fit="none"))
    assert whole.count("<svg") == 1 and "@page argmap-diagram" not in whole
    assert 'id="page-1"' in whole
    assert "#page-" not in whole.split("<svg", 1)[1].split("</svg>", 1)[0]


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(argument_maps())
def test_any_text_round_trips_through_the_page(m: ArgumentMap) -> None:
    html = render_html(m, analyze(m), diagram=False)
    parsed = parse(html)
    assert [e[0] for e in parsed.entries] == [n.id for n in reading_order(m)]
    for node in m.nodes:
        # As written, but with control characters as U+FFFD and bidi runs closed.
        assert parsed.texts[node.id].strip() == displayable(node.text).strip()
    assert parsed.tags.count("script") == 1
    assert parsed.handlers == []
    assert render_html(m, analyze(m), diagram=False) == html
    # Each entry is labelled with the kind the diagram draws it as.
    kinds = dict(re.findall(r'data-id="([^"]*)" data-kind="(\w+)"', html))
    assert kinds == {n.id: draw_kind(m, n).value for n in m.nodes}


def test_rendering_is_deterministic() -> None:
    m = load_map(UNIFORMS)
    assert render_html(m, analyze(m)) == render_html(
        load_map(UNIFORMS), analyze(load_map(UNIFORMS))
    )


def test_templates_compile_once_per_process(monkeypatch: pytest.MonkeyPatch) -> None:
    import jinja2

    from argmap.exporters.html import page

    m = load_map(UNIFORMS)
    analysis = analyze(m)
    first = render_html(m, analysis, diagram=False), render_answer_key(m, analysis)
    compiled: list[object] = []
    compile_template = jinja2.Environment.compile

    def counting(self: jinja2.Environment, *args: object, **kwargs: object) -> object:
        compiled.append(args)
        return compile_template(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(jinja2.Environment, "compile", counting)
    again = render_html(m, analysis, diagram=False), render_answer_key(m, analysis)
    assert again == first
    assert compiled == []
    env = page._environment()
    assert env is page._environment()
    assert env.autoescape is True
    assert env.undefined is jinja2.StrictUndefined


def test_help_imports_no_template_engine() -> None:
    code = (
        "import sys\n"
        "from argmap.cli import main\n"
        "try:\n"
        "    main(['--help'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in ('jinja2', 'markupsafe') if m in sys.modules))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.strip().splitlines()[-1] == "[]"


def test_exercise_blanks_texts_and_the_key_has_them() -> None:
    from argmap.exercise import positions

    m = load_map(UNIFORMS)
    page = render_html(m, analyze(m), RenderOptions(exercise=True))
    key = render_answer_key(m, analyze(m), RenderOptions(exercise=True))
    parsed = parse(page)
    labels = positions(m)
    assert [e[0] for e in parsed.entries] == [labels[n.id] for n in reading_order(m)]
    # The page's own script and style are the same for every map: an id such as "cost" is
    # an English word their comments may use. Everything else on the page comes of the map.
    templates = Path(html_templates.__file__).parent / "templates"
    map_part = page
    for asset in ("argmap.js", "argmap.css"):
        shipped = (templates / asset).read_text(encoding="utf-8")
        assert shipped in map_part
        map_part = map_part.replace(shipped, "")
    for node in m.nodes[1:]:  # the thesis stays
        assert node.text not in page and str(escape(node.text)) not in page
        assert str(escape(node.text)) in key
        assert f"<code>{labels[node.id]}</code>" in key
        assert node.id not in map_part
    assert page.count('aria-label="blank to fill in"') == len(m) - 1


def test_print_theme_and_context_fields() -> None:
    m = load_map(UNIFORMS)
    assert 'class="theme-print"' in render_html(
        m, analyze(m), RenderOptions(theme="print"), diagram=False
    )
    ctx = build_context(m, analyze(m), RenderOptions())
    counts = {c.kind: c.count for c in ctx["kind_counts"]}
    assert counts == {"thesis": 1, "premise": 4, "evidence": 1, "objection": 3, "rebuttal": 1}
    assert [a for a, _ in ctx["authors"]] == ["A. Reviewer"]
    # What attacks the thesis itself first, then the rest in the map's order.
    assert [u.node.id for u in ctx["unanswered"]] == ["expression", "belonging-anecdote"]
    assert isinstance(ctx["css"], Markup)
    thesis_case = ctx["cases"][0]
    assert thesis_case.claim.id == "uniforms"
    pros = [p.id for p in thesis_case.pros]
    assert pros == ["cost", "bullying-clothes", "uniforms-equalise", "identity"]
    cons = {c.node.id: c for c in thesis_case.cons}
    assert cons["belonging-anecdote"].undercuts == "identity"
    assert [a.id for a in ctx["cases"][1].cons[0].answers] == ["second-hand"]


def test_csp_allows_only_the_inlined_script_and_style() -> None:
    html = render_html(load_map(UNIFORMS), analyze(load_map(UNIFORMS)), diagram=False)
    raw = html.split('http-equiv="Content-Security-Policy" content="', 1)[1].split('"', 1)[0]
    csp = unescape(raw)
    assert csp.startswith("default-src 'none'; style-src 'sha256-")
    assert "unsafe-inline" not in csp and "script-src 'sha256-" in csp


@pytest.mark.parametrize(
    ("url", "ok"),
    [
        ("https://example.org/a", True),
        ("http://example.org", True),
        ("HTTPS://EXAMPLE.ORG", True),
        ("javascript:alert(1)", False),
        (" javascript:alert(1)", False),
        ("java\tscript:alert(1)", False),
        ("data:text/html,x", False),
        ("//example.org", False),
        ("https://", False),
        ("https://exa mple.org", False),
        ("ftp://example.org", False),
        ("", False),
        (None, False),
    ],
)
def test_safe_url(url: str | None, ok: bool) -> None:
    assert (safe_url(url) is not None) is ok


def _deep_map(depth: int) -> ArgumentMap:
    nodes = [Node(id="n0", kind=NodeKind.THESIS, text="root")]
    nodes += [
        Node(
            id=f"n{i}",
            kind=NodeKind.PREMISE,
            text=f"claim {i}",
            parent=f"n{i - 1}",
            relation=Relation.SUPPORTS,
        )
        for i in range(1, depth)
    ]
    return ArgumentMap(title="deep", nodes=tuple(nodes))


def test_a_5000_deep_map_renders_with_capped_nesting() -> None:
    m = _deep_map(5000)
    html = render_html(m, analyze(m), diagram=False)
    parsed = parse(html)
    assert [e[0] for e in parsed.entries] == [f"n{i}" for i in range(5000)]
    for node_id, parent, flat in parsed.entries:
        level = int(node_id[1:])
        if level <= MAX_NESTING:
            assert not flat and parent == m.get(node_id).parent
        else:  # after the tree, at the top level, naming the last nested entry above
            assert flat and parent is None
    deeper = 5000 - MAX_NESTING - 1
    assert html.count(f'data-up="n{MAX_NESTING}"') == deeper
    first = MAX_NESTING + 1
    assert f'<a href="#n-n{first}">{deeper:,} deeper entries</a>' in html
    # The last nested entry holds the link, and the flat entries follow its tree's end.
    assert html.index(f'id="n-n{MAX_NESTING}"') < html.index('href="#n-n121"')
    assert html.index("Deeper than the outline nests") < html.index(f'id="n-n{first}"')


def test_exporter_is_registered() -> None:
    exporter = get_exporter("html")
    assert exporter.suffix == ".html"
    assert exporter.render is render_html


def test_cli_render_html_and_exercise(runner, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    result = runner.invoke(main, ["render", str(UNIFORMS), "-f", "html", "-o", str(tmp_path)])
    assert result.exit_code == 0, result.output
    page = (tmp_path / "school-uniforms.html").read_text(encoding="utf-8")
    assert page == render_html(
        load_map(UNIFORMS), analyze(load_map(UNIFORMS)), RenderOptions(map_name=str(UNIFORMS))
    )
    result = runner.invoke(
        main, ["render", str(UNIFORMS), "-f", "html", "--exercise", "-o", str(tmp_path / "ex")]
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "ex").iterdir()) == [
        "school-uniforms.answers.html",
        "school-uniforms.exercise.html",
    ]


def test_subprocess_render_html(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "argmap", "render", str(HOSTILE), "-f", "html", "-o", tmp_path],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    page = (tmp_path / "html-hostile.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")


def test_hide_quotes_leaves_quotes_out_of_the_outline() -> None:
    m = load_map(MAPS / "russias-game-in-north-korea.yaml")
    quoted = [n for n in m.nodes if n.quote]
    assert quoted
    shown = render_html(m, analyze(m), RenderOptions(), diagram=False)
    hidden = render_html(m, analyze(m), RenderOptions(hide=frozenset({"quotes"})), diagram=False)
    assert shown.count('<blockquote class="quote" dir="auto">') == len(quoted)
    assert '<blockquote class="quote" dir="auto">' not in hidden


def test_unanswered_means_no_answer_stands_everywhere_on_the_page() -> None:
    # o1's only answer (r) is defeated by o2, so o1 is unanswered again; o3 has no answer;
    # o4's answer (r4) stands, but u undercuts its attack, so it answers nothing.
    # o2, an objection to a rebuttal, is shown as an objection, as the diagram draws it
    # (it was shown as a rebuttal, the side it argues for lost), and so is u, which
    # undercuts r4's attack: both are the thesis's side's to answer, and unanswered.
    m = validate_data(
        {
            "title": "t",
            "thesis": {
                "id": "t",
                "text": "Claim.",
                "objections": [
                    {
                        "id": "o1",
                        "text": "First objection.",
                        "rebuttals": [
                            {
                                "id": "r",
                                "text": "Answer.",
                                "objections": [{"id": "o2", "text": "No."}],
                            }
                        ],
                    },
                    {"id": "o3", "text": "Second objection."},
                    {
                        "id": "o4",
                        "text": "Third objection.",
                        "rebuttals": [
                            {
                                "id": "r4",
                                "text": "Reply.",
                                "objections": [
                                    {"id": "u", "text": "Beside the point.", "undercut": True}
                                ],
                            }
                        ],
                    },
                ],
            },
        }
    )
    ctx = build_context(m, analyze(m), RenderOptions())
    listed = {u.node.id: u.node.answers for u in ctx["unanswered"]}
    assert listed == {
        "o1": "its answer is defeated",
        "o3": "no answer yet",
        "o4": "its answer is undercut",  # r4 stands (badged so), but its attack is cut off
        "o2": "no answer yet",
        "u": "no answer yet",
    }
    page = render_html(m, analyze(m), RenderOptions(), diagram=False)
    assert '<a href="#unanswered">5 objections with no standing answer</a>' in page
    assert 'data-id="o2" data-kind="objection"' in page
    assert 'its answer is defeated</span> <span class="said" dir="auto">First objection.' in page
    assert 'no answer yet</span> <span class="said" dir="auto">Second objection.' in page
    assert 'its answer is undercut</span> <span class="said" dir="auto">Third objection.' in page
    # The filter shows the same objections: data-answered="no" on exactly these entries.
    entries = dict(
        re.findall(r'data-id="([^"]+)" data-kind="objection"[^>]*data-answered="(\w+)"', page)
    )
    assert {i for i, answered in entries.items() if answered == "no"} == set(listed)
    # "For and against" says so too: it badged only o3, with no answer at all, and showed
    # o1 and o4 "answered by" an answer that answers nothing, with no word of its fate.
    cons = page.split('<section id="for-against"')[1].split("</section>")[0]
    badged = re.findall(
        r'<code>([^<]+)</code></a> <span dir="auto">[^<]*</span>\s*'
        r'<span class="badge unanswered" title="([^"]*)">unanswered</span>',
        cons,
    )
    assert dict(badged) == {
        "o1": "No rebuttal that stands answers it: its answer is defeated",
        "o3": "No rebuttal that stands answers it",
        "o4": "No rebuttal that stands answers it: its answer is undercut",
        "o2": "No rebuttal that stands answers it",
    }
    fates = dict(
        re.findall(
            r'answered by</span> <a href="#[^"]+"><code>([^<]+)</code></a> <sp'
            r'an dir="auto">[^<]*</span> <span class="badge standing[^>]*>'
            r'<span class="visually-hidden">standing: </span>([^<]+)<',
            cons,
        )
    )
    assert fates == {"r": "defeated", "r4": "stands · link cut", "o2": "stands", "u": "stands"}


def test_diagram_boxes_link_to_the_outline_for_ids_with_combining_marks() -> None:
    m = validate_data({"title": "t", "thesis": {"id": "e\u0301te\u0301", "text": "x"}})
    svg_part = render_html(m, analyze(m)).split("<svg", 1)[1].split("</svg>", 1)[0]
    assert 'href="#n-e\u0301te\u0301"' in svg_part


def test_unclosed_bidi_overrides_and_controls_stay_inside_their_text() -> None:
    m = validate_data(
        {"title": "t", "thesis": {"text": "Claim \u202eesrever", "premises": [{"text": "a\x07b"}]}}
    )
    page = render_html(m, analyze(m), diagram=False)
    # The override is shown as an embedding (no word's letters reversed), closed before
    # the markup that follows.
    assert "Claim \u202besrever\u202c" in page
    assert "\u202e" not in page and "\u202d" not in page
    assert "a\ufffdb" in page and "\x07" not in page


def _hue(colour: str) -> tuple[float, float]:
    import colorsys

    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    hue, _light, saturation = colorsys.rgb_to_hls(r, g, b)
    return hue * 360, saturation


def test_the_page_colours_each_kind_as_the_diagram_does_and_legibly() -> None:
    """Evidence was blue on the page and grey in its diagram, an undercutter magenta and red."""
    from argmap.exporters.diagram.styles import NODE_STYLE

    css = (Path(html_templates.__file__).parent / "templates" / "argmap.css").read_text()
    screen, rest = css.split("@media (prefers-color-scheme: dark)", 1)
    dark_block = rest.split("html.theme-print")[0]
    light, dark = (
        dict(re.findall(r"--([a-z-]+): (#[0-9a-f]{6})", b)) for b in (screen, dark_block)
    )
    drawn = {kind.value: NODE_STYLE[kind].ink for kind in NodeKind}
    drawn["undercutter"] = NODE_STYLE[NodeKind.OBJECTION].ink  # drawn as an objection
    for kind, ink in drawn.items():
        if kind == "conclusion":
            continue  # the page gives a conclusion the thesis's colour, its box says which
        for palette in (light, dark):
            page_hue, page_saturation = _hue(palette[kind])
            ink_hue, ink_saturation = _hue(ink)
            if ink_saturation < 0.1:  # a grey: a grey on the page too
                assert page_saturation < 0.1, kind
            else:
                assert min(abs(page_hue - ink_hue), 360 - abs(page_hue - ink_hue)) < 20, kind
            for ground in ("bg", "panel"):
                assert contrast(palette[kind], palette[ground]) >= 4.5, (kind, ground)


def test_for_and_against_gives_attacked_evidence_a_case() -> None:
    """An objection to evidence appeared nowhere in "For and against": evidence had no case,
    and its premise's case said "No counterpoints raised"."""
    m = validate_data(
        {
            "title": "t",
            "thesis": {
                "id": "t",
                "text": "Build the bridge.",
                "premises": [
                    {
                        "id": "p",
                        "text": "It cuts commutes.",
                        "evidence": [
                            {
                                "id": "e",
                                "text": "A study shows it.",
                                "objections": [{"id": "o", "text": "The builder paid for it."}],
                            },
                            {"id": "e2", "text": "A survey agrees."},
                        ],
                    }
                ],
            },
        }
    )
    page = render_html(m, analyze(m), RenderOptions(), diagram=False)
    cons = page.split('<section id="for-against"')[1].split("</section>")[0]
    heads = re.findall(r'<h3 id="case-\d+"><span class="kind (\w+)">.*?<code>([^<]+)</code>', cons)
    assert heads == [("thesis", "t"), ("premise", "p"), ("evidence", "e")]  # not e2: unattacked
    case = cons.split('<code>e</code></a>: <span dir="auto">A study shows it.</span></h3>')[1]
    case = case.split("</article>")[0]
    assert "Evidence: it grounds a claim and is not argued for." in case
    assert '<a href="#n-o"><code>o</code></a> <span dir="auto">The builder paid for it.' in case
    assert "No support given." not in case


@pytest.mark.parametrize("fit", ["a4", "none"])
def test_the_diagram_gives_no_engine_names_as_tooltips(fit: str) -> None:
    """Every element of the inlined diagram kept the engine's <title>: a browser showed
    "argmap" as the tooltip anywhere over the diagram, a box's id over a box, and
    "russias-korean-game->anti-americanism-drives-russia:s" over an arrow."""
    m = load_map(FLAGSHIP)
    page = render_html(m, analyze(m), RenderOptions(fit=fit))
    drawings = re.findall(r"<figure .*?</figure>", page, re.S)
    assert drawings and all("<svg" in d for d in drawings)
    assert not [d for d in drawings if "<title" in d]
