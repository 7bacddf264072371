"""The map's records: a node, the citation and cross-links it carries, the sources it cites."""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Annotated, Any, Final, TypeVar

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictInt,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from argmap.model.idchars import (
    ID_SCHEMA_PATTERN,
    SHOWS_PATTERN,
    invisible_in_id,
    shows_nothing,
)
from argmap.model.tags import Tags
from argmap.model.vocabulary import ID_PATTERN, Assessment, Basis, NodeKind, Relation, Strength

__all__ = [
    "Citation",
    "NAME_PATTERN",
    "Link",
    "Name",
    "Node",
    "NodeId",
    "Outlet",
    "Record",
    "SourceDocument",
    "Text",
    "TextDate",
    "is_year",
    "name_problem",
    "trusted",
]


def _date_to_text(value: Any) -> Any:
    """Let YAML dates (``2014-04-10``) and bare years (``2020``) stand as free-text dates."""
    if isinstance(value, dt.date):
        return value.isoformat()
    if is_year(value):
        return str(value)
    return value


def is_year(value: Any) -> bool:
    """Whether ``value`` is a year as YAML or JSON reads a bare one (``date: 2020``).

    A whole number from 1 to 9999 (the years a date can have); not true or false.
    """
    return type(value) is int and dt.MINYEAR <= value <= dt.MAXYEAR


def _not_blank(value: str) -> str:
    if shows_nothing(value):
        raise PydanticCustomError("string_too_short", "String should not be blank")
    return value


def name_problem(name: str) -> str | None:
    """Say what keeps ``name`` from being a person's name, and what to do; None when it is one.

    A name is one line of text that shows something (not only spaces, zero-width or bidi
    characters, variation selectors or fillers), with no control character. The map's
    ``author`` fields and ``--author`` (stripped) share the rule.

    >>> name_problem("A. Reviewer") is None, name_problem("\ufe0f")
    (True, 'shows nothing; write a name, or leave the field out')
    """
    blank = shows_nothing(name)
    # The usual case: one line of text. (Python counts some invisible characters as
    # printable: a variation selector, a Hangul filler.)
    if name.isprintable() and not blank:
        return None
    if blank:
        return "shows nothing; write a name, or leave the field out"
    for char in name:
        if char in "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029":
            return "holds a line break; a name is one line: join its lines"
        if unicodedata.category(char) == "Cc":
            return f"holds a control character (U+{ord(char):04X}); remove it"
    return None


def _one_line(value: str) -> str:
    problem = name_problem(value)
    if problem is not None:
        raise PydanticCustomError("name_invalid", "Name {problem}", {"problem": problem})
    return value


def _visible_id(value: str) -> str:
    if value.isascii():  # the usual case: the pattern took only visible ASCII
        return value
    what = invisible_in_id(value)
    if what is not None:
        raise PydanticCustomError(
            "id_invisible", "Id holds a character that does not show: {what}", {"what": what}
        )
    return value


# argmap/load/plainentry.py restates these rules for plainly valid entries: change both.
TextDate = Annotated[
    str,
    BeforeValidator(_date_to_text),
    WithJsonSchema(
        {"anyOf": [{"type": "string"}, {"type": "integer", "minimum": 1, "maximum": 9999}]}
    ),
]
"""A free-text date (``January 21``); a YAML date or a bare year stands as its text."""
Text = Annotated[str, Field(min_length=1), AfterValidator(_not_blank)]
NAME_PATTERN: Final = rf"^{SHOWS_PATTERN}[^\x00-\x1f\x7f-\x9f\u2028\u2029]*$"
"""The rule for editors (JSON Schema): one line that shows something, no control character."""
Name = Annotated[
    str, AfterValidator(_one_line), WithJsonSchema({"type": "string", "pattern": NAME_PATTERN})
]
"""A person's name (an author): one line of text with something visible in it."""
NodeId = Annotated[
    str,
    Field(pattern=ID_PATTERN, max_length=200),
    AfterValidator(_visible_id),
    WithJsonSchema({"type": "string", "maxLength": 200, "pattern": ID_SCHEMA_PATTERN}),
]
"""A node id: the pattern's letters, digits, ``_``, ``.`` and ``-``, every one visible
(no zero-width joiner, variation selector, bidi control, filler, or mark on no letter)."""


