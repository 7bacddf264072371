"""Worksheets: positions, blanks, the bank, the key, and no answer given away in any format."""

from __future__ import annotations

import html
import re
import subprocess
from collections import Counter
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import given
from hypothesis import strategies as st

from argmap.cli import main
from argmap.exercise import blank_lines, make_worksheet, positions, shuffled
from argmap.exercise.worksheet import HAND_CHARS, mixed_siblings
from argmap.exporters.diagram.pagerefs import IN_WORDS
from argmap.exporters.diagram.stublabels import LEAF_WHERE
from argmap.exporters.diagram.worksheet import KIND_BLANK
from argmap.load.maps import load_map
from argmap.model import ArgumentMap, Node, NodeKind, Relation
from argmap.options import RenderOptions
from argmap.pipeline import render_files
from tests.conftest import MAPS, write
from tests.poppler import poppler
from tests.strategies import argument_maps

UNIFORMS = MAPS / "school-uniforms.yaml"
FLAGSHIP = MAPS / "russias-game-in-north-korea.yaml"

_COMMON = """that this with from have been were will would there their they them than then
what when which while about into only also more most some such each other over under its
it's does doesn't after before again against because being both could should these those
through very just your ours"""
STOP = frozenset(_COMMON.split())
"""Words too common to give anything away."""

KIND_WORDS = ("premise", "reason", "evidence", "objection", "rebuttal", "undercut")
"""Words that name a kind or an arrow: a label worksheet must not say them of a box."""

TINY = """\
title: Tiny
thesis:
  text: Zq.
  premises:
    - id: a
      text: Zq zq.
      evidence:
        - text: Zq zq zq.
      objections:
        - text: Zqz.
          undercut: true
          rebuttals:
            - text: Zqzq.
    - linked:
        - text: Zzq.
          links: [a]
        - text: Zzzq.
  objections:
    - text: Qz.
  conclusions:
    - text: Zqq.
      objections:
        - text: Qzz.
          undercut: true
"""
"""A map of every shape in words of no meaning: what a worksheet prints besides the map."""


def words(text: str) -> set[str]:
    """The content words of a text: four letters or more, lower case, not too common."""
    found = {w.lower() for w in re.findall(r"[^\W\d_]{4,}", text)}
    return found - STOP


def file_text(path: Path) -> str:
    """What a student could read in a file: PDF text, or the raw SVG/HTML/PNG bytes."""
    if path.suffix == ".pdf":
        pdftotext = poppler("pdftotext")
        out = subprocess.run([pdftotext, str(path), "-"], capture_output=True, check=True)
        return out.stdout.decode("utf-8")
    raw = path.read_bytes().decode("utf-8", errors="replace")
    return html.unescape(raw)


def render(tmp_path: Path, map_path: Path, fmt: str, **options: object) -> list[Path]:
    opts = RenderOptions(exercise=True, **options)  # type: ignore[arg-type]
    return [target for _, target in render_files([map_path], [fmt], tmp_path, opts)]


def boilerplate(tmp_path: Path, fmt: str, kind: str) -> set[str]:
    """Words any worksheet of this format and kind prints (headings, instructions, CSS, JS)."""
    tiny = write(tmp_path, "tiny.yaml", TINY)
    out = tmp_path / "tiny-out"
    return set().union(*(words(file_text(p)) for p in render(out, tiny, fmt, exercise_kind=kind)))


def test_positions_follow_the_tree() -> None:
    m = load_map(UNIFORMS)
    labels = positions(m)
    assert labels[m.thesis.id] == "1"
    for node in m.nodes[1:]:
        parent = labels[node.parent]  # type: ignore[index]
        number = [c.id for c in m.children(node.parent)].index(node.id) + 1  # type: ignore[arg-type]
        assert labels[node.id] == f"{parent}.{number}"


