"""The breadcrumb's name in a page's graph: a constant light enough for a layout worker."""

from __future__ import annotations

from typing import Final

__all__ = ["HALF_CLASS", "TRAIL"]

TRAIL: Final = "page trail"
"""The breadcrumb's name in a continued page's graph, and the parent of its tops' rows.

It has a space, as every name a page adds does (``stub ...``, ``junction ...``): no node's
id can take it. Named ``trail``, it was one with a node of that id: the node's box was
gone, its children's arrows went into the breadcrumb, which had an arrow into itself.
It lives apart from :mod:`.stacking` (which imports the map's models, and so pydantic)
so that the worker processes that lay pages out and pass over their SVG start without
them (see :mod:`.pageworkers`)."""

HALF_CLASS: Final = "trail_half_"
"""The class word (then its row) of each half of an undercut breadcrumb row's link."""
