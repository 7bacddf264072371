"""How validation problems are worded: pydantic errors as findings, values and paths as text."""

from __future__ import annotations

import datetime
import types
import typing
from typing import Any, Final, NamedTuple

from pydantic import BaseModel, ValidationError

from argmap.load.mapfile import CHILD_KEYS
from argmap.load.tree import YamlPath, linked_path
from argmap.model import NodeKind
from argmap.safetext import LONE_SURROGATE

__all__ = [
    "Finding",
    "display_path",
    "lone_surrogates",
    "misplaced_children",
    "pydantic_findings",
    "show_value",
    "surrogate_message",
]

_HINTS: Final = {
    "text": "add the statement this node makes",
    "title": "add a title for the map",
    "thesis": "add the root claim under 'thesis:'",
    "outlet": "name the outlet the document credits",
    "name": "name the outlet",
    "to": "name the id this link points at",
}


class Finding(NamedTuple):
    """One problem found in an entry, before it is located in the file."""

    path: YamlPath
    """Where, relative to the entry that was checked."""
    message: str
    key: bool = False
    """Whether to point at the key (a field that should not be there) rather than its value."""
    code: str = "invalid"


def pydantic_findings(exc: ValidationError, model: type[BaseModel]) -> list[Finding]:
    # Long because: one branch per kind of pydantic error, each worded as a user would.
    """Word each of pydantic's errors for ``model`` as a finding at its node, with a hint."""
    out: list[Finding] = []
    unions: dict[tuple[Any, ...], list[str]] = {}  # a field of several types: said once
    for err in exc.errors():
        loc = tuple(err["loc"])
        kind = err["type"]
        if len(loc) > 1 and loc[-1] in _MEMBERS:
            said = unions.setdefault(loc[:-1], [])
            if not said:
                out.append(Finding(loc[:-1], "", code="type"))  # worded below, once all met
            said.append(_MEMBERS[loc[-1]])
            continue
        name = str(loc[-1]) if loc else "value"
        dotted = ".".join(str(p) for p in loc)
        got = show_value(err.get("input"))
        if kind == "string_unicode":
            continue  # a lone surrogate: reported once, by lone_surrogates, with what to do
        if kind == "extra_forbidden":
            out.append(Finding(loc, _unknown_field(model, loc, name), True, "unknown-field"))
        elif kind == "missing":
            hint = _HINTS.get(name, f"add {name!r}")
            out.append(Finding(loc[:-1], f"missing {dotted!r}; {hint}", code="missing"))
        elif kind == "string_too_short":
            hint = _HINTS.get(name, "give it a value or remove it")
            out.append(Finding(loc, f"{dotted!r} is empty; {hint}", code="empty"))
        elif kind == "string_pattern_mismatch":
            message = (
                f"invalid id {got}; use letters, digits, '_', '.' and '-', starting "
                "with a letter, digit or '_'"
            )
            out.append(Finding(loc, message, code="bad-id"))
        elif kind == "id_invisible":
            what = err.get("ctx", {}).get("what", "")
            message = (
                f"invalid id {got}: it holds a character that does not show, {what}; "
                "ids hold only visible letters, digits, '_', '.' and '-': delete it"
            )
            out.append(Finding(loc, message, code="bad-id"))
        elif kind == "tag_invalid":
            message = f"tag {got} {err.get('ctx', {}).get('problem', '')}"
            out.append(Finding(loc, message, code="bad-tag"))
        elif kind == "tag_duplicate":
            ctx = err.get("ctx", {})
            message = (
                f"tag {show_value(ctx.get('tag'))} is listed twice (tags[{ctx.get('first')}] "
                f"and tags[{ctx.get('second')}]); list each tag once"
            )
            out.append(Finding((*loc, ctx.get("second", 0)), message, code="bad-tag"))
        elif kind == "enum":
            expected = str(err.get("ctx", {}).get("expected", "")).replace("'", "")
            message = f"{dotted!r} must be one of {expected} (got {got})"
            out.append(Finding(loc, message, code="type"))
        elif kind == "string_type":
            # Quoted, a number or a date is its text; a list or fields would be their brackets.
            raw = err.get("input")
            shape = (
                "a list" if isinstance(raw, list) else "fields" if isinstance(raw, dict) else ""
            )
            hint = f"write it as text, not as {shape}" if shape else "put it in quotes"
            message = f"{dotted!r} must be text (got {got}); {hint}"
            out.append(Finding(loc, message, code="type"))
        elif kind in ("model_type", "dict_type", "model_attributes_type"):
            hint = _SHAPES.get(name, "write its fields under it, one a line")
            out.append(Finding(loc, f"{dotted!r} must be fields (got {got}); {hint}", code="type"))
        elif kind == "list_type":
            hint = "write each item on a line of its own, after '- '"
            out.append(Finding(loc, f"{dotted!r} must be a list (got {got}); {hint}", code="type"))
        elif kind in _DATES:
            message = f"{dotted!r} must be a date, written YYYY-MM-DD (got {got})"
            out.append(Finding(loc, message, code="type"))
        elif kind in ("bool_parsing", "bool_type"):
            out.append(Finding(loc, f"{dotted!r} must be true or false (got {got})", code="type"))
        elif kind == "string_too_long":
            most = err.get("ctx", {}).get("max_length", "")
            message = (
                f"{dotted!r} is too long ({len(str(err.get('input')))} characters, at most {most})"
            )
            out.append(Finding(loc, message + "; shorten it", code="type"))
        else:
            msg = err["msg"]
            msg = msg[:1].lower() + msg[1:]
            out.append(Finding(loc, f"{dotted!r}: {msg} (got {got})", code="type"))
    if any(f.code == "unknown-field" and _LINKED_MEANT in f.message for f in out):
        # `- linkd: [...]` is a misspelt group, not a premise without its text.
        out = [
            f for f in out if not (f.code == "missing" and f.path == () and "'text'" in f.message)
        ]
    return [_union_worded(f, unions, exc) for f in out]


