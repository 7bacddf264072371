"""``--output case.pdf``: one map in one format written to the file named, not a folder of it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from argmap.cli import main
from argmap.exporters import BUILTIN, RenderOptions, get_exporter
from argmap.load.maps import load_map
from argmap.outputs import OUTPUT_SUFFIXES, suffix_format
from argmap.pipeline import render_files, render_map
from tests.conftest import MAPS

UNIFORMS = MAPS / "school-uniforms.yaml"
SMALL = "title: T\nthesis: {id: t, text: One page.}\n"


def _render(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["render", *args])
    assert "Traceback" not in result.output, result.output
    return result.exit_code, result.stderr


def _names(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def _as_in_a_folder(tmp_path: Path, fmt: str, options: RenderOptions | None = None) -> bytes:
    """What rendering UNIFORMS into a folder writes (the file named must hold the same)."""
    [(_, written)] = render_files([UNIFORMS], [fmt], tmp_path / "reference", options)
    return written.read_bytes()


def test_a_pdf_goes_to_the_file_named(tmp_path: Path) -> None:
    target = tmp_path / "out" / "case.pdf"
    code, err = _render(str(UNIFORMS), "-f", "pdf", "--fit", "slide", "-o", str(target))
    assert code == 0, err
    assert _names(target.parent) == ["case.pdf"]
    options_pdf = _as_in_a_folder(tmp_path, "pdf", RenderOptions(fit="slide"))
    assert target.read_bytes() == options_pdf
    # Again, over the file it wrote: a file, not a folder, is what -o names now.
    code, err = _render(str(UNIFORMS), "-f", "pdf", "--fit", "slide", "-o", str(target))
    assert code == 0, err
    assert target.read_bytes() == options_pdf


def test_pages_take_the_file_names_stem(tmp_path: Path) -> None:
    upright = RenderOptions(fit="a4", portrait=True)  # two pages (one slide)
    pages = render_map(load_map(UNIFORMS), "png", upright)
    assert isinstance(pages, list) and len(pages) >= 2
    out = tmp_path / "slides"
    page = ("--fit", "a4", "--portrait")
    code, err = _render(str(UNIFORMS), "-f", "png", *page, "-o", str(out / "case.png"))
    assert code == 0, err
    names = [f"case-{i:02d}.png" for i in range(1, len(pages) + 1)]
    assert _names(out) == names
    assert [(out / name).read_bytes() for name in names] == pages
    assert [line.split(" -> ")[1] for line in err.splitlines()] == [str(out / n) for n in names]
    # A later render of one page replaces the pages: no case-02.png is left behind.
    small = tmp_path / "small.yaml"
    small.write_text(SMALL, encoding="utf-8")
    code, err = _render(str(small), "-f", "png", "-o", str(out / "case.png"))
    assert code == 0, err
    assert _names(out) == ["case.png"]


def test_a_worksheet_and_its_key_are_named_after_the_file(tmp_path: Path) -> None:
    target = str(tmp_path / "ws.pdf")
    code, err = _render(str(UNIFORMS), "-f", "pdf", "--exercise", "place", "-o", target)
    assert code == 0, err
    assert _names(tmp_path) == ["ws.answers.pdf", "ws.exercise.pdf"]


@pytest.mark.parametrize(
    ("fmt", "name"),
    [("aif", "a.aif.json"), ("json", "records.json"), ("markdown", "notes.md"), ("dot", "g.DOT")],
)
def test_every_text_format_takes_a_file_name(tmp_path: Path, fmt: str, name: str) -> None:
    out = tmp_path / "out"
    code, err = _render(str(UNIFORMS), "-f", fmt, "-o", str(out / name))
    assert code == 0, err
    suffix = get_exporter(fmt).suffix
    stem = name[: -len(suffix)]
    assert _names(out) == [stem + suffix]  # the format's own suffix, in its case
    assert (out / (stem + suffix)).read_bytes() == _as_in_a_folder(tmp_path, fmt)


def test_an_existing_folder_with_a_suffix_stays_a_folder(tmp_path: Path) -> None:
    folder = tmp_path / "v1.pdf"
    folder.mkdir()
    code, err = _render(str(UNIFORMS), "-f", "pdf", "-o", str(folder))
    assert code == 0, err
    assert _names(folder) == ["school-uniforms.pdf"]


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["-f", "pdf,png", "-o", "x.pdf"], "one map in one format, not 2 formats"),
        (["-f", "png", "-o", "x.pdf"], "names a pdf file, but --format is png; use -f pdf"),
        (
            ["-f", "svg", "-o", "x.md"],
            "names a markdown file, but --format is svg; use -f markdown",
        ),
        (["-f", "svg", "-o", "two.svg", "SECOND"], "one map in one format, not 2 maps"),
    ],
)
def test_a_file_name_that_cannot_be_meant_is_a_usage_error(
    tmp_path: Path, args: list[str], says: str
) -> None:
    second = tmp_path / "second.yaml"
    second.write_text(SMALL, encoding="utf-8")
    out = tmp_path / "out"
    out.mkdir()
    named = {"SECOND": str(second), "x.pdf": str(out / "x.pdf"), "x.md": str(out / "x.md")}
    args = [named.get(a, str(out / a) if a == "two.svg" else a) for a in args]
    code, err = _render(str(UNIFORMS), *args)
    assert code == 2
    assert says in err and len(err.strip().splitlines()) == 1, err
    assert _names(out) == []


def test_a_file_name_that_is_the_map_is_refused(tmp_path: Path) -> None:
    source = tmp_path / "m.json"
    source.write_text('{"title": "T", "thesis": {"id": "t", "text": "One."}}', encoding="utf-8")
    before = source.read_bytes()
    code, err = _render(str(source), "-f", "json", "-o", str(source))
    assert code == 2 and "would overwrite the map" in err, err
    assert source.read_bytes() == before


def test_an_existing_file_without_a_format_suffix_is_still_no_folder(tmp_path: Path) -> None:
    plain = tmp_path / "notes"
    plain.write_text("x", encoding="utf-8")
    code, err = _render(str(UNIFORMS), "-o", str(plain))
    assert code == 2 and "'notes' is a file; give a folder" in err.replace(str(tmp_path) + "/", "")
    assert plain.read_text(encoding="utf-8") == "x"


def test_the_map_itself_as_the_output_folder_is_named_as_the_map(tmp_path: Path) -> None:
    """``render m.yaml -o m.yaml`` said "'m.yaml' is a file", as if any file were meant."""
    source = tmp_path / "m.yaml"
    source.write_bytes(UNIFORMS.read_bytes())
    for args in ([], ["-f", "png"]):
        code, err = _render(str(source), "-o", str(source), *args)
        said = f"--output: {str(source)!r} is the map itself; give a folder (new or existing)"
        assert (code, err) == (2, f"Error: {said}\n")
    assert source.read_bytes() == UNIFORMS.read_bytes()


def test_the_library_names_one_maps_files(tmp_path: Path) -> None:
    written = render_files([UNIFORMS], ["svg"], tmp_path, name="handout")
    assert written == [(UNIFORMS, tmp_path / "handout.svg")]
    second = tmp_path / "second.yaml"
    second.write_text(SMALL, encoding="utf-8")
    with pytest.raises(ValueError, match="one map"):
        render_files([UNIFORMS, second], ["svg"], tmp_path, name="handout")


def test_watch_writes_the_file_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import argmap.watch

    monkeypatch.setattr(argmap.watch, "file_changes", lambda path: iter([{1}]))
    result = CliRunner().invoke(
        main, ["watch", str(UNIFORMS), "-f", "html", "-o", str(tmp_path / "live.html")]
    )
    assert result.exit_code == 0, result.output
    assert _names(tmp_path) == ["live.html"]
    result = CliRunner().invoke(
        main, ["watch", str(UNIFORMS), "-f", "html,svg", "-o", str(tmp_path / "live.html")]
    )
    assert result.exit_code == 2 and "one map in one format" in result.stderr


def test_every_built_in_suffix_names_its_format() -> None:
    for name in BUILTIN:
        suffix = get_exporter(name).suffix
        assert OUTPUT_SUFFIXES[suffix] == name
        assert suffix_format("Map" + suffix.upper()) == name
    assert sorted(OUTPUT_SUFFIXES.values()) == sorted(BUILTIN)
    assert suffix_format(".pdf") is None and suffix_format("notes.txt") is None


def test_a_file_name_in_a_real_process(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "argmap", "render", str(UNIFORMS), "-f", "svg", "-o", "map.svg"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert _names(tmp_path) == ["map.svg"]
    assert done.stdout == ""  # the path written, as for several files: it said nothing
    assert done.stderr == f"{UNIFORMS} -> map.svg\n"


def test_page_theme_and_engine_names_take_any_case(tmp_path: Path) -> None:
    """``--fit A4`` is how paper sizes are written; it drew nothing before (exit 2)."""
    code, err = _render(
        str(UNIFORMS),
        "-f",
        "pdf",
        "--fit",
        "A4",
        "--theme",
        "Print",
        "--engine",
        "AUTO",
        "-o",
        str(tmp_path / "upper.pdf"),
    )
    assert code == 0, err
    options = RenderOptions(fit="a4", theme="print")
    assert (tmp_path / "upper.pdf").read_bytes() == _as_in_a_folder(tmp_path, "pdf", options)


@pytest.mark.parametrize(
    ("name", "fmt"),
    [("case.pdf", "pdf"), ("case.PNG", "png"), ("notes.md", "markdown"), ("g.aif.json", "aif")],
)
def test_without_a_format_the_file_name_says_it(tmp_path: Path, name: str, fmt: str) -> None:
    """``-o case.pdf`` alone writes a PDF, as the name says (svg, the default, is for folders)."""
    out = tmp_path / "out"
    code, err = _render(str(UNIFORMS), "-o", str(out / name))
    assert code == 0, err
    suffix = get_exporter(fmt).suffix
    stem = name[: -len(suffix)]
    written = sorted(out.iterdir())
    reference = render_files([UNIFORMS], [fmt], tmp_path / "reference")
    assert [p.name.replace(stem, "school-uniforms", 1) for p in written] == [
        target.name for _, target in reference
    ]
    assert [p.read_bytes() for p in written] == [t.read_bytes() for _, t in reference]


def test_a_trailing_slash_makes_a_new_folder_whatever_its_name(tmp_path: Path) -> None:
    code, err = _render(str(UNIFORMS), "-f", "pdf", "-o", f"{tmp_path / 'v2.pdf'}/")
    assert code == 0, err
    assert _names(tmp_path / "v2.pdf") == ["school-uniforms.pdf"]


def test_a_folder_or_a_plain_name_keeps_the_default_format(tmp_path: Path) -> None:
    for out in (tmp_path / "v1.pdf", tmp_path / "plain"):
        out.mkdir(exist_ok=out.name == "plain")
        code, err = _render(str(UNIFORMS), "-o", str(out))
        assert code == 0, err
        assert _names(out) == ["school-uniforms.svg"]


def test_watch_takes_the_format_from_the_file_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import argmap.watch

    monkeypatch.setattr(argmap.watch, "file_changes", lambda path: iter([]))
    result = CliRunner().invoke(main, ["watch", str(UNIFORMS), "-o", str(tmp_path / "live.md")])
    assert result.exit_code == 0, result.output
    assert _names(tmp_path) == ["live.md"]


@pytest.mark.parametrize(("name", "fmt"), [("case.pdf", "pdf"), ("notes.md", "markdown")])
def test_export_takes_the_format_from_the_file_name(tmp_path: Path, name: str, fmt: str) -> None:
    """``argmap export MAP -o case.pdf`` wrote JSON into case.pdf: -f defaults to json."""
    target = tmp_path / name
    result = CliRunner().invoke(main, ["export", str(UNIFORMS), "-o", str(target)])
    assert result.exit_code == 0, result.output
    reference = render_files([UNIFORMS], [fmt], tmp_path / "reference")
    assert target.read_bytes() == reference[0][1].read_bytes()
    # A format given is kept, whatever the name (AIF is often saved as .json).
    result = CliRunner().invoke(main, ["export", str(UNIFORMS), "-f", "aif", "-o", str(target)])
    assert result.exit_code == 0 and target.read_text(encoding="utf-8").startswith("{")


def test_one_file_rendered_into_a_folder_says_its_path_as_several_do(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["render", str(UNIFORMS), "-f", "svg", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert result.stderr == f"{UNIFORMS} -> {out / 'school-uniforms.svg'}\n"
