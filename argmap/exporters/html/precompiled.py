"""The page templates compiled to Python ahead of time: a page is made without parsing them."""

# Jinja2 turns each template into Python source, then into a code object: parsing the
# templates and generating that source took about 40 ms of every run that wrote HTML, a
# tenth of a small page. The generated source ships in templates/compiled.json (made by
# tests/scripts/update_templates.py; a test fails when it is stale), and is handed to Jinja2
# through its bytecode-cache interface, which checks each template's checksum itself. Nothing
# is ever written: a CLI must not leave caches behind, and an installed package may be
# read-only. A template whose source changed, or another Jinja2 version, is compiled from
# its source as before: the same code, only slower.

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Final

import jinja2
from jinja2.bccache import Bucket, BytecodeCache

__all__ = ["TABLE", "PrecompiledTemplates", "compile_table", "write_table"]

TABLE: Final = Path(__file__).with_name("templates") / "compiled.json"
"""The generated source of every ``.html`` template, with its checksum and Jinja2's version."""


class PrecompiledTemplates(BytecodeCache):
    """Jinja2's code for the package's templates, from :data:`TABLE`; never writes anything."""

    def __init__(self, table: dict[str, tuple[str, str]]) -> None:
        self.table = table
        """Template name -> (checksum of its source, Jinja2's Python source for it)."""

    @classmethod
    def load(cls, path: Path = TABLE) -> PrecompiledTemplates:
        """Read the table; empty when missing, unreadable or made by another Jinja2."""
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return cls({})
        if not isinstance(data, dict) or data.get("jinja2") != jinja2.__version__:
            return cls({})
        templates = data.get("templates", {})
        return cls(
            {
                name: (entry["checksum"], "".join(entry["code"]))
                for name, entry in templates.items()
            }
        )

    def get_bucket(
        self, environment: jinja2.Environment, name: str, filename: str | None, source: str
    ) -> Bucket:
        """Return the template's bucket, holding its code when the table has this source's."""
        checksum = self.get_source_checksum(source)
        bucket = Bucket(environment, name, checksum)
        entry = self.table.get(name)
        if entry is not None and entry[0] == checksum:
            # As Environment.compile makes it from the generated source: the same code object.
            bucket.code = compile(entry[1], filename or "<template>", "exec")
        return bucket

    def load_bytecode(self, bucket: Bucket) -> None:
        """Do nothing: :meth:`get_bucket` fills the bucket (it knows the template's file)."""

    def dump_bytecode(self, bucket: Bucket) -> None:
        """Do nothing: a template compiled at run time is not kept."""


def compile_table(env: jinja2.Environment) -> dict[str, Any]:
    """Compile every ``.html`` template of ``env``, as :data:`TABLE` holds them.

    The code is Jinja2's Python source for each template, compiled with ``env``'s settings
    (autoescaping, whitespace control...), one line per list item so that diffs read well.
    """
    assert env.loader is not None
    cache = PrecompiledTemplates({})
    templates: dict[str, Any] = {}
    for name in env.list_templates(filter_func=lambda name: name.endswith(".html")):
        source, filename, _ = env.loader.get_source(env, name)
        code = env.compile(source, name, filename, raw=True)
        templates[name] = {
            "checksum": cache.get_source_checksum(source),
            "code": code.splitlines(keepends=True),
        }
    return {"jinja2": jinja2.__version__, "templates": templates}


def write_table(env: jinja2.Environment, path: Path = TABLE) -> None:
    """Write :func:`compile_table` of ``env`` to ``path`` (the package's table by default)."""
    text = json.dumps(compile_table(env), indent=1, ensure_ascii=False, sort_keys=True)
    path.write_text(text + "\n", encoding="utf-8")
