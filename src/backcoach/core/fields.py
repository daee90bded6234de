"""The keys a routine or exercise file may use, in one table.

The loader checks files against it and the JSON Schema is generated from it, so the two
can never disagree about what a key means.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, TypeGuard, get_args

ValueKind = Literal[
    "text",
    "texts",
    "duration",
    "count",
    "reps",
    "progress",
    "sides",
    "load",
    "id",
    "target",
    "apart",
    "flare",
]
"""Kinds of one value; each has exactly one reader (core/reading/registry.py checks it)."""

SectionKind = Literal["defaults", "steps", "exercises"]
"""Kinds that hold keys of their own: the routine and exercise-file readers walk them, and
the schema nests them, so no value reader reads them."""

FieldKind = Literal[ValueKind, SectionKind]

VALUE_KINDS: tuple[ValueKind, ...] = get_args(ValueKind)
SECTION_KINDS: tuple[SectionKind, ...] = get_args(SectionKind)


def is_value_kind(kind: FieldKind) -> TypeGuard[ValueKind]:
    return kind in VALUE_KINDS


ID_PATTERN = r"^[a-z0-9][a-z0-9-]*$"
"""Routine and exercise ids: lowercase letters, digits and dashes, such as prone-press-up."""

ID_MAX_LENGTH = 64


@dataclass(frozen=True)
class FieldSpec:
    kind: FieldKind
    help: str
    minimum: int = 1
    maximum: int | None = None
    required: bool = False

    def __post_init__(self) -> None:
        # A typo'd kind fails as the tables below are built, at import, not when a user's
        # file first holds the key.
        if self.kind not in VALUE_KINDS and self.kind not in SECTION_KINDS:
            raise ValueError(f"{self.kind!r} is not a field kind; see FieldKind")


DEFAULT_FIELDS = {
    "prep": FieldSpec("duration", "Get-ready countdown before each exercise.", minimum=0),
    "rest": FieldSpec("duration", "Rest after each set (none after the last).", minimum=0),
    "countdown": FieldSpec(
        "count", "Audible ticks in the last N seconds of timed work.", minimum=0, maximum=10
    ),
    "switch": FieldSpec("duration", "Time to change sides between left and right.", minimum=0),
}

EXERCISE_FIELDS = {
    "name": FieldSpec("text", "The exercise's name as the user reads it."),
    "cues": FieldSpec("texts", "Short form cues, one line each."),
    "caution": FieldSpec("text", "One caution shown while the exercise plays."),
    "stop_if": FieldSpec("texts", "Stop the exercise if any of these happen."),
    "picture": FieldSpec("text", "A small text picture, at most 8 lines of 24 columns."),
}

STEP_FIELDS = {
    "exercise": FieldSpec("id", "Id of an exercise in the library."),
    "duration": FieldSpec("duration", "How long to hold or move, for a timed exercise."),
    "reps": FieldSpec(
        "reps",
        "How many repetitions, per side when sides are given; or a range such as 8-12.",
        maximum=1000,
    ),
    "tempo": FieldSpec("duration", "Seconds per rep; the app counts the reps for you."),
    "sets": FieldSpec("count", "How many sets.", maximum=100),
    "sides": FieldSpec("sides", "both, left, right, or a list such as [right, left, right]."),
    "load": FieldSpec("load", "The weight: 20 kg, 45 lb or bodyweight."),
    "progress": FieldSpec(
        "progress",
        "How much the load goes up once every set reaches the top of the reps and the back "
        "agrees: 2.5 kg, 5 lb or 5%.",
    ),
    "flare": FieldSpec(
        "flare",
        "In flare-up mode: skip, or a gentler version such as {sets: 2, load: 10 kg}.",
    ),
    **DEFAULT_FIELDS,
    **EXERCISE_FIELDS,
}

FLARE_SKIP = "skip"
"""The one word a `flare:` rule may be instead of a mapping: leave the step out."""

FLARE_FIELDS = {
    "exercise": FieldSpec("id", "Another exercise from the library, done instead."),
    "sets": FieldSpec("count", "Fewer sets.", maximum=100),
    "reps": FieldSpec("count", "Fewer reps, for a step with reps.", maximum=1000),
    "duration": FieldSpec("duration", "A shorter hold, for a timed step."),
    "load": FieldSpec("load", "A lighter load, for a step with a load."),
}
"""What a `flare:` mapping may change; each is gentler than the step's own, never more."""

REST_STEP_FIELDS = {
    "rest": FieldSpec("duration", "A rest on its own, between exercises.", required=True),
    "countdown": DEFAULT_FIELDS["countdown"],
}

ROUTINE_FIELDS = {
    "title": FieldSpec("text", "The routine's title.", required=True),
    "summary": FieldSpec("text", "One or two sentences on when and how to use it."),
    "tags": FieldSpec("texts", "Words to group and filter by, such as warm-up or strength."),
    "target": FieldSpec("target", "How often to do it, such as 2 per week."),
    "apart": FieldSpec("apart", "Whole days to leave between sessions, such as 1 day."),
    "defaults": FieldSpec("defaults", "Values every step uses unless it gives its own."),
    "steps": FieldSpec("steps", "The exercises and rests, in order.", required=True),
}

LIBRARY_ENTRY_FIELDS = {
    "id": FieldSpec("id", "A short lowercase id such as hip-hinge.", required=True),
    **{
        k: (FieldSpec(v.kind, v.help, required=True) if k == "name" else v)
        for k, v in EXERCISE_FIELDS.items()
    },
}

LIBRARY_FIELDS = {
    "exercises": FieldSpec("exercises", "The exercises this file adds.", required=True),
}

SIDE_WORDS = ("both", "left", "right")
