"""Tags: free-form labels of a node, each one line of visible text, each given once."""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import Annotated, Final, TypeVar

from pydantic import AfterValidator
from pydantic.json_schema import WithJsonSchema
from pydantic_core import PydanticCustomError

from argmap.model.idchars import SHOWS_PATTERN, shows_nothing

__all__ = ["TAG_PATTERN", "Tag", "TagList", "Tags", "duplicate_tag", "tag_problem"]


def tag_problem(tag: str) -> str | None:
    """Say what keeps ``tag`` from being a tag, and what to do; None when it is one.

    A tag is one line of text with something visible in it (not only zero-width or bidi
    characters), with no space at either end (a tag is matched exactly, so ``"cost "``
    would not match ``"cost"``) and no control character.

    >>> tag_problem("cost") is None
    True
    >>> tag_problem(" cost")
    'has a space at its start or end; remove it'
    """
    if shows_nothing(tag):
        return "is empty; write a word or phrase, or leave the tag out"
    if len(tag.splitlines()) > 1 or tag[-1] in "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029":
        return "holds a line break; a tag is one line: join the lines, or make them two tags"
    if tag != tag.strip():
        return "has a space at its start or end; remove it"
    for char in tag:
        if unicodedata.category(char) == "Cc":
            return f"holds a control character (U+{ord(char):04X}); remove it"
    return None


def duplicate_tag(tags: Sequence[str]) -> tuple[str, int, int] | None:
    """The first tag given twice, as ``(tag, first index, second index)``; else None."""
    seen: dict[str, int] = {}
    for index, tag in enumerate(tags):
        if tag in seen:
            return tag, seen[tag], index
        seen[tag] = index
    return None


def _valid_tag(value: str) -> str:
    problem = tag_problem(value)
    if problem is not None:
        raise PydanticCustomError("tag_invalid", "tag {problem}", {"problem": problem})
    return value


_S = TypeVar("_S", bound=Sequence[str])


def _each_once(tags: _S) -> _S:
    twice = duplicate_tag(tags)
    if twice is not None:
        tag, first, second = twice
        raise PydanticCustomError(
            "tag_duplicate",
            "tag {shown} is listed twice (tags[{first}] and tags[{second}]); list each tag once",
            {"tag": tag, "shown": repr(tag), "first": first, "second": second},
        )
    return tags


_CONTROL: Final = r"\x00-\x1f\x7f-\x9f"
TAG_PATTERN: Final = (
    rf"^{SHOWS_PATTERN}[^\s{_CONTROL}](?:[^{_CONTROL}\u2028\u2029]*[^\s{_CONTROL}])?$"
)
"""The rule for editors (JSON Schema): one line that shows something, visible at both ends,
no control character."""

Tag = Annotated[
    str,
    AfterValidator(_valid_tag),
    WithJsonSchema({"type": "string", "pattern": TAG_PATTERN}),
]
"""One tag: one line of visible text, no space at either end."""

Tags = Annotated[tuple[Tag, ...], AfterValidator(_each_once)]
"""A node's tags: each a :data:`Tag`, each once."""

TagList = Annotated[
    list[Tag],
    AfterValidator(_each_once),
    WithJsonSchema(
        {"type": "array", "items": {"type": "string", "pattern": TAG_PATTERN}, "uniqueItems": True}
    ),
]
"""A node's tags as a map file lists them."""