def test_positions_of_a_deep_map_stay_short() -> None:
    nodes = [Node(id="t", kind=NodeKind.THESIS, text="Claim")]
    nodes += [
        Node(id=f"p{i}", kind=NodeKind.PREMISE, text="Claim",
             parent="t" if i == 1 else f"p{i - 1}", relation="supports")  # type: ignore[arg-type]
        for i in range(1, 3001)
    ]  # fmt: skip
    m = ArgumentMap(title="deep", nodes=tuple(nodes))
    labels = positions(m)
    assert labels["t"] == "n1" and labels["p3000"] == "n3001"
    sheet = make_worksheet(m, RenderOptions(exercise=True))
    assert len(sheet.exercise) == 3001


@given(st.text(max_size=700))
def test_blank_lines_grow_with_the_answer(text: str) -> None:
    lines = blank_lines(text)
    assert lines >= 2
    assert blank_lines(text + " " + "x" * 60) > lines or lines * HAND_CHARS >= len(text) + 61


def test_shuffle_is_repeatable_and_rules_nothing_out() -> None:
    assert shuffled(20, 0) == shuffled(20, 0)
    assert shuffled(20, 0) != shuffled(20, 1)
    for count in range(2, 30):
        order = shuffled(count, 7)
        assert sorted(order) == list(range(count))
        assert count < 3 or order != list(range(count))  # never the map's own order
    # Uniform: with two items both orders come up, and an item may keep its number
    # (a shuffle that never left one in place would tell students where it is not).
    assert {tuple(shuffled(2, seed)) for seed in range(20)} == {(0, 1), (1, 0)}
    firsts = [shuffled(4, seed)[0] for seed in range(400)]
    assert all(60 < firsts.count(i) < 140 for i in range(4))


def test_worksheet_leaves_out_what_gives_answers_away() -> None:
    m = load_map(FLAGSHIP)
    sheet = make_worksheet(m, RenderOptions(exercise=True))
    ex = sheet.exercise
    assert [n.id for n in ex.nodes] == [positions(m)[n.id] for n in m.nodes]
    assert ex.title == "Worksheet: write in the statements"
    assert ex.source is None and not ex.sources and ex.description is None
    for node in ex.nodes:
        assert node.citation is None and node.quote is None and node.author is None
        assert not node.tags and node.note is None and node.source is None
    assert ex.thesis.text == m.thesis.text
    blanks = sheet.exercise_options.sheet.blanks  # type: ignore[union-attr]
    assert set(blanks) == {n.id for n in ex.nodes[1:]}
    kept = make_worksheet(
        m, RenderOptions(exercise=True, keep=frozenset({"citations", "title"}), blank_thesis=True)
    )
    assert kept.exercise.title == f"Worksheet: {m.title}"
    assert any(n.citation for n in kept.exercise.nodes)
    assert kept.exercise.thesis.text != m.thesis.text


def test_place_bank_holds_each_statement_once_and_the_key_numbers_them() -> None:
    m = load_map(FLAGSHIP)
    sheet = make_worksheet(m, RenderOptions(exercise=True, exercise_kind="place", seed=3))
    info = sheet.answer_options.sheet
    assert info is not None and info.answers
    assert sorted(info.bank) == sorted(n.text for n in m.nodes[1:])
    labels = positions(m)
    for node in m.nodes[1:]:
        assert info.bank[info.numbers[labels[node.id]] - 1] == node.text
    again = make_worksheet(m, RenderOptions(exercise=True, exercise_kind="place", seed=3))
    assert again.exercise_options.sheet.bank == info.bank  # type: ignore[union-attr]


