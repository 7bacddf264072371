"""Hostile inputs (issue 15): special files, terminal escapes, git options, overwrites, ids."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import unicodedata
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import example, given, settings
from hypothesis import strategies as st

from argmap.cli import main
from argmap.errors import MapFileError
from argmap.exporters.terminal import format_tree
from argmap.load.files import MAP_FILE, looks_like_map, read_map_text, read_text_file
from argmap.load.ids import _SMALL_WORDS, is_clean_id, slugify
from argmap.load.maps import load_map
from argmap.load.parse import parse_text
from argmap.load.validate import validate_data
from argmap.safetext import terminal_text
from tests.conftest import MAPS, ROOT, write

UNIFORMS = MAPS / "school-uniforms.yaml"
POSIX = pytest.mark.skipif(sys.platform == "win32", reason="POSIX special files")


def _argmap(
    *args: str, cwd: Path | None = None, timeout: float = 60
) -> subprocess.CompletedProcess[str]:
    """Run the real command line (a hang fails the test instead of the run)."""
    return subprocess.run(
        [sys.executable, "-m", "argmap", *args],
        cwd=cwd or ROOT,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def _one_clean_line(done: subprocess.CompletedProcess[str], code: int = 1) -> str:
    assert done.returncode == code, done.stderr
    assert "Traceback" not in done.stderr
    lines = [line for line in done.stderr.strip().splitlines() if line != "0 warnings"]
    assert len(lines) == 1, done.stderr  # (lint ends with its count)
    return lines[0]


# --- only regular files are read, and never past the size limit ----------------------------


@POSIX
@pytest.mark.parametrize("command", [["validate"], ["show"], ["stats"], ["lint"], ["render"]])
def test_a_pipe_or_a_device_is_refused_at_once(tmp_path: Path, command: list[str]) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    zero = tmp_path / "zero.yaml"
    zero.symlink_to("/dev/zero")
    random = tmp_path / "random.yaml"
    random.symlink_to("/dev/urandom")
    out = ["-o", str(tmp_path / "out")] if command == ["render"] else []
    # A pipe, in a real process (opening one would wait for a writer: a hang).
    line = _one_clean_line(_argmap(*command, str(fifo), *out, timeout=30))
    says = "not a regular file (a device, pipe or socket); give a map file (.yaml or .json)"
    assert line == f"{fifo}: {says}"
    for special in (zero, random):  # a device would never end
        result = CliRunner().invoke(main, [*command, str(special), *out])
        assert result.exit_code == 1 and not isinstance(result.exception, MemoryError)
        assert result.stderr.startswith(f"{special}: not a regular file"), result.stderr


@POSIX
def test_a_socket_and_a_device_as_source_or_import_are_refused(tmp_path: Path) -> None:
    sock_path = tmp_path / "s.yaml"
    with socket.socket(socket.AF_UNIX) as sock:
        sock.bind(str(sock_path))
        line = _one_clean_line(_argmap("validate", str(sock_path)))
        assert "not a regular file" in line
    fifo = tmp_path / "article.txt"
    os.mkfifo(fifo)
    line = _one_clean_line(_argmap("check", str(UNIFORMS), "--against", str(fifo), timeout=30))
    assert "not a regular file" in line
    line = _one_clean_line(
        _argmap("import", str(fifo), "--from", "argdown", "-o", str(tmp_path / "m.yaml"))
    )
    assert "not a regular file" in line and not (tmp_path / "m.yaml").exists()


@pytest.mark.skipif(not Path("/proc/self/status").is_file(), reason="needs /proc")
def test_reading_stops_at_the_limit_whatever_size_the_file_claims() -> None:
    # /proc files claim 0 bytes and hold more: the limit counts what is read.
    assert os.stat("/proc/self/status").st_size == 0
    with pytest.raises(MapFileError, match="above the 16-byte limit"):
        read_text_file("/proc/self/status", replace(MAP_FILE, limit=16))


def test_a_sparse_file_above_the_limit_is_refused_unread(tmp_path: Path) -> None:
    huge = tmp_path / "huge.yaml"
    with open(huge, "wb") as fh:
        fh.truncate(MAP_FILE.limit + 1)
    with pytest.raises(MapFileError, match=r"huge\.yaml: file is \d+ bytes, above the"):
        read_map_text(huge)


# --- every input that gave a traceback gives one located line --------------------------------


@POSIX
@pytest.mark.parametrize(
    "command",
    [
        ["render", "{map}", "-o", "{tmp}/out"],
        ["show", "{map}"],
        ["export", "{map}", "-f", "json"],
        ["add", "objection", "{map}", "--to", "x", "--text", "T.", "--author", "R"],
        ["new", "{map}", "--title", "T", "--thesis", "T."],
        ["diff", "{map}", "{map}"],
        ["diff", "{map}", "--rev", "HEAD"],
        ["watch", "{map}"],
        ["schema", "-o", "{map}"],
    ],
)
def test_a_symlink_loop_is_one_line_never_a_traceback(tmp_path: Path, command: list[str]) -> None:
    loop = tmp_path / "loop.yaml"
    loop.symlink_to(tmp_path / "other.yaml")
    (tmp_path / "other.yaml").symlink_to(loop)
    args = [part.format(map=loop, tmp=tmp_path) for part in command]
    done = _argmap(*args, timeout=30)
    assert done.returncode in (1, 2), done.stderr
    assert "Traceback" not in done.stderr and "RuntimeError" not in done.stderr
    assert done.stderr.strip().count("\n") <= 2  # a usage error adds its two lines of help
    assert loop.is_symlink()


@pytest.mark.parametrize("name", ["m.json", "m.yaml"])
def test_a_surrogate_pair_escape_in_a_sources_key_loads(tmp_path: Path, name: str) -> None:
    # json.dumps writes emoji as surrogate-pair escapes; JSON is YAML too.
    data = {
        "title": "T",
        "sources": {"\U0001f600": {"name": "Smiley"}},
        "thesis": {"id": "t", "text": "T \U0001f600 \U000e0041.", "source": "\U0001f600"},
    }
    path = write(tmp_path, name, json.dumps(data))
    assert "\\ud83d\\ude00" in path.read_text(encoding="utf-8")
    m = load_map(path)
    assert m.thesis.source == "\U0001f600" and m.thesis.text == "T \U0001f600 \U000e0041."
    done = CliRunner().invoke(main, ["validate", str(path)])
    assert done.exit_code == 0, done.output
    lone = write(tmp_path, "lone.yaml", 'title: T\nthesis: {id: t, text: "\\ud83d x"}\n')
    done = CliRunner().invoke(main, ["validate", str(lone)])
    assert done.exit_code == 1 and isinstance(done.exception, SystemExit)
    assert done.stderr.startswith(f"{lone}:2:") and "lone surrogate" in done.stderr


def test_an_aif_import_with_a_5000_digit_id_imports(tmp_path: Path) -> None:
    big = "9" * 5000
    text = (
        '{"nodes": [{"nodeID": ' + big + ', "text": "Claim.", "type": "I"},'
        ' {"nodeID": 2, "text": "Reason.", "type": "I"}, {"nodeID": 3, "type": "RA"}],'
        ' "edges": [{"fromID": 2, "toID": 3}, {"fromID": 3, "toID": ' + big + "}]}"
    )
    source = write(tmp_path, "big.json", text)
    done = _argmap("import", str(source), "--from", "aif", "-o", str(tmp_path / "m.yaml"))
    assert done.returncode == 0, done.stderr
    m = load_map(tmp_path / "m.yaml")
    assert m.thesis.text == "Claim." and [n.text for n in m.nodes] == ["Claim.", "Reason."]


# --- text printed to a terminal is safe in every command -------------------------------------

ESCAPES = {
    "osc52": "\x1b]52;c;cm0gLXJmIH4=\x07",
    "osc8": "\x1b]8;;https://evil.example/\x1b\\click\x1b]8;;\x1b\\",
    "dcs": "\x1bP1$r0m\x1b\\",
    "c1-csi": "\x9b2J\x9b31m",
    "c1-osc": "\x9d0;title\x9c",
    "csi": "\x1b[2J\x1b[1A\r",
    "bidi": "\u202eevil\u2066",
}
RAW = set("\x1b\x07\x9b\x9c\x9d\x90\r\u202e\u2066")


def _hostile_map(tmp_path: Path, name: str = "m.yaml", extra: str = "") -> Path:
    value = "".join(ESCAPES.values())
    text = json.dumps(
        {
            "title": f"Title {value}",
            "description": value,
            "thesis": {
                "id": "t",
                "text": f"Thesis {value}",
                "author": f"Eve {ESCAPES['bidi']}",  # one line, no control character
                "premises": [
                    {
                        "id": "p",
                        "text": f"Premise {value}{extra}",
                        "citation": {"outlet": f"Out {value}", "date": "2024"},
                        # A tag is one line with no control character: bidi controls only.
                        "tags": [f"tag {ESCAPES['bidi']}"],
                        "note": value,
                    },
                    {"id": "q", "text": f"Two claims {value} and more, because {value}."},
                ],
            },
        }
    )
    return write(tmp_path, name, text)


def _assert_safe(output: str) -> None:
    found = sorted({f"U+{ord(ch):04X}" for ch in output if ch in RAW})
    assert not found, f"raw controls reach the terminal: {found}"


def test_terminal_text_shows_every_control_and_keeps_plain_text() -> None:
    for value in ESCAPES.values():
        shown = terminal_text(value)
        _assert_safe(shown)
        assert shown.isprintable()
    assert terminal_text("Scales \u2696\ufe0f, café, \u0928\u093f, a\u200db") == (
        "Scales \u2696\ufe0f, café, \u0928\u093f, a\u200db"
    )
    assert terminal_text("two\nlines\tand tab") == "two\nlines\tand tab"
    assert terminal_text("two\nlines", one_line=True) == "two\\nlines"
    assert terminal_text("\ud83d") == "\\ud83d"  # a lone surrogate cannot even be encoded


@given(st.text())
@settings(max_examples=300)
def test_terminal_text_never_lets_a_control_through(text: str) -> None:
    shown = terminal_text(text, one_line=True)
    assert all(
        unicodedata.category(ch) not in ("Cc", "Cs", "Zl", "Zp")
        and (unicodedata.category(ch) != "Cf" or ch in "\u200c\u200d")
        for ch in shown
    )


@pytest.mark.parametrize(
    "command",
    [
        ["show", "{map}"],
        ["show", "{map}", "--color", "--status"],
        ["diff", "{old}", "{map}"],
        ["diff", "{old}", "{map}", "-f", "md"],
        ["stats", "{map}"],
        ["lint", "{map}"],
        ["validate", "{map}", "{bad}"],
        ["check", "{map}", "--against", "{article}"],
        ["export", "{map}", "-f", "argdown", "-o", "{tmp}/m.argdown"],
        ["render", "{map}", "-f", "dot", "-o", "{tmp}/out"],
    ],
)
def test_no_command_prints_a_raw_control(tmp_path: Path, command: list[str]) -> None:
    path = _hostile_map(tmp_path)
    old = _hostile_map(tmp_path, "old.yaml", extra=" (old)")
    bad = write(
        tmp_path, "bad.yaml", "title: T\nthesis:\n  id: t\n  text: T.\n  colour: \x1b]52;c;x\x07\n"
    )
    article = write(tmp_path, "article.txt", "An article \x1b]52;c;x\x07 with text.\n")
    args = [
        part.format(map=path, old=old, bad=bad, article=article, tmp=tmp_path) for part in command
    ]
    done = _argmap(*args)
    assert "Traceback" not in done.stderr
    if "--color" in command:
        assert "\x1b[32m" in done.stdout  # our own colours stay
    _assert_safe(re.sub(r"\x1b\[[0-9;]*m", "", done.stdout))  # ... and nothing else
    _assert_safe(done.stderr)
    if command[0] == "show":
        assert "\\x1b]52;c;cm0gLXJmIH4=\\x07" in done.stdout  # shown, not obeyed


def test_show_keeps_a_fake_line_on_its_own_line(tmp_path: Path) -> None:
    path = _hostile_map(tmp_path, extra="\nTHESIS [t] Forged line")
    text = format_tree(load_map(path))
    assert not any(line.startswith("THESIS [t] Forged") for line in text.splitlines())


@POSIX
def test_data_printed_to_a_terminal_is_escaped_but_piped_as_it_is(tmp_path: Path) -> None:
    import pty

    from argmap.pipeline import render_map

    path = _hostile_map(tmp_path)
    expected = render_map(load_map(path), "json")
    assert isinstance(expected, str) and "\x9b" in expected  # C1 kept: the data is exact
    piped = CliRunner().invoke(main, ["export", str(path), "-f", "json"])
    assert piped.exit_code == 0 and piped.stdout == expected
    master, slave = pty.openpty()
    with subprocess.Popen(
        [sys.executable, "-m", "argmap", "export", str(path), "-f", "json"],
        cwd=ROOT,
        stdout=slave,
        stderr=subprocess.PIPE,
    ) as proc:
        os.close(slave)
        chunks = []
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # the other end closed
                break
            if not chunk:
                break
            chunks.append(chunk)
        assert proc.wait(timeout=60) == 0
    os.close(master)
    shown = b"".join(chunks).decode("utf-8").replace("\r\n", "\n")
    _assert_safe(shown)
    assert "\\x9b2J" in shown


# --- arguments passed to git are never options -----------------------------------------------


def _repo(tmp_path: Path) -> Path:
    env = {**os.environ, "GIT_AUTHOR_NAME": "a", "GIT_COMMITTER_NAME": "a"}
    env |= {"GIT_AUTHOR_EMAIL": "a@example.org", "GIT_COMMITTER_EMAIL": "a@example.org"}
    path = tmp_path / "m.yaml"
    path.write_bytes(UNIFORMS.read_bytes())
    for args in (["init", "-q"], ["add", "m.yaml"], ["commit", "-qm", "m"]):
        subprocess.run(["git", *args], cwd=tmp_path, env=env, check=True, timeout=60)
    return path


@pytest.mark.skipif(subprocess.run(["git", "--version"], check=False).returncode, reason="git")
@pytest.mark.parametrize(
    "rev", ["--output=pwn", "-opwn", "--output", "-p", "-", "HEAD\n--output=pwn", "HEAD\x00", ""]
)
def test_a_revision_never_reaches_git_as_an_option(tmp_path: Path, rev: str) -> None:
    path = _repo(tmp_path)
    result = CliRunner().invoke(main, ["diff", str(path), f"--rev={rev}"])
    assert result.exit_code == 2, result.output
    assert "not a revision" in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == [".git", "m.yaml"]


@pytest.mark.skipif(subprocess.run(["git", "--version"], check=False).returncode, reason="git")
def test_a_good_revision_still_works_through_a_symlinked_map(tmp_path: Path) -> None:
    (tmp_path / "repo").mkdir()
    path = _repo(tmp_path / "repo")
    link = tmp_path / "link.yaml"
    link.symlink_to(path)
    result = CliRunner().invoke(main, ["diff", str(link), "--rev", "HEAD"])
    assert result.exit_code == 0, result.output


# --- commands that write never replace a map or their own input ------------------------------


def test_schema_refuses_to_replace_a_map(tmp_path: Path) -> None:
    for name in ("m.yaml", "m.json", "m.txt"):
        target = tmp_path / name
        if name == "m.json":
            target.write_text(json.dumps({"title": "T", "thesis": {"text": "T."}}), "utf-8")
        else:
            target.write_bytes(UNIFORMS.read_bytes())
        before = target.read_bytes()
        result = CliRunner().invoke(main, ["schema", "-o", str(target)])
        assert result.exit_code == 2 and "is a map file" in result.stderr, result.output
        assert target.read_bytes() == before
    schema = tmp_path / "argmap.schema.json"
    for _ in range(2):  # a schema is replaced by a newer one
        assert CliRunner().invoke(main, ["schema", "-o", str(schema)]).exit_code == 0
    assert not looks_like_map(schema) and not looks_like_map(ROOT / "README.md")


def test_import_never_replaces_its_own_source(tmp_path: Path) -> None:
    source = write(tmp_path, "a.argdown", "[Claim]: Uniforms help.\n  + <Why>: They cost less.\n")
    hard = tmp_path / "hard.argdown"
    os.link(source, hard)
    link = tmp_path / "link.argdown"
    link.symlink_to(source)
    for out in (source, hard, link, tmp_path / "." / "a.argdown"):
        args = ["import", str(source), "--from", "argdown", "-o", str(out), "--force"]
        result = CliRunner().invoke(main, args)
        assert result.exit_code == 2 and "is the source file itself" in result.stderr
        assert source.read_text(encoding="utf-8").startswith("[Claim]")


def test_export_refuses_another_map_and_a_link_to_its_own(tmp_path: Path) -> None:
    path = tmp_path / "m.yaml"
    path.write_bytes(UNIFORMS.read_bytes())
    other = tmp_path / "other.yaml"
    other.write_bytes((MAPS / "standing-example.yaml").read_bytes())
    hard = tmp_path / "hard.md"
    os.link(path, hard)
    for out, says in ((other, "is a map file"), (hard, "is the map itself")):
        before = out.read_bytes()
        result = CliRunner().invoke(main, ["export", str(path), "-f", "markdown", "-o", str(out)])
        assert result.exit_code == 2 and says in result.stderr, result.output
        assert out.read_bytes() == before


# --- generated ids hold only visible characters and survive every export and import ----------

INVISIBLE_CASES = [
    ("Scales \u2696\ufe0f matter", "scales-matter"),
    ("Man\u200d\u2640\ufe0f runs", "man-runs"),
    ("\u0301\u0301 accents alone", "accents-alone"),
    ("Zero\u200bwidth space", "zerowidth-space"),
    ("Cafe\u0301 au lait", "café-au-lait"),
    ("Hangul \u3164 filler", "hangul-filler"),
    ("Tag\U000e0041\U000e007f smuggled", "tag-smuggled"),
    ("Soft\u00adhyphen", "softhyphen"),
    ("\u0928\u093f\u0930\u094d\u0923\u092f \u0932\u093f\u092f\u093e", "निर्णय-लिया"),
    ("Zalgo z\u0336\u0337\u0338\u0339\u033a\u033b\u033c te\u1dcaxt", "zalgo-z-text"),
    (
        "\u05d4\u05b7\u05d8\u05bc\u05b6\u05dc\u05b6\u05e4\u05d5\u05b9\u05df",
        "\u05d4\u05d8\u05dc\u05e4\u05d5\u05df",
    ),
    (
        "\u0e20\u0e32\u0e29\u0e32\u0e44\u0e17\u0e22\u0e40\u0e1b\u0e47\u0e19\u0e20\u0e32\u0e29\u0e32",
        "\u0e20\u0e32\u0e29\u0e32\u0e44\u0e17\u0e22\u0e40\u0e1b\u0e47\u0e19\u0e20\u0e32",
    ),
    ("\ud55c\uad6d\uc5b4 \uc804\uc81c", "\ud55c\uad6d\uc5b4-\uc804\uc81c"),
    ("\ufe0f\u200d", "node"),
]


@pytest.mark.parametrize(("text", "expected"), INVISIBLE_CASES)
def test_generated_ids_hold_only_visible_characters(text: str, expected: str) -> None:
    assert slugify(text) == expected
    assert is_clean_id(expected)


@given(st.text(max_size=80))
@settings(max_examples=300)
def test_every_generated_id_is_a_clean_valid_id(text: str) -> None:
    from argmap.load.validate import validate_data

    slug = slugify(text)
    assert is_clean_id(slug), repr(slug)
    m = validate_data({"title": "T", "thesis": {"id": slug, "text": "T."}}, "m")
    assert m.thesis.id == slug


_WORDY = st.lists(
    st.sampled_from([*"ab ,-'\u00e9\u0301\u200d\u00ad\u0928\u093f", "x" * 30]), max_size=60
).map("".join)


@given(_WORDY, st.text(max_size=40))
@example("a" * 14 + " " + "x" * 30 + " a", "0")  # ends on a small word: cut, it goes
@settings(max_examples=300)
def test_a_slug_reads_only_the_start_of_a_long_text(text: str, tail: str) -> None:
    # slugify stops once the slug is settled: a 10 MB claim costs what a short one does.
    # What follows the words it takes (six words, 48 characters) cannot change it, unless
    # the slug ends on a small word: "...-a" is the whole text's end, but cut short a slug
    # does not end on one ("...-xxx-a" followed by " 0" gives "...-xxx").
    slug = slugify(text)
    words = slug.split("-")
    if (len(words) == 6 or len(slug) > 48 - 2) and words[-1] not in _SMALL_WORDS:
        assert slugify(text + " " + tail) == slug
    while len(words) > 1 and words[-1] in _SMALL_WORDS:
        words.pop()
    if slug != "node":
        assert slugify(text + " " + "word " * 100_000).startswith("-".join(words))


def test_ids_made_from_hostile_texts_survive_argdown_and_aif(tmp_path: Path) -> None:
    from argmap.interop import import_file
    from argmap.pipeline import render_map

    texts = [text for text, _ in INVISIBLE_CASES[:-1]] + ["Ⅻ \u2028 odd", "é" * 60]
    premises = [{"text": f"{text} {i}."} for i, text in enumerate(texts)]
    thesis = {"text": "Thesis \u2696\ufe0f.", "premises": premises}
    path = write(tmp_path, "m.yaml", json.dumps({"title": "T", "thesis": thesis}))
    m = load_map(path)
    ids = [node.id for node in m.nodes]
    assert all(is_clean_id(node_id) for node_id in ids), ids
    for fmt, suffix in (("argdown", ".argdown"), ("aif", ".aif.json")):
        data = render_map(m, fmt)
        assert isinstance(data, str)
        exported = write(tmp_path, f"m{suffix}", data)
        back = import_file(exported, fmt).map
        assert [node.id for node in back.nodes] == ids, fmt


def test_stats_file_data_is_not_touched_in_a_pipe(tmp_path: Path) -> None:
    data = CliRunner().invoke(main, ["stats", str(_hostile_map(tmp_path)), "-f", "json"])
    assert data.exit_code == 0
    assert json.loads(data.stdout)["unanswered"] is not None


def test_hostile_file_names_are_escaped_in_every_message(tmp_path: Path) -> None:
    hostile = tmp_path / "x\x1b]52;c;eA==\x07\x9b2J.yaml"
    hostile.write_bytes(UNIFORMS.read_bytes())
    missing = tmp_path / "gone\x1b[2J.yaml"
    twin = tmp_path / "sub" / hostile.name
    twin.parent.mkdir()
    twin.write_bytes(UNIFORMS.read_bytes())
    for args in (
        ["export", str(UNIFORMS), "-f", "json", "-o", str(hostile)],
        ["validate", str(missing), str(hostile)],
        ["show", str(missing)],
        ["render", str(hostile), str(twin), "-o", str(tmp_path / "out")],
        ["import", str(hostile), "--from", "argdown", "-o", str(hostile), "--force"],
    ):
        done = _argmap(*args)
        assert done.returncode in (1, 2) and "Traceback" not in done.stderr, done.stderr
        _assert_safe(done.stdout + done.stderr)
        assert "\\x1b" in done.stderr


def test_every_command_prints_through_the_escaping_helper() -> None:
    # One place escapes what reaches the terminal: argmap.cli.echo (and echo_data for file
    # content). `show` escapes each field itself, to keep its own colours.
    allowed = {("cli/__init__.py", 2), ("cli/core.py", 1)}
    package = ROOT / "argmap"
    found = {
        (path.relative_to(package).as_posix(), text.count("click.echo("))
        for path in package.rglob("*.py")
        if (text := path.read_text(encoding="utf-8")).count("click.echo(")
        or "print(" in text
        or "sys.stdout.write" in text
    }
    assert found == allowed


def test_a_key_or_a_file_name_cannot_forge_a_line_of_the_report(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "m\nfake.yaml:1:1: ok.yaml",
        'title: T\nthesis:\n  id: t\n  text: T.\n  "a\\nfake.yaml:1:1: all good": 1\n'
        '  strength: "x\\rfake.yaml:9:9: forged"\n',
    )
    result = CliRunner().invoke(main, ["validate", str(path)])
    lines = result.stderr.splitlines()
    assert result.exit_code == 1 and len(lines) == 2, result.stderr
    assert all(line.startswith(f"{tmp_path}/m\\nfake.yaml:1:1: ok.yaml:") for line in lines)


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("!!bool nonsense", "'nonsense' is not a yes/no value (true or false), as its tag !!bool"),
        ("!!int nonsense", "'nonsense' is not an integer, as its tag !!int asks; remove the tag"),
        ("!!float nonsense", "'nonsense' is not a number, as its tag !!float asks"),
        ("2026-01-01T25:61:00", "'2026-01-01T25:61:00' is not a date (hour must be in 0..23)"),
    ],
)
def test_a_value_its_tag_cannot_be_is_refused_where_it_is(
    tmp_path: Path, runner: CliRunner, value: str, said: str
) -> None:
    """``!!bool nonsense`` raised a KeyError inside the YAML parser: a traceback, or "internal
    error"; ``!!int`` and a time no clock has were told at 1:1 in Python's words."""
    path = write(tmp_path, "m.yaml", f"title: T\nthesis:\n  id: t\n  text: x\n  note: {value}\n")
    for command in ("validate", "show", "lint"):
        result = runner.invoke(main, [command, str(path)])
        assert result.exit_code == 1, result.output
        assert result.output.startswith(f"{path}:5:9: {said}"), result.output
        assert result.output.count("\n") == 1


