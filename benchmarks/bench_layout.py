"""Does each page read as a tree? Crossings, overlaps, placement, aspect and fill per map.

Every map is fitted to its page (slides, paper, upright or not, top-down or left to right)
and laid out by the engine; each page's SVG is read back
(:mod:`argmap.exporters.diagram.geometry`) and counted: tree edges that cross (on every
page, and on the overview a room sees first), edges into one parent that cross before
they meet there, tree edges that go round other boxes, boxes that overlap, tree edges
through a box not theirs, edges along a box's border they do not end at (a linked
group's, most often: :mod:`~argmap.exporters.diagram.borderruns`), edges to references
to other pages that cross another edge, children drawn above their parent or siblings
out of file order, boxes of a grid of wrapped rows out of line with their column (a
staircase), the
drawings' median aspect (width / height) and the share of the page they fill at the
scale they are shown at; the overview's stubs (one a branch, and grouped ones), the
pages shown below the legibility floor, and the undercutters drawn on a page that
continues their target (one of its tops): at the target's arrow, or at its box. The
maps: the repository's, a map of linked groups, generated maps of 120 to 1,500 nodes,
two of Argdown's own examples imported, a generated debate shaped as Kialo's,
cross-linked, a generated map dense with undercutters, a flat list of 40 statements, and a
tester's class debate (25 statements, eight stubs on page 1).
"""

from __future__ import annotations

import random
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Final

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from bench_render import generate  # noqa: E402

from argmap.analysis.standing import analyze  # noqa: E402
from argmap.exporters.diagram import geometry  # noqa: E402
from argmap.exporters.diagram.borderruns import border_runs  # noqa: E402
from argmap.exporters.diagram.engine import find_engine  # noqa: E402
from argmap.exporters.diagram.fitting import Layout, lay_out  # noqa: E402
from argmap.exporters.diagram.stacking import NODESEP, Wrap  # noqa: E402
from argmap.exporters.diagram.trailcuts import hung_tops  # noqa: E402
from argmap.load.maps import load_map  # noqa: E402
from argmap.load.validate import validate_data  # noqa: E402
from argmap.model import ArgumentMap, Relation  # noqa: E402
from argmap.options import RenderOptions  # noqa: E402

MAPS = HERE.parent / "maps"
CASES = [
    ("flagship", "slide"),
    ("flagship", "a4"),
    ("flagship", "a4-portrait"),
    ("flagship", "letter"),
    ("flagship", "a3"),
    ("flagship", "a4-lr"),
    ("flagship", "slide-lr"),
    ("flagship", "slide-portrait"),
    ("flagship", "letter-portrait"),
    ("flagship", "a4-portrait-lr"),
    ("flagship", "slide-portrait-lr"),
    ("uniforms", "a4"),
    ("uniforms", "slide"),
    ("uniforms", "a4-portrait"),
    ("uniforms", "a4-portrait-lr"),
    ("groups", "a4-portrait"),
    ("groups", "slide-portrait"),
    ("groups", "a4-portrait-lr"),
    ("120", "slide"),
    ("120", "a4-portrait"),
    ("120", "a4-portrait-lr"),
    ("400", "slide"),
    ("400", "a4-portrait"),
    ("400", "a4-portrait-lr"),
    ("400", "a4-lr"),
    ("400", "slide-lr"),
    ("1500", "slide"),
    ("1500", "a4-portrait"),
    ("1500", "a4-portrait-lr"),
    ("populism", "slide"),
    ("populism", "a4"),
    ("semmelweis", "slide-portrait"),
    ("semmelweis", "a4-portrait-lr"),
    ("debate300", "slide"),
    ("debate300", "a4"),
    ("debate300", "slide-lr"),
    ("undercuts5", "slide"),
    ("undercuts5", "a4"),
    ("undercuts5", "slide-portrait"),
    ("flat40", "slide"),
    ("flat40", "a4"),
    ("flat40", "slide-lr"),
    ("classdebate", "a4"),
    ("classdebate", "slide"),
]
"""(map, fit): the fit is a page, then ``-portrait`` (upright) and ``-lr`` (left to right)."""
FILES = {"flagship": "russias-game-in-north-korea.yaml", "uniforms": "school-uniforms.yaml"}
SMALL = {"classdebate": "class-debate.yaml"}
"""Small maps of the test cases: a tester's class debate (eight stubs on page 1)."""
IMPORTED = {
    "populism": "Populism-Core-Argument-Argdown-Example.argdown",
    "semmelweis": "semmelweis_betz.argdown",
}
"""Argdown's own examples (in the test cases), imported as a user would, all roots kept."""
ARGDOWN = HERE.parent / "tests" / "cases" / "real" / "argdown"