def test_a_place_key_accepts_either_twin_in_each_twins_box(tmp_path: Path) -> None:
    """The flagship states three claims once per outlet ("... (as reported by Reuters)");
    a worksheet drops sources, so nothing told a student which twin went in which box,
    and the key marked a swapped pair wrong."""
    m = load_map(FLAGSHIP)
    sheet = make_worksheet(m, RenderOptions(exercise=True, exercise_kind="place", seed=3))
    info = sheet.answer_options.sheet
    assert info is not None
    labels = positions(m)
    one, two = labels["debt-write-off-nknews"], labels["debt-write-off-reuters"]
    both = " or ".join(map(str, sorted([info.numbers[one], info.numbers[two]])))
    assert info.accepted(one) == info.accepted(two) == both
    assert len(info.twins) == 6  # three pairs; every other box takes its one number
    assert info.accepted(labels["russias-korean-game"]) == str(
        info.numbers[labels["russias-korean-game"]]
    )
    assert not sheet.exercise_options.sheet.twins  # type: ignore[union-attr]
    # The key says so in the box's header, its list and the HTML page's table.
    out = tmp_path / "out"
    args = ["render", str(FLAGSHIP), "-f", "pdf,html", "--exercise", "place", "--seed", "3"]
    result = CliRunner().invoke(main, [*args, "-o", str(out)])
    assert result.exit_code == 0, result.output
    page = (out / "russias-game-in-north-korea.answers.html").read_text(encoding="utf-8")
    assert f"<td>{both}</td>" in page
    text = file_text(out / "russias-game-in-north-korea.answers.pdf")
    assert f"Statement no. {both}" in text and f"{one} · no. {both}" in text
    fill = make_worksheet(m, RenderOptions(exercise=True, exercise_kind="fill"))
    assert not fill.answer_options.sheet.twins  # type: ignore[union-attr]


@pytest.mark.parametrize("fmt", ["html", "svg", "png", "pdf"])
@pytest.mark.parametrize("kind", ["fill", "place"])
def test_no_word_of_a_blanked_statement_in_any_format(tmp_path: Path, fmt: str, kind: str) -> None:
    m = load_map(UNIFORMS)
    files = render(tmp_path / "out", UNIFORMS, fmt, exercise_kind=kind)
    names = sorted(p.name for p in files)
    assert any(".exercise" in n for n in names) and any(".answers" in n for n in names)
    secret = set().union(*(words(n.text) for n in m.nodes[1:]))
    secret -= words(m.thesis.text) | boilerplate(tmp_path, fmt, kind)
    ids = {n.id for n in m.nodes[1:] if "-" in n.id}  # a one-word id may be a thesis word
    assert secret and ids
    for path in files:
        text = file_text(path)
        if ".answers" in path.name:
            if fmt != "png":
                assert secret & words(text)  # the key has the answers
            continue
        if kind == "place":
            assert fmt == "png" or "STATEMENT BANK" in text.upper()
            text = _outside_bank(text, fmt)
        if fmt == "pdf":  # fitted to A4 landscape pages like any render
            assert _page_size(path) == "841.89 x 595.28"
        assert not secret & words(text), (path.name, sorted(secret & words(text))[:10])
        assert not {i for i in ids if i in text}, path.name


def _page_size(path: Path) -> str:
    pdfinfo = poppler("pdfinfo")
    info = subprocess.run([pdfinfo, str(path)], capture_output=True, text=True, check=True)
    found = re.search(r"Page size:\s+([\d.]+ x [\d.]+)", info.stdout)
    return found.group(1) if found else info.stdout


def _outside_bank(text: str, fmt: str) -> str:
    """A place worksheet's text less its bank, where every statement belongs once."""
    if fmt == "html":
        return re.sub(r'<section id="bank".*?</section>', "", text, flags=re.S)
    if fmt == "svg":
        return re.sub(r'<g id="bank".*?(?=<g id="(?!a_)|</svg>)', "", text, flags=re.S)
    if fmt == "pdf":
        pages = text.split("\f")
        return "\f".join(p for p in pages if "STATEMENT BANK" not in p)
    return text