def _union_worded(
    finding: Finding, unions: dict[tuple[Any, ...], list[str]], exc: ValidationError
) -> Finding:
    """A field of several types, worded once: what it may be (the finding had no message)."""
    if finding.message or finding.path not in unions:
        return finding
    err = next(e for e in exc.errors() if tuple(e["loc"][:-1]) == finding.path)
    dotted = ".".join(str(p) for p in finding.path[-1:])
    may = " or ".join(dict.fromkeys(unions[finding.path]))
    got = show_value(err.get("input"))
    return finding._replace(message=f"{dotted!r} must be {may} (got {got})")


_MEMBERS: Final = {
    "int": "a whole number",
    "float": "a number",
    "str": "text",
    "bool": "true or false",
}
"""pydantic's names of a union's member types, as a field of several types is worded."""

_DATES: Final = frozenset(
    {"date_type", "date_parsing", "date_from_datetime_parsing", "date_from_datetime_inexact"}
)
"""pydantic's errors of a value that is no date (a date and time, a year of five digits)."""


_SHAPES: Final = {
    "citation": "write it as citation: {outlet: Interfax, date: January 21}",
    "source": "write it as source: {title: ..., url: ...}",
}
"""How to write a field that takes fields of its own, by its name."""


_LINKED_MEANT: Final = "(did you mean 'linked'?)"


def _child_keys(model: type[BaseModel]) -> set[str]:
    """The child-list keys an entry checked by ``model`` may carry (a premise's: ``linked``).

    They are read apart from its fields, so only a misspelt one reaches the model.
    """
    from argmap.load.entrymodels import ENTRY_MODELS  # a problem's model: created already

    kinds = [kind for kind, entry in ENTRY_MODELS.items() if entry is model]
    keys = {key for kind in kinds for key in CHILD_KEYS[kind]}
    return keys | {"linked"} if NodeKind.PREMISE in kinds else keys


def _unknown_field(model: type[BaseModel], loc: tuple[Any, ...], name: str) -> str:
    from difflib import get_close_matches  # only a map with a problem needs it

    children = _child_keys(model) if len(loc) == 1 else set()
    options = sorted(_fields_at(model, loc[:-1]) | children)
    close = get_close_matches(name, options, n=1)
    hint = f" (did you mean {close[0]!r}?)" if close else ""
    extra = ""
    if name == "kind" and len(loc) == 1:
        extra = "; a node's kind comes from the list it sits in ('premises', ...)"
    return f"unknown field {name!r}{hint}; remove it or fix the spelling{extra}"


def surrogate_message(text: str) -> str:
    """Say that ``text`` holds a lone surrogate, which one, and what to do."""
    found = LONE_SURROGATE.search(text)
    code = ord(found.group()) if found else 0
    return (
        f"holds a lone surrogate (U+{code:04X}), which no UTF-8 file can hold; write the "
        "whole character, or remove the escape"
    )


