"""Memoized DOT quoting: the graphviz package's own quote function, called once per string."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

import graphviz
from graphviz.quoting import quote, quote_edge

__all__ = ["MemoDigraph", "memo_attr_list", "memo_quote", "memo_quote_edge"]

# A diagram repeats a few dozen attribute names and values (colours, shapes, styles)
# thousands of times; quoting each occurrence dominated building large diagrams.
# The caches key on the string's type as well as its value, because graphviz quotes a
# ``NoHtml`` string (from ``graphviz.escape``) differently from an equal plain string.
_QUOTED: dict[tuple[type, str], str] = {}
_QUOTED_EDGE: dict[tuple[type, str], str] = {}
_CACHE_LIMIT = 50_000
"""Entries kept per cache; past this the caches are emptied, bounding memory in long runs."""


_LONGEST_REMEMBERED = 200
"""Longer strings (labels, tooltips) are unique per node: quoting them again is cheaper
than keeping them."""


def _remembered(cache: dict[tuple[type, str], str], fn: Callable[[str], str], text: str) -> str:
    if len(text) > _LONGEST_REMEMBERED:
        return fn(text)
    key = (text.__class__, text)
    try:
        return cache[key]
    except KeyError:
        pass
    if len(cache) >= _CACHE_LIMIT:
        cache.clear()
    quoted = fn(text)
    cache[key] = quoted
    return quoted


def memo_quote(identifier: str) -> str:
    """Return ``graphviz.quoting.quote(identifier)``, remembered across calls."""
    return _remembered(_QUOTED, quote, identifier)


def memo_quote_edge(identifier: str) -> str:
    """Return ``graphviz.quoting.quote_edge(identifier)``, remembered across calls."""
    return _remembered(_QUOTED_EDGE, quote_edge, identifier)


def _items(mapping: Mapping[str, Any] | Iterable[tuple[str, Any]]) -> Iterable[tuple[str, Any]]:
    # graphviz sorts plain dicts (``_tools.mapping_items``) and keeps other orders.
    if type(mapping) is dict:
        return sorted(mapping.items())
    if isinstance(mapping, Mapping):
        return mapping.items()
    return mapping


def memo_attr_list(
    label: str | None = None,
    kwargs: Mapping[str, Any] | None = None,
    attributes: Mapping[str, Any] | Iterable[tuple[str, Any]] | None = None,
) -> str:
    """Return ``graphviz.quoting.attr_list(...)``, built from :func:`memo_quote`.

    Same text as the graphviz function for the same arguments (a test checks it).
    """
    parts = [f"label={memo_quote(label)}"] if label is not None else []
    for source in (kwargs, attributes):
        if source:
            parts += [
                f"{memo_quote(key)}={memo_quote(value)}"
                for key, value in _items(source)
                if value is not None
            ]
    return f" [{' '.join(parts)}]" if parts else ""


class MemoDigraph(graphviz.Digraph):  # type: ignore[misc]  # graphviz is untyped
    """A ``graphviz.Digraph`` whose node, edge and attribute lines use memoized quoting.

    It overrides the quoting hooks that ``graphviz.Digraph`` calls for every
    statement; the DOT text is the same as the stock class writes.
    """

    _quote = staticmethod(memo_quote)
    _quote_edge = staticmethod(memo_quote_edge)
    _attr_list = staticmethod(memo_attr_list)