@pytest.mark.parametrize("fmt", ["svg", "pdf", "html"])
def test_flagship_fill_worksheet_gives_nothing_away(tmp_path: Path, fmt: str) -> None:
    m = load_map(FLAGSHIP)
    secret = set().union(*(words(n.text) for n in m.nodes[1:]))
    for node in m.nodes:  # quotes, citations, authors and notes are left out too
        secret |= words(node.quote or "") | words(node.note or "") | words(node.author or "")
        if node.citation is not None:
            secret |= words(node.citation.label())
    secret -= words(m.thesis.text) | boilerplate(tmp_path, fmt, "fill")
    # A link arriving from another page says how it bears ("attacked from p. 9"), as the
    # sheet's coloured arrows do: the sheet's own words.
    secret -= set().union(*(words(word) for word in IN_WORDS.values()))
    secret -= words(LEAF_WHERE)  # a leaf's stub: "drawn in full, p. 9"
    assert {"lavrov", "crimea", "pyongyang"} <= secret
    [exercise, key] = render(tmp_path / "out", FLAGSHIP, fmt)
    assert ".exercise" in exercise.name
    leaked = secret & words(file_text(exercise))
    assert not leaked, sorted(leaked)[:20]
    assert {"lavrov", "crimea"} <= words(file_text(key))


def test_label_worksheet_hides_kinds_and_arrow_types(tmp_path: Path) -> None:
    [exercise, key] = render(tmp_path, FLAGSHIP, "svg", exercise_kind="label")
    svg = exercise.read_text(encoding="utf-8")
    svg = re.sub(r'<g id="legend".*?</g>', "", svg, flags=re.S)  # the instructions
    m = load_map(FLAGSHIP)
    assert html.unescape(m.nodes[5].text.split(",")[0]) in html.unescape(svg)  # statements stay
    svg = re.sub(r">LINKED REASON: co(-|&#45;)premises[^<]*<", "><", svg)  # a linked box
    headers = re.findall(r">((?:C|\d)[\d.]*) · ([^<]*)<", svg)  # C1: a conclusion
    assert len(headers) == len(m)
    linked = {n.id for n in make_worksheet(m, LABEL).exercise.nodes if n.group is not None}
    for pos, rest in headers:  # C1 says it is a conclusion: its kind is given, as the thesis's
        given = {"1": "THESIS"}.get(pos, "CONCLUSION" if re.fullmatch(r"C\d+", pos) else None)
        if pos in linked:  # only premises can be linked: the group box says so, as the sheet
            given = "REASON"
        assert rest == (given or KIND_BLANK), pos
    svg = re.sub(r">[\d.]+ · REASON<", "><", svg)
    classes = " ".join(re.findall(r'class="([^"]*)"', svg)).lower()
    titles = " ".join(re.findall(r'xlink:title="([^"]*)"', svg)).lower()
    for word in KIND_WORDS + ("supports", "attacks"):
        assert word not in classes and word.upper() not in svg, word
    assert "arrow" in titles and not re.search(r'title="[\d.]+ (supports|attacks|undercuts)"', svg)
    assert "supports" in key.read_text(encoding="utf-8")


def test_label_html_hides_kinds(tmp_path: Path) -> None:
    [exercise, _key] = render(tmp_path, UNIFORMS, "html", exercise_kind="label")
    page = exercise.read_text(encoding="utf-8")
    outline = page[page.index('<ol class="tree"') :]
    outline = outline[: outline.index("</section>")]
    # A linked box says what it is (only premises can be linked, which the box shows
    # anyway); no word about any single box or arrow names its kind.
    outline = outline.replace('class="joint-reason"', "")
    outline = re.sub(r'<p class="joint-label">.*?</p>', "", outline, flags=re.S)
    # Its premises are shown as what the box says they are, not asked (as in the diagram).
    members, outline = _cut_joint_lists(outline)
    assert members and all("Reason</span>" in m and "kind: __" not in m for m in members)
    for word in KIND_WORDS + ("supports", "attacks"):
        assert word not in outline.lower().replace("thesis", ""), word