def linked_groups() -> dict[str, object]:
    """A map of linked groups of 3, 4 and 5 long premises, each objected to and answered.

    The groups hang under the thesis, under an objection to a reason, and under an
    objection to a conclusion: the cases where an upright page is too small for a group.
    """

    def group(name: str, size: int) -> dict[str, object]:
        members = [
            {
                "id": f"{name}-m{i}",
                "text": f"Linked premise {i} of {name} holds only together with the rest. " * 2,
                "quote": f"Words quoted in support of linked premise {i} of {name}.",
                "objections": [
                    {
                        "id": f"{name}-o{i}",
                        "text": f"Premise {i} of {name} is doubtful for a stated reason. " * 2,
                        "objections": [{"id": f"{name}-b{i}", "text": "The doubt misses. " * 3}],
                    }
                ],
            }
            for i in range(size)
        ]
        return {"id": name, "linked": members}

    objection = {"id": "x", "text": "An objection that a linked group backs.", "premises": []}
    thesis = {
        "id": "t",
        "text": "A thesis with linked groups under it, under an objection and a conclusion.",
        "premises": [
            group("g3", 3),
            group("g4", 4),
            {
                "id": "r",
                "text": "A reason.",
                "objections": [{**objection, "premises": [group("g5", 5)]}],
            },
        ],
        "conclusions": [
            {
                "id": "c",
                "text": "A conclusion drawn from the thesis.",
                "objections": [{**objection, "id": "y", "premises": [group("h4", 4)]}],
            }
        ],
    }
    return {"title": "Linked groups", "thesis": thesis}


def debate(count: int) -> dict[str, object]:
    """A debate of ``count`` claims shaped as Kialo's: pros and cons nested, some cross-linked.

    Each claim has two to five pros and cons in turn; every ninth claim also bears on a
    claim of another branch made before it, as Kialo's "-> See" lines do.
    """
    thesis: dict[str, Any] = {"id": "d0", "text": "The debated thesis holds, on the whole."}
    queue: list[tuple[dict[str, Any], tuple[str, ...]]] = [(thesis, ("d0",))]
    made, head = 1, 0
    claims: list[tuple[str, tuple[str, ...]]] = []
    while made < count:
        entry, path = queue[head]
        head += 1
        for i in range(2 + made % 4):
            if made >= count:
                break
            name = f"d{made}"
            text = f"Claim {made}: a pro or con of the debate, in words of a sentence or two."
            child: dict[str, Any] = {"id": name, "text": text}
            others = [c for c, p in claims if p[1:2] != path[1:2]] if made % 9 == 0 else []
            if others:  # an earlier claim of another branch under the thesis
                child["links"] = [others[made % len(others)]]
            entry.setdefault("premises" if i % 2 == 0 else "objections", []).append(child)
            claims.append((name, (*path, name)))
            queue.append((child, (*path, name)))
            made += 1
    return {"title": f"Debate of {count} claims", "thesis": thesis}


WORDS: Final = ("the", "policy", "claim", "evidence", "report", "trade", "step", "link", "reason")
"""The words of :func:`undercuts`' statements."""


