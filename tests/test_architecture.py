"""The house rules that import-linter's layers do not see: no import circle at all, and a
core, store, watch-file readers and run flow that load neither Textual nor an audio package when imported."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import grimp

import backcoach


def circles(graph: grimp.ImportGraph) -> list[list[str]]:
    """Groups of modules that import each other, directly or around a loop (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(module: str) -> None:
        index[module] = low[module] = len(index)
        stack.append(module)
        on_stack.add(module)
        for imported in graph.find_modules_directly_imported_by(module):
            if imported not in index:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in on_stack:
                low[module] = min(low[module], index[imported])
        if low[module] == index[module]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == module:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for module in sorted(graph.modules):
        if module not in index:
            visit(module)
    return found


def test_a_circle_is_found_however_long_its_loop():
    graph = grimp.ImportGraph()
    for importer, imported in [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d"), ("e", "e")]:
        graph.add_import(importer=importer, imported=imported)
    assert circles(graph) == [["a", "b", "c"]]


def test_no_module_imports_one_that_imports_it_back():
    # grimp reads every import statement: in functions and under TYPE_CHECKING too.
    graph = grimp.build_graph("backcoach")
    assert circles(graph) == []


def test_the_core_the_store_the_readers_and_the_run_flow_load_no_ui_and_no_audio():
    # As harlequin checks its core: a fresh interpreter, so nothing else has loaded them.
    probe = """
import sys, pkgutil, importlib
import backcoach.core, backcoach.store, backcoach.activities
for package in (backcoach.core, backcoach.activities):
    for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        importlib.import_module(info.name)
import backcoach.coach.flow, backcoach.store.csvio
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("textual", "rich", "playsound3"))
print(",".join(loaded))
"""
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_no_screen_imports_the_app_module():
    # Screens read the app through ui/state.py's Protocol; the app alone routes.
    graph = grimp.build_graph("backcoach")
    importers = graph.find_modules_that_directly_import("backcoach.ui.app")
    assert not {m for m in importers if m.startswith("backcoach.ui.")}


def test_only_the_workout_reaches_its_session():
    # An intent sent to the session behind the workout's back would leave its events and
    # records for a later poll; players read the workout's state() and views instead.
    reached = []
    for path in Path(backcoach.__file__).parent.rglob("*.py"):
        if path.name == "workout.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Attribute):
                continue
            owner = ast.unparse(node.value)
            if (node.attr == "_session" and owner != "self") or (
                node.attr == "session" and "workout" in owner.lower()
            ):
                reached.append(f"{path.name}:{node.lineno}")
    assert reached == []