def _cut_joint_lists(page: str) -> tuple[list[str], str]:
    """The linked premises' rows (kind and relation shown), and the page without those rows.

    Only a row's own summary and facts go; what hangs from it stays, to be checked.
    """
    rows = list(
        re.finditer(
            r'<li class="entry premise rel-supports"[^>]*>\s*<details[^>]*>\s*'
            r'(<summary>.*?</summary>)\s*<div class="body">\s*(<dl class="meta">.*?</dl>)',
            page,
            re.S,
        )
    )
    for row in rows:
        assert "supports" in row.group(2)  # given, as the box's + is
    for row in reversed(rows):
        page = page[: row.start()] + page[row.end(2) :]
    return [row.group(1) for row in rows], page


def test_label_sheet_says_what_a_linked_box_is(tmp_path: Path) -> None:
    # In the terms students are taught (Rationale's): co-premises that support only together.
    page = render(tmp_path, UNIFORMS, "html", exercise_kind="label")[0]
    hints = re.findall(r'<p class="joint-label">(.*?)</p>', page.read_text(encoding="utf-8"))
    assert hints
    for hint in hints:
        text = " ".join(re.sub(r"<[^>]+>", " ", html.unescape(hint)).split())
        assert re.search(
            r"Linked reason \(all together\) : these reasons support 1(\.\d)* only together", text
        )
    svg = render(tmp_path / "svg", UNIFORMS, "svg", exercise_kind="label")[0]
    captions = re.findall(r">(LINKED[^<]*)<", html.unescape(svg.read_text(encoding="utf-8")))
    assert captions and set(captions) == {"LINKED REASON: co-premises that support only together"}


def test_label_html_asks_for_the_kinds_its_diagram_asks_for(tmp_path: Path) -> None:
    # The page's own key says "premise", its diagram's legend and key say "reason".
    page = render(tmp_path, UNIFORMS, "html", exercise_kind="label")[0].read_text("utf-8")
    [note] = re.findall(r'<p class="exercise-note".*?</p>', page, re.S)
    assert "premise or reason" in note
    assert "Write each box's kind: reason, evidence, objection" in html.unescape(page)


def test_html_key_says_a_box_leads_to_its_row(tmp_path: Path) -> None:
    # The key has a table of answers, no outline: its diagram's boxes link to the rows.
    key = render(tmp_path, UNIFORMS, "html", exercise_kind="place")[1].read_text("utf-8")
    [hint] = re.findall(r'<section id="diagram".*?<p class="hint">(.*?)</p>', key, re.S)
    assert hint.startswith("Select a box to jump to its row in the answers.")
    assert 'href="#n-1.1"' in key and 'id="n-1.1"' in key


def test_label_sheet_breadcrumbs_name_boxes_by_position(tmp_path: Path) -> None:
    # The kind is hidden, so a breadcrumb row starts with the box's position, not ": ".
    # Upright slides: enough pages that one has a breadcrumb below the thesis (upright A4
    # holds the sheet in four pages since the key left the thesis's rank: none has).
    pages = render(tmp_path, UNIFORMS, "svg", exercise_kind="label", fit="slide", portrait=True)
    rows = [
        html.unescape(row)
        for page in pages
        if ".exercise" in page.name
        for row in re.findall(
            r'<g id="a_trail[^"]*".*?>([^<]*)</text>', page.read_text("utf-8"), re.S
        )
    ]
    assert rows and not [row for row in rows if row.strip().startswith(":")]
    assert any(re.match(r"1\.\d: Uniforms ", row.strip()) for row in rows), rows


def test_worksheets_are_deterministic_and_seeded(tmp_path: Path) -> None:
    one = render(tmp_path / "a", UNIFORMS, "svg", exercise_kind="place")
    two = render(tmp_path / "b", UNIFORMS, "svg", exercise_kind="place")
    assert [p.read_bytes() for p in one] == [p.read_bytes() for p in two]
    three = render(tmp_path / "c", UNIFORMS, "svg", exercise_kind="place", seed=5)
    assert one[0].read_bytes() != three[0].read_bytes()


