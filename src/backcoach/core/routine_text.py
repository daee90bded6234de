"""A routine's YAML as text: the starter, a copy with a fresh title, a step to insert.

Everything here works on the text the person wrote, never on a parsed tree written back,
so their comments, spacing and key order survive every change made for them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

STARTER = """\
# yaml-language-server: $schema={schema}
# Your own routine. Check it with: backcoach validate {path}
# Exercise ids: backcoach list --exercises
title: {title}      # keep the quotes: a bare title such as No would read as false
summary: What this routine is for, and when to use it.
tags: [mine]
defaults:
  prep: 5s          # get-ready countdown before each exercise
  rest: 15s         # rest after each set (none after the last)
  switch: 5s        # time to change sides
  countdown: 3      # ticks in the last seconds of timed work
steps:
  - exercise: supine-piriformis-stretch
    duration: 30s
    sides: both     # or left, right, or a list such as [right, left, right]
    sets: 2
  - exercise: prone-press-up
    reps: 10
    tempo: 5s       # seconds per rep; without a tempo you press Enter when done
  - rest: 30s
  - name: Foam roll the glutes    # an exercise of your own, written inline
    duration: 1m
    cues: [Roll slowly, Pause on tender spots]
"""

USER_SCHEMA_REF = "../routine.schema.json"
"""Where a routine's `$schema` comment points, relative to the user's routines folder: the
copy in the user folder that every start refreshes, so the line stays valid after an
upgrade moves the installed package."""

_SCHEMA_LINE = re.compile(r"^# yaml-language-server: \$schema=.*$", re.MULTILINE)
# A top-level title: its value is a quoted string, or plain text up to a comment (in YAML a
# plain scalar ends where ` #` begins).
_TITLE_LINE = re.compile(
    r"""^title:[ \t]*(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*'|(?:[^#\n]|(?<!\s)\#)*?)(?P<rest>[ \t]+\#.*)?[ \t]*$""",
    re.MULTILINE,
)
_ITEM = re.compile(r"^(?P<indent>[ ]*)- ")
_STEPS_KEY = re.compile(r"^steps:[ \t]*(#.*)?$")


def title_from_id(routine_id: str) -> str:
    """'evening-stretch' -> 'Evening stretch': a title to start from."""
    return routine_id.replace("-", " ").strip().capitalize() or "My routine"


def quoted_title(title: str) -> str:
    """The title as a double-quoted YAML string: YAML 1.1 reads every title as text then
    (`no` is not false), and a quote or backslash in it stays what it is."""
    return json.dumps(title, ensure_ascii=False)


def starter_text(title: str, schema_uri: str, shown_path: str) -> str:
    return STARTER.format(schema=schema_uri, path=shown_path, title=quoted_title(title))


def with_schema(text: str, schema_uri: str) -> str:
    """The text with its `$schema` comment pointing at `schema_uri` (when it has one)."""
    line = f"# yaml-language-server: $schema={schema_uri}"
    return _SCHEMA_LINE.sub(lambda _: line, text, count=1)


def retitled(text: str, title: str) -> str:
    """The text with its top-level title replaced, a comment after it kept; a text without
    a one-line title gets one before its first key."""
    new_value = quoted_title(title)
    match = _TITLE_LINE.search(text)
    if match is not None:
        rest = match.group("rest") or ""
        return text[: match.start()] + f"title: {new_value}{rest}" + text[match.end() :]
    lines = text.split("\n")
    first_key = next(
        (i for i, line in enumerate(lines) if line.strip() and not line.startswith("#")),
        len(lines),
    )
    lines.insert(first_key, f"title: {new_value}")
    return "\n".join(lines)


@dataclass(frozen=True)
class StepDraft:
    """What the insert-step form collected; each text is already checked by the form."""

    exercise: str
    duration: str = ""
    reps: str = ""
    sets: str = ""
    sides: str = ""
    load: str = ""
    rest: str = ""

    def lines(self) -> list[str]:
        """The step's lines, the first starting with `- `, the others indented under it."""
        rows = [f"- exercise: {self.exercise}"]
        for key in ("duration", "reps", "sets", "sides", "load", "rest"):
            value = getattr(self, key).strip()
            if value:
                rows.append(f"  {key}: {value}")
        return rows


@dataclass(frozen=True)
class Insertion:
    """Where a step goes: the row to insert before (0-based), and the text to insert."""

    row: int
    text: str
    replaces_blank_line: bool = False


def step_insertion(text: str, cursor_row: int, step: StepDraft) -> Insertion:
    """Insert the step at the cursor: before the step the cursor is on (or on a blank line
    there), else after the step the cursor is inside; a routine without `steps:` gets it.

    Indented like the routine's other steps, or by two spaces in a routine without any.
    """
    lines = text.split("\n")
    steps_row = next((i for i, line in enumerate(lines) if _STEPS_KEY.match(line)), None)
    if steps_row is None:
        body = "\n".join("  " + row for row in step.lines())
        ending = "" if text.endswith("\n") or not text else "\n"
        return Insertion(len(lines), f"{ending}steps:\n{body}\n")
    items = [
        (i, len(m.group("indent")))
        for i in range(steps_row + 1, len(lines))
        if (m := _ITEM.match(lines[i]))
    ]
    indent = min((width for _, width in items), default=2)
    steps_end = next(
        (
            i
            for i in range(steps_row + 1, len(lines))
            if lines[i].strip() and not lines[i].startswith((" ", "#", "-"))
        ),
        len(lines),
    )
    while steps_end > steps_row + 1 and not lines[steps_end - 1].strip():
        steps_end -= 1  # after the last step, not after the blank lines that follow it
    row = min(max(cursor_row, steps_row + 1), steps_end)
    item_prefix = " " * indent + "- "
    blank = row < len(lines) and not lines[row].strip() and row < steps_end
    if not blank and row < steps_end and not lines[row].startswith(item_prefix):
        row += 1  # inside a step: go past the rest of it
        while row < steps_end and (
            not lines[row].strip() or len(lines[row]) - len(lines[row].lstrip(" ")) > indent
        ):
            row += 1
        while not lines[row - 1].strip():
            row -= 1  # right after the step, before the blank lines that part it from the next
    body = "\n".join(" " * indent + part for part in step.lines()) + "\n"
    return Insertion(row, body, replaces_blank_line=blank)


EXERCISE_PREFIX = re.compile(r"^\s*(?:-\s+)?exercise:[ \t]*(?P<typed>[a-z0-9-]*)$")


def typed_exercise_id(line_before_cursor: str) -> str | None:
    """The part of an exercise id typed so far after `exercise:`, or None elsewhere."""
    match = EXERCISE_PREFIX.match(line_before_cursor)
    return None if match is None else match.group("typed")


def completion(typed: str, ids: list[str]) -> tuple[str, list[str]]:
    """What Tab adds after `typed` (the longest prefix all matching ids share beyond it),
    and the ids that match."""
    matching = sorted(i for i in ids if i.startswith(typed))
    if not matching:
        return "", []
    shared = matching[0]
    for other in matching[1:]:
        while not other.startswith(shared):
            shared = shared[:-1]
    return shared[len(typed) :], matching
