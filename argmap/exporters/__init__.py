"""The exporter registry: output formats by name, built-ins imported on first use."""

# Built-in formats come from a static table; installed plugins (entry points in the
# ``argmap.exporters`` group) are looked up only when a name is not built in, or when every
# format is listed: the lookup reads every installed package's metadata (about 90 ms).

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable, Iterator
from typing import IO, TYPE_CHECKING, Final, NamedTuple

from argmap.errors import UnknownFormatError
from argmap.options import RenderOptions

if TYPE_CHECKING:
    from argmap.analysis.standing import Analysis
    from argmap.model import ArgumentMap

__all__ = [
    "Exporter",
    "Rendered",
    "RenderOptions",
    "get_exporter",
    "list_exporters",
    "parse_formats",
    "register_exporter",
]

logger = logging.getLogger(__name__)


Rendered = str | bytes | list[str] | list[bytes]
"""What an exporter returns: a file's content, or a list of pages for a file each."""


class Exporter(NamedTuple):
    """An output format: its name, file suffix, and the function that renders a map.

    ``render(m, analysis, options)`` gets the map, its analysis (computed once by the
    pipeline, for the whole map even when ``options`` narrows the view) and the options;
    it returns the file's content (text or bytes), or a list of pages when a format writes
    a file per page (PNG and SVG fitted to slides), and does no I/O.
    """

    name: str
    suffix: str
    description: str
    render: Callable[[ArgumentMap, Analysis, RenderOptions], Rendered]
    extra: str = ""
    """The optional extra the format needs (``"pdf"``), or ``""`` for the core install."""
    requires: tuple[str, ...] = ()
    """Modules the format imports that only that extra installs (looked up, not imported)."""
    stream: Callable[[ArgumentMap, Analysis, RenderOptions, IO[bytes]], None] | None = None
    """Writes the same file as ``render`` to a binary file as it goes, never holding it
    whole (big PDF and HTML files); None when the format has no such writer."""
    stream_pages: (
        Callable[[ArgumentMap, Analysis, RenderOptions], tuple[int, Iterator[bytes]]] | None
    ) = None
    """Makes the same files as ``render`` (a file a page), handed on one at a time: how
    many, and an iterator drawing each as it is read, so thousands of pages (PNG slides)
    are never held at once; None when the format has no such writer."""

    def missing(self) -> list[str]:
        """Return the modules of :attr:`requires` that this install lacks."""
        from argmap.errors import missing_modules

        return missing_modules(self.requires)

    def check_available(self) -> None:
        """Raise :class:`~argmap.errors.MissingExtraError` when the format's extra is absent."""
        from argmap.errors import require_extra

        require_extra(self.name, self.extra, self.requires)


BUILTIN: Final[dict[str, str]] = {
    "json": "argmap.exporters.json",
    "dot": "argmap.exporters.diagram.formats",
    "svg": "argmap.exporters.diagram.formats",
    "png": "argmap.exporters.diagram.formats",
    "pdf": "argmap.exporters.diagram.formats",
    "html": "argmap.exporters.html.page",
    "argdown": "argmap.interop.argdown.writer",
    "aif": "argmap.interop.aif",
    "markdown": "argmap.exporters.markdown",
}
"""Built-in formats and the module that defines each (as a module-level ``EXPORTER``)."""

ALIASES: Final[dict[str, str]] = {"md": "markdown"}
"""Other names a format answers to (``--format md``)."""

_registry: dict[str, Exporter] = {}
_plugins_loaded = False


def register_exporter(exporter: Exporter) -> None:
    """Add an exporter, replacing (with a warning) any of the same name."""
    if exporter.name in _registry and _registry[exporter.name] is not exporter:
        logger.warning("replacing exporter %r", exporter.name)
    _registry[exporter.name] = exporter


def _load_plugins() -> None:
    global _plugins_loaded
    if _plugins_loaded:
        return
    _plugins_loaded = True
    from importlib.metadata import entry_points

    for entry in entry_points(group="argmap.exporters"):
        try:
            register_exporter(entry.load())
        except Exception as exc:  # a broken plugin must not break the built-ins
            logger.warning("cannot load exporter plugin %r: %s", entry.name, exc)


def get_exporter(name: str) -> Exporter:
    """Return the exporter called ``name``.

    Raises:
        UnknownFormatError: no such format (the message lists the valid ones).
    """
    name = ALIASES.get(name, name)
    if name in _registry:
        return _registry[name]
    if name in BUILTIN:
        module = importlib.import_module(BUILTIN[name])
        # A module defines one EXPORTER, or EXPORTERS when it serves several formats.
        table: dict[str, Exporter] = getattr(module, "EXPORTERS", None) or {
            module.EXPORTER.name: module.EXPORTER
        }
        for exporter in table.values():
            register_exporter(exporter)
        return table[name]
    _load_plugins()
    if name in _registry:
        return _registry[name]
    raise UnknownFormatError(name, available=list_exporters())


def parse_formats(text: str) -> list[str]:
    """Split a comma-separated list such as ``svg,png`` into known format names.

    Names are matched ignoring case (``SVG`` is ``svg``); repeats are dropped.

    Raises:
        UnknownFormatError: a name is not a known format (the message lists them).
        ValueError: no format given.
    """
    names = [part.strip() for part in text.split(",") if part.strip()]
    if not names:
        raise ValueError("give at least one format, e.g. svg,png")
    if not all(_known(n) or _known(n.lower()) or n.lower() in ALIASES for n in names):
        _load_plugins()  # a name that is not built in may be a plugin's
    # "SVG" means svg; a plugin's own mixed-case name still matches exactly.
    names = [name if _known(name) or not _known(name.lower()) else name.lower() for name in names]
    names = [ALIASES.get(name.lower(), name) if not _known(name) else name for name in names]
    for name in names:
        if not _known(name):
            raise UnknownFormatError(name, available=list_exporters())
    # A built-in format's module is imported when it renders (get_exporter), not here.
    return list(dict.fromkeys(names))


def _known(name: str) -> bool:
    """Whether ``name`` is a built-in format or one registered so far (no plugin lookup)."""
    return name in BUILTIN or name in _registry


def list_exporters() -> list[str]:
    """Return the names of every available format, sorted."""
    _load_plugins()
    return sorted(set(BUILTIN) | set(_registry))
