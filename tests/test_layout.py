"""The package's shape: modules and functions of readable size, one docstring each, no cycles."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "argmap"

MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
LONG_REASON = "Long because:"
"""A module or function may exceed its limit when a comment near its top starts so."""


def _modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _explained(lines: list[str], start: int, span: int = 6) -> bool:
    """Whether a ``# Long because: ...`` comment sits in the first lines after ``start``."""
    return any(LONG_REASON in line for line in lines[start : start + span])


@pytest.mark.parametrize("path", _modules(), ids=_name)
def test_module_is_short_or_says_why(path: Path) -> None:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert len(lines) <= MAX_MODULE_LINES or _explained(lines, 0, 12), (
        f"{_name(path)} has {len(lines)} lines; split it, or say why near the top "
        f"('# {LONG_REASON} ...')"
    )


@pytest.mark.parametrize("path", _modules(), ids=_name)
def test_functions_are_short_or_say_why(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    long = [
        f"{node.name} ({node.end_lineno - node.lineno + 1} lines)"
        for node in ast.walk(ast.parse(text))
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)
        and node.end_lineno is not None
        and node.end_lineno - node.lineno + 1 > MAX_FUNCTION_LINES
        and not _explained(lines, node.lineno - 1, 12)
    ]
    assert not long, f"{_name(path)}: functions over {MAX_FUNCTION_LINES} lines: {long}"


@pytest.mark.parametrize("path", _modules(), ids=_name)
def test_module_says_what_it_owns(path: Path) -> None:
    doc = ast.get_docstring(ast.parse(path.read_text(encoding="utf-8")))
    assert doc, f"{_name(path)} has no module docstring"
    assert "\n" not in doc.strip().split("\n\n")[0], f"{_name(path)}: first line runs on"


def _imports(path: Path) -> set[str]:
    """The argmap modules ``path`` imports, at any depth, outside ``if TYPE_CHECKING:``."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skip.update(id(child) for stmt in node.body for child in ast.walk(stmt))
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skip:
            continue
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names if alias.name.startswith("argmap"))
        elif isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("argmap"):
            found.add(node.module)
            # ``from argmap.x import y`` may name a submodule y.
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def test_no_import_cycles() -> None:
    modules = {_name(path): path for path in _modules()}
    graph = {
        name: {target for target in _imports(path) if target in modules and target != name}
        for name, path in modules.items()
    }
    # A package's __init__ is imported with each of its submodules; count that edge too.
    for name in modules:
        parent = name.rpartition(".")[0]
        if parent in modules and parent != "argmap":
            graph[name].add(parent)
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    for start in sorted(graph):
        if start in state:
            continue
        stack: list[tuple[str, list[str]]] = [(start, sorted(graph[start]))]
        path = [start]
        state[start] = 1
        while stack:
            node, todo = stack[-1]
            if not todo:
                stack.pop()
                path.pop()
                state[node] = 2
                continue
            nxt = todo.pop()
            if state.get(nxt) == 1:
                cycles.append([*path[path.index(nxt) :], nxt])
            elif nxt not in state:
                state[nxt] = 1
                path.append(nxt)
                stack.append((nxt, sorted(graph[nxt])))
    assert not cycles, "import cycles:\n" + "\n".join(" -> ".join(c) for c in cycles)