def test_a_hexadecimal_number_thousands_of_digits_long_is_told_by_its_length(
    tmp_path: Path, runner: CliRunner
) -> None:
    """Python refuses to write it out in decimal: the message itself raised ValueError."""
    path = write(tmp_path, "m.yaml", f"title: T\nthesis:\n  id: 0x{'f' * 5000}\n  text: x\n")
    result = runner.invoke(main, ["validate", str(path)])
    assert result.exit_code == 1
    assert result.output == (
        f"{path}:3:7: thesis.id: 'id' must be text (got a number of 6,021 digits); put it in "
        "quotes\n"
    )


def test_an_anchor_is_read_by_the_fast_parser_and_errors_after_it_located() -> None:
    """One unused anchor sent a 100,000-node map to the round-trip parser (30 s, not 2.5 s),
    and an unclosed quote after it was told where the file ended."""
    from argmap.load.events import NOT_FAST, yaml_data

    text = "title: &t T\nthesis:\n  id: t\n  text: x\n"
    assert yaml_data(text, "m.yaml") == {"title": "T", "thesis": {"id": "t", "text": "x"}}
    for opening in ("title: &t T", "title: !!str T"):
        broken = f'{opening}\nthesis:\n  id: t\n  text: "x\n'
        with pytest.raises(MapFileError) as info:
            parse_text(broken, "m.yaml")
        assert str(info.value).startswith("m.yaml:4:9: invalid YAML: this quoted value is never")
    assert yaml_data("title: !!str T\nthesis: {id: t, text: x}\n", "m.yaml") is NOT_FAST


