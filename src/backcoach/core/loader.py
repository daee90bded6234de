"""YAML files -> routine and exercise values, with every problem pinned to its line.

The loader never stops at the first problem: a runner fixing their first routine should
see everything that is wrong in one go. It never writes to the file it reads. This is the
entry point and the one module of it that reads files; core/reading/ walks the tree.
"""

from __future__ import annotations

from collections.abc import Mapping as MappingABC
from dataclasses import dataclass
from pathlib import Path

from backcoach.core import yamltree
from backcoach.core.model import Exercise, Routine
from backcoach.core.problems import ProblemList
from backcoach.core.reading.context import Reading
from backcoach.core.reading.exercises import (
    LoadedExercises,
    is_exercise_file,
    read_exercise_file,
)
from backcoach.core.reading.registry import READERS
from backcoach.core.reading.routine import read_routine, routine_id
from backcoach.core.reading.steps import INLINE_PREFIX
from backcoach.core.yamlnodes import Node

__all__ = [
    "INLINE_PREFIX",
    "LoadedExercises",
    "LoadedRoutine",
    "exercises_from_tree",
    "is_exercise_file",
    "load_exercises",
    "load_routine",
    "routine_from_tree",
    "routine_id",
]


@dataclass
class LoadedRoutine:
    routine: Routine | None
    problems: ProblemList


def load_routine(
    path: Path, exercises: MappingABC[str, Exercise], source: str = "user"
) -> LoadedRoutine:
    problems = ProblemList(path)
    text = yamltree.read_text(path, problems)
    root = yamltree.parse(text, problems) if text is not None else None
    return routine_from_tree(root, path, exercises, source, problems)


def routine_from_tree(
    root: Node | None,
    path: Path,
    exercises: MappingABC[str, Exercise],
    source: str,
    problems: ProblemList,
) -> LoadedRoutine:
    routine = None
    if root is not None:
        routine = read_routine(Reading(problems, exercises, READERS), root, path, source)
    if routine is None and not problems:
        # Whatever the reason, a file that gives no routine must say why: a caller that
        # gets neither a routine nor a problem has nothing to show (and 'list' would break).
        problems.add(1, 1, "no routine could be read from this file; it needs a title and steps")
    return LoadedRoutine(None if problems else routine, problems)


def load_exercises(path: Path, source: str) -> LoadedExercises:
    problems = ProblemList(path)
    text = yamltree.read_text(path, problems)
    root = yamltree.parse(text, problems) if text is not None else None
    return exercises_from_tree(root, source, problems)


def exercises_from_tree(root: Node | None, source: str, problems: ProblemList) -> LoadedExercises:
    if root is None:
        return LoadedExercises([], {}, problems)
    return read_exercise_file(Reading(problems, {}, READERS), root, source)