class Record(BaseModel):
    """A frozen model that refuses fields it does not know: the base of every map record."""

    # Each is built on first use: loading makes nodes of checked entries without checking
    # them again, so a validate or a render builds none of these models.
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


_R = TypeVar("_R", bound=Record)


def trusted(cls: type[_R], values: dict[str, Any], fields_set: set[str]) -> _R:
    """Make a record of values already checked, field by field, against the same types.

    As ``cls.model_construct(fields_set, **values)`` makes it, without its pass over
    every field (the loader makes a node this way for each entry it checked).

    Args:
        cls: a record class without private attributes.
        values: every field of ``cls``, in its order; the record keeps this dict.
        fields_set: the fields given, as a check of ``values`` would count them. Several
            records may share one set: pydantic copies it before it changes it
            (``model_copy``), and a frozen record is never changed in place.
    """
    record = cls.__new__(cls)
    setattr_ = object.__setattr__
    setattr_(record, "__dict__", values)
    setattr_(record, "__pydantic_fields_set__", fields_set)
    setattr_(record, "__pydantic_extra__", None)
    setattr_(record, "__pydantic_private__", None)
    return record


class Citation(Record):
    """What the source document credits for a piece of evidence."""

    outlet: Text = Field(description="The outlet or document credited, e.g. 'Interfax'.")
    date: TextDate | None = Field(
        None, description="The date credited, e.g. 'January 21', or a bare year (2020)."
    )
    locator: str | None = Field(None, description="Page, section or URL within the outlet.")

    def label(self) -> str:
        """Return the citation as one line, e.g. ``Interfax, January 21``."""
        return ", ".join(part for part in (self.outlet, self.date, self.locator) if part)


class Outlet(Record):
    """An entry of the map's source table: an outlet the document cites."""

    name: Text = Field(description="The outlet's name, e.g. 'Interfax'.")
    url: str | None = Field(None, description="Where the outlet can be found.")
    note: str | None = Field(None, description="Anything a reader should know about it.")


class SourceDocument(Record):
    """The document the map reconstructs."""

    title: Text = Field(description="The document's title.")
    publication: str | None = Field(None, description="Journal, newspaper or site.")
    volume: StrictInt | str | None = Field(None, description="Volume number.")
    issue: StrictInt | str | None = Field(None, description="Issue number.")
    date: TextDate | None = Field(None, description="Publication date.")
    url: str | None = Field(None, description="Where the document can be read.")
    author: Name | None = Field(None, description="The document's author.")


class Link(Record):
    """A cross-link: this node also bears on another node, named by id."""

    to: NodeId = Field(description="The id of the node this one also bears on.")
    relation: Relation = Field(description="supports, attacks or undercuts.")


class Node(Record):
    """One node of the map, with its place in the tree (``parent``, ``relation``).

    Its fields are the one list of a node's fields: :mod:`argmap.model.fields` derives
    from them what each command and format reads.
    """

    id: NodeId
    kind: NodeKind
    text: Text
    quote: str | None = None
    citation: Citation | None = None
    source: str | None = None
    author: Name | None = None
    added: dt.date | None = None
    tags: Tags = ()
    strength: Strength | None = None
    basis: Basis | None = None
    assessment: Assessment | None = None
    note: str | None = None
    parent: str | None = None
    relation: Relation | None = None
    group: str | None = None
    links: tuple[Link, ...] = ()

    @property
    def traced(self) -> bool:
        """Whether the node says where it comes from: a quote, a citation or a source key.

        A quote is words of the map's source document; a citation or a ``sources`` key
        names the outlet that document credits. ``lint``, ``check`` and ``stats`` all
        flag evidence that is not traced.
        """
        return bool(self.quote) or self.citation is not None or self.source is not None