@pytest.mark.parametrize(
    ("citation", "said"),
    [
        ("\u200b", "a citation needs an outlet: 'Outlet' or 'Outlet, date'"),
        ("\u200b, May 2", "a citation needs an outlet: 'Outlet' or 'Outlet, date'"),
        ("Interfax, \u200b", "the date after the comma shows nothing: write it, or leave it out"),
    ],
)
def test_a_citation_that_shows_nothing_is_refused_in_one_line(
    tmp_path: Path, runner: CliRunner, citation: str, said: str
) -> None:
    """A zero-width outlet printed pydantic's three-line report; a zero-width date was kept."""
    path = tmp_path / "m.yaml"
    path.write_bytes((MAPS / "school-uniforms.yaml").read_bytes())
    before = path.read_bytes()
    for args in (
        ["edit", str(path), "survey-costs", "--citation", citation],
        ["add", "evidence", str(path), "--to", "cost", "--text", "y", "--citation", citation],
    ):
        result = runner.invoke(main, [*args, "--author", "A"] if "add" in args else args)
        assert result.exit_code == 2, result.output
        assert result.output.endswith(f"--citation: {said}\n"), result.output
        assert "validation error" not in result.output
        assert path.read_bytes() == before


def test_an_edit_given_a_linked_groups_id_names_its_premises(
    tmp_path: Path, runner: CliRunner
) -> None:
    """`show` lists the group by its id, and `--focus` takes it; the edits said no such id."""
    path = tmp_path / "m.yaml"
    path.write_bytes((MAPS / "school-uniforms.yaml").read_bytes())
    said = (
        f"{path}: no node has id 'less-bullying'; it names a linked group, not a node: give "
        "one of its premises ('bullying-clothes', 'uniforms-equalise')\n"
    )
    for args in (
        ["add", "objection", str(path), "--to", "less-bullying", "--text", "x", "--author", "A"],
        ["edit", str(path), "less-bullying", "--id", "lb2"],
        ["remove", str(path), "less-bullying"],
    ):
        result = runner.invoke(main, args)
        assert (result.exit_code, result.output) == (1, said)


