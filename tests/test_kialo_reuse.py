"""Kialo reuse lines (``-> See 1.2.``): cross-links, never a move of the claim reused."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from argmap.interop import get_importer
from argmap.model import ArgumentMap, Relation
from tests.conftest import CASES
from tests.test_interop import SETTINGS

REUSE = CASES / "interop" / "reuse.kialo.txt"


def _read(text: str) -> ArgumentMap:
    return get_importer("kialo")(text, "k.txt").map


def _places(m: ArgumentMap) -> dict[str, tuple[str | None, Relation | None]]:
    return {
        n.text: (None if n.parent is None else m.get(n.parent).text, n.relation) for n in m.walk()
    }


def test_a_reuse_read_before_its_claim_does_not_move_it() -> None:
    """The tester's file: `1.1.1. Con: -> See 1.2.` came before `1.2. Con: ...`, so the
    top-level objection 1.2 was put under 1.1, its place under the thesis becoming the
    cross-link."""
    m = _read(REUSE.read_text(encoding="utf-8"))
    places = _places(m)
    assert places["Main objection B to the thesis."] == ("Thesis T.", Relation.ATTACKS)
    assert places["Support for B."] == ("Main objection B to the thesis.", Relation.SUPPORTS)
    (b,) = [n for n in m.walk() if n.text.startswith("Main objection")]
    assert [(m.get(link.to).text, link.relation) for link in b.links] == [
        ("Reason A.", Relation.ATTACKS)
    ]


def test_reuses_of_later_deeper_claims_several_times_stay_links() -> None:
    text = (
        "Discussion Title: Q\n\n1. T.\n"
        "1.1. Pro: A.\n1.1.1. Con: -> See 1.3.1.\n1.1.2. Con: -> See 1.2.\n"
        "1.2. Con: B.\n1.2.1. Con: -> See 1.3.1.\n"
        "1.3. Pro: C.\n1.3.1. Con: Deep D.\n"
    )
    m = _read(text)
    assert _places(m) == {
        "T.": (None, None),
        "A.": ("T.", Relation.SUPPORTS),
        "B.": ("T.", Relation.ATTACKS),
        "C.": ("T.", Relation.SUPPORTS),
        "Deep D.": ("C.", Relation.ATTACKS),
    }
    links = {n.text: [(m.get(k.to).text, k.relation) for k in n.links] for n in m.walk()}
    assert links["Deep D."] == [("A.", Relation.ATTACKS), ("B.", Relation.ATTACKS)]
    assert links["B."] == [("A.", Relation.ATTACKS)]


def test_the_current_layout_keeps_each_claim_at_its_number() -> None:
    text = (
        "Discussion Name:\r\nQ\r\n\r\n1. Thesis:\r\nT.\r\n\r\n  1.1. Pro:\r\n  A.\r\n\r\n"
        "    1.1.1. Con:\r\n    -> See 1.2.\r\n\r\n  1.2. Con:\r\n  B.\r\n"
    )
    places = _places(_read(text))
    assert places["B."] == ("T.", Relation.ATTACKS)


@st.composite
def _discussions(draw: st.DrawFn) -> tuple[str, dict[str, str]]:
    """A Kialo export of a random tree with reuse lines naming claims before or after them,
    and each claim's numbered parent (by their texts)."""
    homes = ["1"]
    children = {"1": 0}
    claims: list[tuple[str, str, bool]] = []  # number, label, whether a reuse
    parents: dict[str, str] = {}
    steps = st.tuples(st.integers(0, 99), st.sampled_from(["Pro", "Con"]), st.booleans())
    for pick, label, reuse in draw(st.lists(steps, max_size=14)):
        parent = homes[pick % len(homes)]
        children[parent] += 1
        number = f"{parent}.{children[parent]}"
        claims.append((number, label, reuse))
        if not reuse:  # a reuse line has no claims under it
            homes.append(number)
            children[number] = 0
            parents[f"Claim {number}."] = f"Claim {parent}."
    lines = []
    for number, label, reuse in claims:
        if reuse and len(homes) > 1:
            target = draw(st.sampled_from(homes[1:]))
            lines.append(f"{number}. {label}: -> See {target}.")
        elif not reuse:
            lines.append(f"{number}. {label}: Claim {number}.")
    lines.sort(key=lambda line: [int(p) for p in line.split(". ")[0].split(".")])
    return "\n".join(["Discussion Title: Q", "", "1. Claim 1.", *lines]) + "\n", parents


@SETTINGS
@given(_discussions())
def test_every_claim_stays_under_its_numbered_parent(case: tuple[str, dict[str, str]]) -> None:
    text, parents = case
    places = _places(_read(text))
    assert {key: places[key][0] for key in parents} == parents