def test_fill_blanks_get_ruled_lines_in_proportion(tmp_path: Path) -> None:
    m = load_map(FLAGSHIP)
    [exercise, _] = render(tmp_path, FLAGSHIP, "dot")
    dot = exercise.read_text(encoding="utf-8")
    labels = positions(m)
    for node in m.nodes[1:]:
        block = re.search(rf'^\s+"?{re.escape(labels[node.id])}"? \[(.*?)\]\n', dot, re.S | re.M)
        assert block is not None, labels[node.id]
        assert block.group(1).count('SIDES="B"') == blank_lines(node.text)


def test_even_blanks_give_every_blank_the_longest_statements_lines(tmp_path: Path) -> None:
    """Blanks sized each to its statement tell a pupil how long each answer is: with
    ``even_blanks`` every blank, the answer key's too, has the lines of the longest."""
    m = load_map(FLAGSHIP)
    most = max(blank_lines(node.text) for node in m.nodes[1:])
    assert most > min(blank_lines(node.text) for node in m.nodes[1:])
    sheet = make_worksheet(m, RenderOptions(exercise=True, even_blanks=True))
    for options in (sheet.exercise_options, sheet.answer_options):
        assert options.sheet is not None
        assert set(options.sheet.blanks.values()) == {most}
    [exercise, answers] = render(tmp_path, FLAGSHIP, "dot", even_blanks=True)
    blocks = exercise.read_text(encoding="utf-8").split("\n\t")  # a statement each
    assert {block.count('SIDES="B"') for block in blocks} == {0, most}
    assert answers.exists()