def test_an_output_folder_that_links_to_nothing_is_named_as_such(
    tmp_path: Path, runner: CliRunner
) -> None:
    """It was told as `outlink/m.svg: cannot write: File exists` (mkdir of the link)."""
    link = tmp_path / "outlink"
    link.symlink_to(tmp_path / "gone" / "dir")
    result = runner.invoke(main, ["render", str(MAPS / "school-uniforms.yaml"), "-o", str(link)])
    assert result.exit_code == 1
    assert result.output == (
        f"{link / 'school-uniforms.svg'}: cannot write: {link} is a link to "
        f"{tmp_path / 'gone' / 'dir'}, which does not exist; make that folder, or remove the "
        "link\n"
    )
    assert link.is_symlink() and not (tmp_path / "gone").exists()


def test_a_tag_on_the_whole_document_is_refused_as_one_on_a_value_is(
    tmp_path: Path, runner: CliRunner
) -> None:
    path = write(tmp_path, "m.yaml", "--- !foo\ntitle: T\nthesis:\n  id: t\n  text: x\n")
    result = runner.invoke(main, ["validate", str(path)])
    assert (result.exit_code, result.output) == (
        1,
        f"{path}:1:5: YAML tag '!foo' is not supported in map files; remove it\n",
    )


def test_an_edit_keeps_a_files_lone_carriage_return_line_ends(
    tmp_path: Path, runner: CliRunner
) -> None:
    """An old Mac file (CR alone) got LF lines from `add` and a CR LF on the line it edited."""
    path = tmp_path / "m.yaml"
    text = "title: T\rthesis:\r  id: t\r  text: x\r  premises:\r    - id: p\r      text: y\r"
    path.write_bytes(text.encode())
    for args in (
        ["add", "objection", str(path), "--to", "p", "--text", "no", "--author", "A"],
        ["edit", str(path), "p", "--text", "why"],
    ):
        assert runner.invoke(main, args).exit_code == 0
        written = path.read_bytes()
        assert b"\n" not in written and written.count(b"\r") > text.count("\r")
    assert runner.invoke(main, ["validate", str(path)]).exit_code == 0