def lone_surrogates(data: Any) -> list[tuple[YamlPath, str, bool]]:
    """Find every key or string holding a lone surrogate (iteratively, any depth).

    A JSON or YAML escape of half a surrogate pair makes one; no UTF-8 file, page
    or drawing can hold it.

    Returns:
        ``(path, message, whether the key is at fault)`` for each.
    """
    found: list[tuple[YamlPath, str, bool]] = []
    # Each item carries (its owner's link, its key): a path is built only to report.
    stack: list[tuple[Any, Any]] = [(data, None)]
    while stack:
        value, link = stack.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                if isinstance(key, str) and LONE_SURROGATE.search(key):
                    found.append((linked_path((link, key)), surrogate_message(key), True))
                if isinstance(item, dict | list | str):
                    stack.append((item, (link, key)))
        elif isinstance(value, list):
            stack.extend((item, (link, i)) for i, item in enumerate(value))
        elif isinstance(value, str) and LONE_SURROGATE.search(value):
            found.append((linked_path(link), surrogate_message(value), False))
    return found


def misplaced_children(key: str, kind: NodeKind) -> str:
    """Say that a ``kind`` node cannot hold a ``key`` list, and what it can hold."""
    if key == "rebuttals":
        return (
            "'rebuttals' are only allowed under an objection; list this under 'objections' "
            "to attack this node"
        )
    allowed = ", ".join(repr(k) for k in CHILD_KEYS[kind])
    if key == "conclusions":
        return (
            f"{kind.article} cannot have 'conclusions': a conclusion is drawn from the thesis "
            f"(or another conclusion); list it under the thesis's 'conclusions' "
            f"({kind.article} can have {allowed})"
        )
    return f"{kind.article} cannot have {key!r} (it can have {allowed})"


_PATH_HEAD: Final = 3
_PATH_TAIL: Final = 6
"""Steps of a long path shown at each end; the line and column say the rest."""


def display_path(path: YamlPath) -> str:
    """Write a YAML path as in messages: ``thesis.premises[0].text``.

    A deep path keeps its first and last steps, the levels between counted (a key and its
    index are one: ``thesis.premises[0]...(997 levels)...premises[0].text``): the message
    stays one short line however deep the node.
    """
    if len(path) > _PATH_HEAD + _PATH_TAIL + 4:
        start = len(path) - _PATH_TAIL
        while start > _PATH_HEAD and not isinstance(path[start], str):
            start -= 1  # the tail starts at a key
        head, tail = display_path(path[:_PATH_HEAD]), display_path(path[start:])
        levels = sum(isinstance(step, str) for step in path[_PATH_HEAD:start])
        return f"{head}...({levels:,} level{'s' if levels != 1 else ''})...{tail}"
    out = ""
    for step in path:
        out += f"[{step}]" if isinstance(step, int) else (f".{step}" if out else step)
    # A key may hold characters no terminal or file can take (a lone surrogate).
    return LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", out)


def show_value(value: Any) -> str:
    """Show a value a user wrote, briefly: ``nothing``, ``a mapping``, ``number 3``, ``'x'``."""
    if value is None:
        return "nothing"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, bool):  # YAML reads true and false unquoted as these
        return f"the yes/no value {str(value).lower()}"
    if isinstance(value, datetime.date):  # YAML reads 2024-01-01 as a date, not text
        when = "a date and time" if isinstance(value, datetime.datetime) else "a date"
        return f"{when}, {value}"
    if isinstance(value, int) and value.bit_length() > 128:  # 0x and 0o numbers of any length
        return f"a number of {value.bit_length() * 30103 // 100000 + 1:,} digits"
    text = repr(value)
    kind = "number " if isinstance(value, int | float) else ""
    return kind + (text if len(text) <= 40 else text[:37] + "...")


def _fields_at(model: type[BaseModel], loc: tuple[Any, ...]) -> set[str]:
    """Return the field names allowed at ``loc`` inside ``model`` (for did-you-mean)."""
    current: type[BaseModel] | None = model
    for step in loc:
        if current is None:
            return set()
        if isinstance(step, int):
            continue
        info = current.model_fields.get(str(step))
        current = _inner_model(info.annotation) if info is not None else None
    if current is None:
        return set()
    from argmap.load.entrymodels import MapHeader

    names = {info.alias or name for name, info in current.model_fields.items()}
    if current is MapHeader:
        names.add("thesis")
    return names


def _inner_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is not None:
        for arg in typing.get_args(annotation):
            found = _inner_model(arg)
            if found is not None:
                return found
    return None