def test_cli_exercise_kinds_and_misuse(tmp_path: Path) -> None:
    runner = CliRunner()
    result = runner.invoke(
        main, ["render", "--exercise", str(UNIFORMS), "-f", "svg", "-o", str(tmp_path / "a")]
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "a").iterdir()) == [
        "school-uniforms.answers.svg",
        "school-uniforms.exercise.svg",
    ]
    result = runner.invoke(
        main, ["render", str(UNIFORMS), "-f", "svg", "--exercise", "label", "-o", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    bad = runner.invoke(main, ["render", str(UNIFORMS), "--exercise", "--keep", "colours"])
    assert bad.exit_code == 2 and "cannot keep 'colours'" in bad.output
    lonely = runner.invoke(main, ["render", str(UNIFORMS), "--blank-thesis", "-o", str(tmp_path)])
    assert lonely.exit_code == 2 and "goes with --exercise" in lonely.output
    # A misspelt kind is misuse, not a map file that is missing; a named map file is one.
    for typo, meant in (("fil", "fill"), ("lable", "label"), ("Place", "place")):
        args = ["render", str(UNIFORMS), "--exercise", typo, "-o", str(tmp_path / "t")]
        bad = runner.invoke(main, args)
        assert bad.exit_code == 2, bad.output
        assert f"no worksheet kind {typo!r}; did you mean {meant!r}?" in bad.output
    gone = runner.invoke(main, ["render", "--exercise", str(tmp_path / "gone.yaml")])
    assert gone.exit_code == 1 and "no such file" in gone.output
    assert not (tmp_path / "t").exists()


def test_label_html_says_an_undercutter_ends_on_an_arrow_and_its_key_names_its_kind(
    tmp_path: Path,
) -> None:
    """The outline said "to 1.1" for an arrow drawn ending on the arrow from 1.1 to 1, and
    the key's table answered "Undercutter", a word the sheet never asks for."""
    sheet, key = render(tmp_path, UNIFORMS, "html", exercise_kind="label")
    outline = re.sub(r"<[^>]+>", " ", sheet.read_text(encoding="utf-8"))
    assert re.search(r"to the arrow from\s+1\.1\s+to\s+1\s", outline)
    answers = re.sub(r"<[^>]+>", " ", key.read_text(encoding="utf-8"))
    assert re.search(r"1\.1\.1\s+⊘\s+Objection\s+undercuts the link from\s+1\.1\s+to\s+1", answers)
    assert "Undercutter" not in answers


def test_label_html_names_no_relation_on_the_flagship(tmp_path: Path) -> None:
    [exercise, _key] = render(tmp_path, FLAGSHIP, "html", exercise_kind="label")
    page = exercise.read_text(encoding="utf-8")
    outline = page[page.index('<ol class="tree"') :]
    assert "also" in outline.lower() or "Also" in outline  # cross-links are there
    _members, outline = _cut_joint_lists(outline)  # a linked premise's "supports" is given
    assert not re.search(r"\b(supports|attacks|undercuts)\b (this|<a)", outline)
    assert 'data-kind="statement"' in outline
    for kind in ("premise", "evidence", "objection", "rebuttal"):
        assert f'data-kind="{kind}"' not in outline


def test_worksheets_only_in_formats_that_hide_what_they_should(tmp_path: Path) -> None:
    from argmap.errors import RenderError

    result = CliRunner().invoke(
        main, ["render", str(UNIFORMS), "-f", "json", "--exercise", "label", "-o", str(tmp_path)]
    )
    assert result.exit_code == 2 and "worksheets come as html, svg" in result.output
    assert not list(tmp_path.iterdir())
    with pytest.raises(RenderError, match="not markdown"):
        render(tmp_path, UNIFORMS, "markdown", exercise_kind="label")


@given(argument_maps(), st.sampled_from(["fill", "place", "label"]), st.booleans())
def test_any_map_makes_a_valid_worksheet_and_key(m: ArgumentMap, kind: str, blank: bool) -> None:
    from argmap.analysis.lint import lint  # a worksheet is a map like any other

    opts = RenderOptions(exercise=True, exercise_kind=kind, blank_thesis=blank)  # type: ignore[arg-type]
    sheet = make_worksheet(m, opts)
    if kind == "label":  # siblings in a shuffled order: the file's says which are which
        m = mixed_siblings(m, opts.seed)
    labels = positions(m)
    for made in (sheet.exercise, sheet.answers):
        assert [n.id for n in made.nodes] == [labels[n.id] for n in m.nodes]
        assert [n.kind for n in made.nodes] == [n.kind for n in m.nodes]
        lint(made)
    info = sheet.exercise_options.sheet
    assert info is not None
    blanked = [n for n in m.nodes if kind != "label" and (n.kind is not NodeKind.THESIS or blank)]
    assert len(info.blanks) == len(blanked)
    if kind == "place":
        assert sorted(info.bank) == sorted(n.text for n in blanked)
    for node, shown in zip(m.nodes, sheet.exercise.nodes, strict=True):
        if node in blanked:
            # A blank may name its position (a conclusion's is "C1"), never its words.
            rest = shown.text.replace(labels[node.id], "", 1)
            assert node.text not in rest or not node.text.strip("_ .No0123456789")


OPEN_BOX = '<TD BORDER="1" COLOR="#424242" BGCOLOR="#ffffff" WIDTH="20"'
GIVEN_BOX = '<TD BORDER="1" COLOR="#9e9e9e" BGCOLOR="#eeeeee" WIDTH="20"'
LABEL = RenderOptions(exercise=True, exercise_kind="label")


@pytest.mark.parametrize("path", [FLAGSHIP, UNIFORMS], ids=["flagship", "uniforms"])
def test_label_worksheet_gives_each_arrow_one_box(tmp_path: Path, path: Path) -> None:
    m = load_map(path)
    [exercise, key] = render(tmp_path, path, "dot", exercise_kind="label")
    dot = exercise.read_text(encoding="utf-8")
    arrows = len(list(m.edges())) - sum(len(g) - 1 for g in m.groups().values())
    assert dot.count(OPEN_BOX) + dot.count(GIVEN_BOX) == arrows
    assert 'WIDTH="20"' not in key.read_text(encoding="utf-8")
    # A box the drawing settles shows its sign, and only those: an arrow that ends on
    # another arrow (an undercut) can only attack, one from a linked premise only support.
    members = {n.id for n in make_worksheet(m, LABEL).exercise.nodes if n.group is not None}
    for line in dot.splitlines():
        if OPEN_BOX not in line and GIVEN_BOX not in line:
            continue
        tail, head = (p.strip().strip('"') for p in line.split(" [")[0].split(" -> "))
        onto = head.startswith("junction ") and head.split(" ")[-1] != tail
        onto = onto and not (head.startswith("junction group") and tail in members)
        sign = "\u2212" if onto else "+" if tail in members else None
        if sign is None:
            assert OPEN_BOX in line, line
        else:
            assert f'{GIVEN_BOX} HEIGHT="20"><FONT POINT-SIZE="13" COLOR="#424242">{sign}<' in line
    undercuts = sum(n.relation is Relation.UNDERCUTS for n in m.nodes) + sum(
        link.relation is Relation.UNDERCUTS for n in m.nodes for link in n.links
    )
    assert dot.count("\u2212</FONT>") == undercuts > 0  # each drawn onto its link
    assert dot.count(">+</FONT>") >= len(m.groups()) > 0


@pytest.mark.parametrize("path", [FLAGSHIP, UNIFORMS], ids=["flagship", "uniforms"])
def test_label_sheet_order_says_nothing_of_kinds(path: Path) -> None:
    # A map file lists premises, then evidence, then objections: the sheet's positions
    # (and places left to right) follow a shuffle of each node's children instead, the
    # same on every run, the key numbered alike, a linked group's premises together.
    m = load_map(path)
    sheet = make_worksheet(m, LABEL)
    assert sheet == make_worksheet(m, LABEL)
    assert [n.id for n in sheet.exercise.nodes] == [n.id for n in sheet.answers.nodes]
    texts = {n.text: n for n in m.nodes}
    moved = 0
    for node in sheet.answers.nodes:
        original = texts[node.text]
        kids = [texts[k.text].id for k in sheet.answers.children(node.id)]
        assert sorted(kids) == sorted(k.id for k in m.children(original.id))
        moved += kids != [k.id for k in m.children(original.id)]
        groups = [texts[k.text].group for k in sheet.answers.children(node.id)]
        for group in {g for g in groups if g is not None}:  # members side by side
            at = [i for i, g in enumerate(groups) if g == group]
            assert at == list(range(at[0], at[0] + len(at)))
    assert moved


def test_shuffled_siblings_do_not_follow_the_kinds() -> None:
    # Over many seeds, an objection is as often first among its siblings as a premise.
    m = load_map(UNIFORMS)
    firsts = Counter(mixed_siblings(m, seed).children(m.thesis.id)[0].kind for seed in range(200))
    assert firsts[NodeKind.OBJECTION] > 20 and firsts[NodeKind.PREMISE] > 60


def test_a_label_worksheets_kind_blank_holds_a_handwritten_kind() -> None:
    """The blank was 12 underscores: about 19 mm at the header's 9 points, too short for
    "objection" in a pupil's hand (5 mm a letter)."""
    from argmap.exporters.diagram.textwidth import text_points

    line = KIND_BLANK.removeprefix("kind: ")
    assert set(line) == {"_"}
    assert text_points(line, 9, "B") * 25.4 / 72 >= 28  # millimetres, printed at full size


def test_a_label_worksheets_arriving_links_name_no_relation(tmp_path: Path) -> None:
    """A cross-link arriving from another page is shown on its target's page; on a label
    worksheet it said "attacked from p. 9", the sign the students are to write."""
    files = render(tmp_path, FLAGSHIP, "svg", exercise_kind="label", fit="slide")
    sheets = "".join(p.read_text(encoding="utf-8") for p in files if ".exercise" in p.name)
    assert "linked from p." in sheets
    assert not re.search(r"(attacked|supported|undercut) from p\.", sheets)