@pytest.mark.parametrize(
    ("lines", "said"),
    [
        (
            "  null: y\n  true: z\n",
            [
                "5:3: thesis.null: unknown field 'null'; remove it or fix the spelling",
                "6:3: thesis.true: unknown field 'true'; remove it or fix the spelling",
            ],
        ),
        (
            "  ? [a, b]\n  : z\n",
            ["5:5: a complex key ('? ...') is not a field; write a plain key"],
        ),
        (
            "  premises:\n    - text: y\n      citation: Interfax\n",
            [
                "7:17: thesis.premises[0].citation: 'citation' must be fields (got 'Interfax'); "
                "write it as citation: {outlet: Interfax, date: January 21}"
            ],
        ),
    ],
)
def test_messages_name_keys_as_written_not_in_python(
    tmp_path: Path, runner: CliRunner, lines: str, said: list[str]
) -> None:
    """`null:` was told as `thesis.None` at the thesis's line, `? [a, b]` as a Python
    tuple, and a citation given as text in pydantic's words."""
    path = write(tmp_path, "m.yaml", f"title: T\nthesis:\n  id: t\n  text: x\n{lines}")
    result = runner.invoke(main, ["validate", str(path)])
    assert result.exit_code == 1
    assert result.output.splitlines() == [f"{path}:{line}" for line in said]


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="no /proc here")
def test_a_kernel_file_that_claims_no_size_is_refused_in_one_line(
    tmp_path: Path, runner: CliRunner
) -> None:
    """A link to /proc/self/status was read as a map: 62 lines of unknown fields."""
    link = tmp_path / "status.yaml"
    link.symlink_to("/proc/self/status")
    result = runner.invoke(main, ["validate", str(link)])
    assert (result.exit_code, result.output) == (
        1,
        f"{link}: holds more than its size (0 bytes) says; give a map file (.yaml or .json)\n",
    )