def flat(count: int) -> dict[str, object]:
    """A thesis with ``count`` single statements under it, one in seven an objection: a
    list of reasons as debaters write them, wrapped into rows on every page."""
    rng = random.Random(count)
    words = [
        "pupils",
        "learn",
        "more",
        "through",
        "play",
        "and",
        "rest",
        "after",
        "a",
        "long",
        "school",
        "day",
        "at",
        "home",
    ]

    def text(label: str, i: int) -> str:
        return f"{label} {i}: " + " ".join(rng.choice(words) for _ in range(rng.randint(5, 22)))

    reasons = [{"id": f"r{i}", "text": text("Reason", i)} for i in range(count - count // 7)]
    objections = [{"id": f"o{i}", "text": text("Objection", i)} for i in range(count // 7)]
    thesis = {"id": "t", "text": "Homework should be abolished in primary schools."}
    return {"title": "Flat", "thesis": {**thesis, "premises": reasons, "objections": objections}}


def undercuts(seed: int) -> dict[str, object]:
    """A map dense with undercutters: each claim's objections mostly attack its step.

    Claims five deep, each with up to four premises (the first two linked, now and then)
    and up to two objections, three in five of them undercutters; seeded, so the same
    map every run.
    """
    rng = random.Random(seed)
    made = [0]

    def claim(depth: int, cut: bool, root: bool = False) -> dict[str, Any]:
        made[0] += 1
        words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(4, 22)))
        entry: dict[str, Any] = {"id": f"u{made[0]}", "text": words.capitalize() + "."}
        if cut:
            entry["undercut"] = True
        if depth > 0:
            premises = [
                claim(depth - 1, False) for _ in range(rng.randint(0, 4 if depth > 1 else 3))
            ]
            if len(premises) >= 2 and rng.random() < 0.3:
                group = f"g{premises[0]['id']}"  # named by its first member: one each
                premises = [{"id": group, "linked": premises[:2]}, *premises[2:]]
            if premises:
                entry["premises"] = premises
            doubts = [
                claim(depth - 2, not root and rng.random() < 0.6)  # the thesis has no step
                for _ in range(rng.randint(0, 2))
            ]
            if doubts:
                entry["objections"] = doubts
        return entry

    return {"title": f"Undercuts {seed}", "thesis": claim(5, False, root=True)}


def load(name: str) -> ArgumentMap:
    """A named map of the repository or the test cases, the linked groups' map, an imported
    Argdown example, a generated debate (``debate`` and its size), a flat list (``flat``
    and its size), or a generated map of N nodes."""
    if name == "groups":
        return validate_data(linked_groups())
    if name.startswith("debate"):
        return validate_data(debate(int(name.removeprefix("debate"))))
    if name.startswith("flat"):
        return validate_data(flat(int(name.removeprefix("flat"))))
    if name.startswith("undercuts"):
        return validate_data(undercuts(int(name.removeprefix("undercuts"))))
    if name in IMPORTED:
        from argmap.interop import ImportOptions, import_file

        return import_file(ARGDOWN / IMPORTED[name], "argdown", ImportOptions(all_roots=True)).map
    if name in SMALL:
        return load_map(HERE.parent / "tests" / "cases" / "smallmaps" / SMALL[name])
    return load_map(MAPS / FILES[name]) if name in FILES else validate_data(generate(int(name)))


def measure(name: str, fit: str) -> str:
    """One table row: the map's pages and their layout figures."""
    m = load(name)
    paper, *turns = fit.split("-")
    across = "lr" in turns
    options = RenderOptions(portrait="portrait" in turns, direction="LR" if across else "TB")
    layout = lay_out(m, analyze(m), options, paper, find_engine("auto"))  # type: ignore[arg-type]
    order = {node.id: i for i, node in enumerate(m.walk())}
    edges = crossed = meeting = overlapping = above = unordered = detoured = through = refs = 0
    drifted = along = 0
    fills: list[float] = []
    aspects: list[float] = []
    for page in layout.pages:
        edges += len(geometry.tree_edges(page.svg))
        crossed += geometry.crossings(page.svg)
        meeting += geometry.meeting_crossings(page.svg)
        detoured += geometry.detours(page.svg, across)
        overlapping += geometry.overlaps(page.svg)
        through += geometry.through_boxes(page.svg)
        along += border_runs(page.svg)
        refs += geometry.reference_crossings(page.svg)
        wrong_rank, wrong_order = geometry.misplaced(page.svg, order, across)
        above += wrong_rank
        unordered += wrong_order
        drifted += out_of_line(page.svg, page.plan.page.wraps, across)
        scale = layout.scale(page)
        fills.append(page.width * page.height * scale**2 / layout.size.width / layout.size.height)
        aspects.append(page.width / page.height)
    overview = geometry.crossings(layout.pages[0].svg)
    stubs = layout.pages[0].plan.page.stubs
    grouped = sum(1 for stub in stubs if stub.grouped)
    small = sum(1 for page in layout.pages if layout.scale(page) < layout.budget.scale * 0.999)
    aimed, boxed = undercut_aims(m, layout)
    return (
        f"| {name} | {len(m)} | {fit} | {len(layout.pages)} | {len(m) / len(layout.pages):.1f} "
        f"| {edges} | {crossed} | {meeting} | {overview} | {detoured} "
        f"| {overlapping} | {through} | {along} | {refs} | {above} | {unordered} | {drifted} "
        f"| {sorted(aspects)[len(aspects) // 2]:.2f} "
        f"| {sum(fills) / len(fills):.0%} | {len(stubs) - grouped} + {grouped} | {small} "
        f"| {aimed} + {boxed} |"
    )


def out_of_line(svg: str, wraps: Sequence[Wrap], across: bool) -> int:
    """Boxes of wrapped rows as long as the first that are out of line with their column.

    A parent's rows of one length are a grid: each box should sit in line with the box
    of the first row in its column (across the page: in its row). Counted: boxes whose
    middle is more than half the gap between neighbours off that box's (a staircase).
    Not a row hung in the gaps of the row above on purpose (its items held by two boxes
    each, see :func:`~argmap.exporters.diagram.rowholds.gap_holds`): half a box aside.
    """
    found = geometry.boxes(svg)

    def middle(name: str) -> float | None:
        box = found.get(name)
        if box is None:
            return None
        return (box.top + box.bottom) / 2 if across else (box.left + box.right) / 2

    count = 0
    for wrap in wraps:
        rows = [row for d, row in enumerate(wrap.rows) if not _in_gaps(wrap, d)]
        full = [row for row in rows if len(row) == len(wrap.rows[0])] if rows else []
        if len(full) < 2 or len(full[0]) < 2:
            continue
        for column in zip(*full, strict=True):
            middles = [m for m in map(middle, column) if m is not None]
            count += sum(1 for m in middles[1:] if abs(m - middles[0]) > NODESEP / 2)
    return count


def _in_gaps(wrap: Wrap, depth: int) -> bool:
    """Whether row ``depth`` of a parent's rows hangs in the gaps of the row right above."""
    if depth == 0:
        return False
    above = set(wrap.rows[depth - 1])
    anchors = Counter(item for item, anchor in wrap.holds if anchor in above)
    return any(anchors[item] > 1 for item in wrap.rows[depth])


def undercut_aims(m: ArgumentMap, layout: Layout) -> tuple[int, int]:
    """Undercutters drawn on a page that continues their target: at its arrow, at its box.

    The target is one of the page's tops, its arrow running up into the breadcrumb; an
    undercutter aimed at its box reads as an attack on its claim.
    """
    aimed = boxed = 0
    for page in layout.pages:
        plan = page.plan.page
        hung = hung_tops(m, page.plan)
        for node_id in plan.nodes:
            node = m.get(node_id)
            if node.relation is not Relation.UNDERCUTS or node.parent not in plan.tops:
                continue
            if m.get(node.parent).parent in plan.trail:
                aimed += node.parent in hung
                boxed += node.parent not in hung
    return aimed, boxed


def main() -> int:
    print(
        "| map | nodes | fit | pages | nodes a page | tree edges | crossings "
        "| siblings' edges crossing | on overview "
        "| edges going round "
        "| overlaps | edges through boxes | edges along borders | references' edges crossing "
        "| child above parent | siblings out of order | grid boxes out of line "
        "| aspect | fill "
        "| page 1 stubs (own + grouped) | pages under the floor "
        "| continued tops' undercutters (at their arrow + at the box) |"
    )
    print("|---" * 22 + "|")
    for name, fit in CASES:
        print(measure(name, fit), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
