"""What every reader of one file shares: its problems, the exercises it may name, and
how a field's value is read (by its kind, through the reader table it was given)."""

from __future__ import annotations

import difflib
from collections.abc import Callable
from collections.abc import Mapping as MappingABC
from typing import Any

from backcoach.core.fields import FieldSpec, ValueKind, is_value_kind
from backcoach.core.model import Exercise
from backcoach.core.problems import ProblemList, close_matches, did_you_mean
from backcoach.core.wording import quoted
from backcoach.core.yamlnodes import Mapping, Node, Scalar, describe

Found = dict[str, tuple[Node, Node]]
"""A mapping's known keys, as {key: (key_node, value_node)}."""

ValueReader = Callable[["Reading", Node, str, FieldSpec], Any]
"""Reads one value of a kind: the value, or None with its problems recorded."""


class Reading:
    """Walks one file's tree; each reader returns a value or None and records problems."""

    def __init__(
        self,
        problems: ProblemList,
        exercises: MappingABC[str, Exercise],
        readers: MappingABC[ValueKind, ValueReader],
    ) -> None:
        self.problems = problems
        self.exercises = exercises
        self.readers = readers
        self.misspelt: dict[int, list[tuple[Scalar, list[str]]]] = {}
        """By mapping (its id()): each unknown key and the known keys it may stand for."""

    def error(self, node: Node, message: str) -> None:
        self.problems.add(node.line, node.column, message)

    def knock_on(self, node: Node, wanted: tuple[str, ...], message: str) -> None:
        """A key missing from a mapping, listed after the misspelt key that likely meant
        it (`duraton` before "a step needs 'duration'"), though the mapping starts above."""
        cause = next(
            (
                (key.line, key.column)
                for key, close in self.misspelt.get(id(node), [])
                if set(close) & set(wanted)
            ),
            None,
        )
        self.problems.add(node.line, node.column, message, cause=cause)

    def fields(self, node: Node, specs: dict[str, FieldSpec], where: str) -> Found:
        """Known keys of a mapping as {key: (key_node, value_node)}; reports the unknown ones."""
        if not isinstance(node, Mapping):
            self.error(
                node,
                f"{where} should be a mapping of key: value lines, not {describe(node)}",
            )
            return {}
        found: Found = {}
        for key, value in node.pairs:
            if key.text in specs:
                found[key.text] = (key, value)
            else:
                self.error(
                    key, f"unknown key {quoted(key.text)} in {where}{did_you_mean(key.text, specs)}"
                )
                close = close_matches(key.text, specs)
                self.misspelt.setdefault(id(node), []).append((key, close))
        for name, spec in specs.items():
            if spec.required and name not in found:
                self.knock_on(
                    node,
                    (name,),
                    f"{where} is missing '{name}' ({spec.help[0].lower()}{spec.help[1:-1]})",
                )
        return found

    def value(self, found: Found, name: str, specs: dict[str, FieldSpec]) -> Any:
        """The value of key `name` read by its kind's reader, or None (absent or wrong)."""
        if name not in found:
            return None
        spec = specs[name]
        if not is_value_kind(spec.kind):
            raise TypeError(f"'{name}' is a {spec.kind} section: its file's reader walks it")
        return self.readers[spec.kind](self, found[name][1], name, spec)

    def reference(self, node: Node, exercise_id: str | None) -> Exercise | None:
        """The library exercise an id names, or None with a problem that offers the closest."""
        if exercise_id is None:
            return None
        exercise = self.exercises.get(exercise_id)
        if exercise is None:
            self.error(
                node,
                f"unknown exercise {quoted(exercise_id)}{_closest(exercise_id, self.exercises)}",
            )
        return exercise


def _closest(word: str, choices: MappingABC[str, Exercise]) -> str:
    ids = list(choices)
    close = difflib.get_close_matches(word, ids, n=3, cutoff=0.5)
    close += [i for i in ids if word in i and i not in close]
    if not close:
        return "; run 'backcoach list --exercises' to see every id"
    return "; closest: " + ", ".join(close[:3])