@pytest.mark.parametrize("bad", ["", "a b", "~", "-x"])
def test_a_malformed_id_option_is_a_command_line_mistake(
    tmp_path: Path, runner: CliRunner, bad: str
) -> None:
    """`--id ''` exited 1 where a malformed `--tag` exits 2."""
    path = tmp_path / "m.yaml"
    path.write_bytes((MAPS / "school-uniforms.yaml").read_bytes())
    adding = f"add objection {path} --to cost --text x --author A --id".split()
    for args in ([*adding, bad], ["edit", str(path), "cost", "--id", bad]):
        result = runner.invoke(main, args)
        assert result.exit_code == 2, result.output
        assert result.output.startswith(f"Error: --id: {bad!r} is not a valid id")


@pytest.mark.parametrize(
    ("lines", "where", "said"),
    [
        ("  <<: {note: inline}\n", "3:3", "YAML merge keys ('<<') are not supported in map files"),
        ("  !!str id: u\n", "5:3", "duplicate key 'id'; each key may appear once in a mapping"),
        ("  tags: !!pairs [a: 1, a: 2]\n", "5:9", "YAML !!pairs values are not supported"),
        ("  added: 2026-01-01T10:00:00+05:00\n", "5:10", "thesis.added: 'added' must be a date"),
        ("  added: 99999-01-01\n", "5:10", "thesis.added: 'added' must be a date, written"),
        (
            "  objections:\n    - {id: o, text: y, undercut: maybe}\n",
            "6:34",
            "'undercut' must be true or false (got 'maybe')",
        ),
    ],
)
def test_more_hostile_yaml_is_refused_in_a_users_words(
    tmp_path: Path, runner: CliRunner, lines: str, where: str, said: str
) -> None:
    """Merge keys made `edit` fail with an internal error; a tagged duplicate key, and
    `!!pairs`, passed silently; dates, booleans and unions were told in pydantic's words."""
    path = write(tmp_path, "m.yaml", f"title: T\nthesis:\n  id: t\n  text: x\n{lines}")
    before = path.read_bytes()
    result = runner.invoke(main, ["validate", str(path)])
    assert result.exit_code == 1, result.output
    assert result.output.startswith(f"{path}:{where}: "), result.output
    assert said in result.output and result.output.count("\n") == 1
    assert runner.invoke(main, ["edit", str(path), "t", "--text", "y"]).exit_code == 1
    assert path.read_bytes() == before


