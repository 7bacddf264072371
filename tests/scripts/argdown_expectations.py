"""Record what the real Argdown CLI reads in each real Argdown file, for tests/test_import_real.py.

Run `python tests/scripts/argdown_expectations.py` after `make argdown`; it writes
tests/cases/real/argdown-expected.json (statements with their tags and data, arguments
with their data and inference rules, and relations per file, and
the same for each documentation snippet in tests/cases/real/argdown-snippets.json).
Read the diff before committing it.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT / "tests" / "cases" / "real"
CLI = ROOT / ".argdown" / "node_modules" / ".bin" / "argdown"
_TAG = re.compile(r"#\([^)]*\)|#[\w-]+")


def _plain(text: str | None) -> str:
    """Argdown keeps tags in the text it shows; argmap keeps them as tags."""
    return " ".join(_TAG.sub("", text or "").split())


def _canonical(members: list[dict[str, Any]]) -> str:
    """The text Argdown shows: the last member that is not a reference."""
    text = ""
    for member in members:
        if not member.get("isReference") and member.get("text") is not None:
            text = member["text"]
    return _plain(text)


def _data(element: dict[str, Any]) -> dict[str, Any]:
    """The data block Argdown reads for an element (its members' merged), when it has one."""
    return {"data": element["data"]} if element.get("data") else {}


def _inferences(argument: dict[str, Any]) -> dict[str, Any]:
    """The rules and data of the argument's inferences, when any has some."""
    found = [
        {"rules": inference.get("inferenceRules", []), "data": inference.get("data", {})}
        for statement in argument.get("pcs", [])
        if (inference := statement.get("inference"))
        and (inference.get("inferenceRules") or inference.get("data"))
    ]
    return {"inferences": found} if found else {}


def expected(path: Path) -> dict[str, Any] | None:
    """What the Argdown CLI reads in ``path``, or None when it refuses the file."""
    with tempfile.TemporaryDirectory() as out:
        subprocess.run([str(CLI), "json", str(path), out], capture_output=True, check=False)
        made = Path(out) / f"{path.stem}.json"
        if not made.exists():
            return None
        data = json.loads(made.read_text(encoding="utf-8"))
    return {
        "statements": {
            title: {"text": _canonical(s["members"]), "tags": sorted(s.get("tags", []))} | _data(s)
            for title, s in data["statements"].items()
        },
        "arguments": {
            title: {"text": _canonical(a["members"])} | _data(a) | _inferences(a)
            for title, a in data["arguments"].items()
        },
        "relations": sorted(
            [r["from"], r["fromType"], r["relationType"], r["to"], r["toType"]]
            for r in data["relations"]
        ),
    }


def main() -> int:
    files = {p.name: expected(p) for p in sorted((REAL / "argdown").glob("*.argdown"))}
    snippets = json.loads((REAL / "argdown-snippets.json").read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        for snippet in snippets:
            source = Path(tmp) / f"{snippet['name']}.argdown"
            source.write_text(snippet["text"], encoding="utf-8")
            files[snippet["name"]] = expected(source)
    target = REAL / "argdown-expected.json"
    target.write_text(json.dumps(files, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    sys.stdout.write(f"wrote {target.relative_to(ROOT)} ({len(files)} files)\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
