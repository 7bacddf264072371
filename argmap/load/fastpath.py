"""The fast YAML path: ruamel's C parser for plain data, without positions, where installed."""

from __future__ import annotations

import functools
from typing import Any, Final

from argmap.deep import run_deep
from argmap.load.tree import plain_data

__all__ = ["NOT_FAST", "parse_yaml_fast"]

NOT_FAST: Final = object()
"""Returned when the text needs the round-trip parser (or the C parser is not installed)."""


def parse_yaml_fast(text: str, name: str) -> Any:
    """Parse with ruamel's C parser when it is installed (several times faster).

    It gives no positions, so anything unusual (a syntax error, an alias, a tag) sends
    the caller down the round-trip path, which reports it at its line and column; and
    positions for validation messages are read lazily by ``ParsedFile``.

    Returns:
        The plain data, or :data:`NOT_FAST`: parse ``text`` the round-trip way.
    """
    from ruamel.yaml import YAML

    if text.startswith("%") or "\n%" in text:
        # A %YAML directive: the C parser ignores its version, the round-trip one honours it.
        return NOT_FAST
    try:
        yaml = YAML(typ="safe", pure=False)
        if getattr(yaml.Parser, "__name__", "") != "CParser":
            return NOT_FAST
        yaml.Resolver = one_table_resolver()
        return plain_data(run_deep(lambda: yaml.load(text)), name)
    except Exception:
        return NOT_FAST


@functools.cache
def one_table_resolver() -> type:
    """The ruamel resolver, looking its table of implicit types up once per document.

    The stock resolver finds the YAML version and its table again for every scalar
    (raising and catching two AttributeErrors each time under the C parser). The
    table depends only on the document's version, fixed before its first scalar, and
    one ``YAML`` instance loads one document here.
    """
    from ruamel.yaml.resolver import VersionedResolver

    # Not public ruamel API: it overrides VersionedResolver.versioned_resolver (checked
    # with ruamel.yaml 0.19.1). It saves 14-22% of the CPU time of `argmap validate` on
    # a generated 10,000-node map (median 2.46 s -> 2.11 s, best 2.30 s -> 1.79 s, of
    # 11 runs). Should ruamel rename the property, this override is never called and
    # loading is only slower: tests/test_validate.py notices that, and
    # tests/test_properties.py any difference from what the round-trip parser reads.
    class OneTableResolver(VersionedResolver):
        _table: Any = None

        @property
        def versioned_resolver(self) -> Any:
            if self._table is None:
                self._table = VersionedResolver.versioned_resolver.fget(self)  # type: ignore[attr-defined]
            return self._table

    return OneTableResolver