@pytest.mark.parametrize(
    ("value", "got"), [(".nan", "number nan"), ("true", "the yes/no value true")]
)
def test_a_field_of_two_types_is_told_once(
    tmp_path: Path, runner: CliRunner, value: str, got: str
) -> None:
    """`.nan` was told twice, once per type; `true` became volume 1 (pydantic reads it so)."""
    text = f"title: T\nsource:\n  title: D\n  volume: {value}\nthesis:\n  id: t\n  text: x\n"
    path = write(tmp_path, "m.yaml", text)
    result = runner.invoke(main, ["validate", str(path)])
    assert result.output == (
        f"{path}:4:11: source.volume: 'volume' must be a whole number or text (got {got})\n"
    )


def test_aliases_are_read_by_the_fast_parser() -> None:
    """One `*a` of a scalar sent a 100,000-premise map to the round-trip parser (25 s, not
    1.4 s); an alias of a mapping is refused where it is, without that parser either."""
    from argmap.load.events import NOT_FAST, yaml_data

    text = "title: &t T\nthesis:\n  id: t\n  text: *t\n"
    assert yaml_data(text, "m.yaml") == {"title": "T", "thesis": {"id": "t", "text": "T"}}
    twice = (
        "title: T\nthesis:\n  id: t\n  text: x\n  premises:\n    - &p {id: a, text: y}\n    - *p\n"
    )
    with pytest.raises(MapFileError) as info:
        yaml_data(twice, "m.yaml")
    assert str(info.value).startswith("m.yaml:7:7: YAML aliases (*name) are not supported")
    assert yaml_data("title: T\n&k thesis: {id: t, text: x}\n", "m.yaml") is NOT_FAST


def test_a_source_document_too_big_to_check_says_what_to_do(tmp_path: Path) -> None:
    """It said "split it into smaller files", which is no advice for an article."""
    from dataclasses import replace as with_limit

    from argmap.load.files import SOURCE_FILE

    path = write(tmp_path, "article.txt", "An article of some length.\n")
    with pytest.raises(MapFileError) as info:
        read_text_file(path, with_limit(SOURCE_FILE, limit=10))
    assert str(info.value) == (
        f"{path}: file is 27 bytes, above the 10-byte limit; check the map against the part "
        "of the document it quotes"
    )


@pytest.mark.parametrize(
    ("tail", "where", "what"),
    [
        ("  tags: [\n", "5:9", "list"),
        ("  tags: [a, b,\n", "5:9", "list"),
        ("  x: {\n", "5:6", "mapping"),
    ],
)
def test_a_bracket_the_file_ends_inside_is_named_where_it_opens(
    tmp_path: Path, runner: CliRunner, tail: str, where: str, what: str
) -> None:
    """`tags: [` at the end of a file was told at the file's end, "expected node content"."""
    path = write(tmp_path, "m.yaml", f"title: T\nthesis:\n  id: t\n  text: x\n{tail}")
    result = runner.invoke(main, ["validate", str(path)])
    assert result.output.startswith(
        f"{path}:{where}: invalid YAML: this {what} is never closed (the file ends inside it)"
    ), result.output


def test_an_edit_of_an_entry_with_a_tagged_key_is_refused_saying_why(
    tmp_path: Path, runner: CliRunner
) -> None:
    """It was refused with "duplicate key 'id'" at a line of a file that has no duplicate."""
    path = write(tmp_path, "m.yaml", "title: T\nthesis:\n  !!str id: t\n  text: x\n")
    result = runner.invoke(main, ["edit", str(path), "t", "--text", "y"])
    assert (result.exit_code, result.output) == (
        1,
        f"{path}: could not write the edit; the file is unchanged (the text it would write "
        "does not read back: duplicate key 'id'; each key may appear once in a mapping); "
        "write the entry's keys plainly, then edit\n",
    )


@pytest.mark.parametrize(
    ("twin", "how"),
    [
        ("ｐ１", "a full-width or compatibility form"),
        ("\u0440\u0031", "a Cyrillic or Greek letter drawn as a Latin one"),
        ("cafe\u0301", "an accent composed or not"),
    ],
)
def test_an_id_that_looks_the_same_as_another_is_refused(
    tmp_path: Path, runner: CliRunner, twin: str, how: str
) -> None:
    """Full-width `ｐ１` and Cyrillic `р1` beside `p1` were taken: `--to p1` finds one of
    two boxes drawn alike."""
    first = "café" if how.startswith("an accent") else "p1"
    text = (
        f"title: T\nthesis:\n  id: t\n  text: x\n  premises:\n    - id: {first}\n      text: a\n"
        f"    - id: {twin}\n      text: b\n"
    )
    path = write(tmp_path, "m.yaml", text)
    result = runner.invoke(main, ["validate", str(path)])
    assert result.exit_code == 1
    assert result.output == (
        f"{path}:8:7: thesis.premises[1].id: id {twin!r} looks the same as {first!r}, written "
        f"with other code points ({how}); give it an id that differs where it shows\n"
    )


def test_ids_in_other_scripts_are_still_ids() -> None:
    from argmap.load.validate import validate_data

    premises = [{"id": i, "text": "x"} for i in ("π", "ρ1", "p2", "日本", "Ωmega")]
    m = validate_data({"title": "t", "thesis": {"id": "t", "text": "x", "premises": premises}})
    assert len(m) == 6


def test_a_bidi_override_reverses_no_letters_in_any_output() -> None:
    from argmap.pipeline import render_map

    m = validate_data(
        {
            "title": "Invoice",
            "thesis": {
                "text": "Pay the invoice.",
                "objections": [{"text": "\u202eThe amount is 100 EUR", "quote": "\u202dq"}],
            },
        }
    )
    svg = render_map(m, "svg")
    assert "The amount is 100 EUR" in svg  # in the label and the tooltip
    assert not {"\u202a", "\u202b", "\u202d", "\u202e", "\u2067"} & set(svg)
    for fmt in ("html", "markdown"):
        shown = render_map(m, fmt)
        assert "\u202e" not in shown and "\u202d" not in shown, fmt
        assert "\u202bThe amount is 100 EUR\u202c" in shown, fmt
