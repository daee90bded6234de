"""Whatever the loader accepts can be planned, shown, spoken, drawn and played to the end;
whatever it refuses, it refuses with problems, never with an exception.

Two kinds of documents are fuzzed:

- mutated: a bundled routine (or an accepted corpus file) with lines deleted, duplicated,
  swapped or re-indented, values replaced by random scalars, and brackets, control
  characters, BOMs, tabs, unicode and huge numbers injected;
- generated: built from the loader's own field table (core/fields.py), a random subset of
  keys per mapping, each with a value of its own kind or, now and then, of any other.

A third kind, mutated exercise files, goes into the user's exercises folder: the catalogue
must load it with calm problems, and a routine of every exercise it accepted must play.

The default run tries 100 of each kind; `.ci/run`, which runs the slow tests too, tries
2,000 mutated and 2,000 generated routines and 500 exercise files. All are derandomized,
so a failure reproduces on every machine. Run with --hypothesis-show-statistics to see how
many were accepted, which mutations were made and how many hit the plan's caps.
"""

from __future__ import annotations

import io
import json
import os
import re
from collections.abc import Callable, Mapping
from contextlib import redirect_stderr, redirect_stdout
from pathlib import Path

import jsonschema
import pytest
import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from backcoach import commands
from backcoach.audio.cues import cue_for
from backcoach.core import describe, paths
from backcoach.core.clock import FakeClock
from backcoach.core.fields import (
    DEFAULT_FIELDS,
    EXERCISE_FIELDS,
    REST_STEP_FIELDS,
    ROUTINE_FIELDS,
    STEP_FIELDS,
    FieldSpec,
)
from backcoach.core.library import load_catalogue, yaml_files
from backcoach.core.loader import load_routine
from backcoach.core.model import Exercise
from backcoach.core.plan import MAX_SEGMENTS, MAX_TOTAL_SECONDS, Plan, build_plan
from backcoach.core.session import Finished
from backcoach.plain import describe_event
from backcoach.ui.text import cautions, step_lines
from backcoach.workout import Workout
from tests.conftest import CORPUS

_COMMON = {
    "deadline": None,
    "derandomize": True,
    "database": None,
    "suppress_health_check": [
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.filter_too_much,
    ],
}
settings.register_profile("accepted-routines-quick", max_examples=100, **_COMMON)
settings.register_profile("accepted-routines-thorough", max_examples=2_000, **_COMMON)
QUICK = settings.get_profile("accepted-routines-quick")
THOROUGH = settings.get_profile("accepted-routines-thorough")

EXERCISES = load_catalogue().exercises
SCHEMA = jsonschema.Draft202012Validator(json.loads(paths.SCHEMA_FILE.read_text()))
SEEDS = [p.read_text(encoding="utf-8") for p in yaml_files(paths.BUNDLED_ROUTINES)] + [
    p.read_text(encoding="utf-8") for p in yaml_files(CORPUS / "valid")
]
CLOCK_STEP = 500.0
"""Seconds the fake clock moves between polls: big, so a twelve-hour plan plays quickly."""

_UNPRINTABLE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
"""What must never reach a terminal: control characters but the newline, line separators
and direction controls."""


# -- values -------------------------------------------------------------------------------

SPECIAL_SCALARS = [
    # YAML 1.1 surprises and values PyYAML resolves but cannot build
    "no", "yes", "off", "~", "null", "", "1:30", "99999999999999999999:30", "1.0e+400",
    "-1.0e+400", ".inf", ".nan", "0x_", "._", "0b102", "=", "<<", "2001-01-01",
    "2001-01-01 10:00:00", "010", "08", "+5", "-0", "1_000", "0x1F", "9" * 5000,
    # structure where a scalar belongs
    "[", "[/]", "]", "{", "}", "[]", "{}", "[a, [b]]", "{a: 1}", "- x", "? x",
    "&a 1", "*a", "!!binary aGk=", "!!set {a}", "!!str 10", "!foo bar", "! x", "!!python/none",
    "'", '"', "|", ">", "|\n  block\n  text", "'it''s'",
    # control characters, invisible characters, BOMs and tabs, raw and escaped
    "\t", "a\tb", "\ufeff", "\x1b[31m", '"\\e[2J"', '"\\x07"', '"\\r"', '"\\0"', '"\\u202e"',
    '"\\N"', '"\\L"', '"\\_"', '"a\\nb"', '"\\ud800"', '"\\U0001F600"', "\u200b", "\u00a0",
    # text that reads as nothing
    "...", "—", "!?", '" "', "''", "\u0301",
    # plausible values of every kind
    "both", "left", "right", "[right, left, right]", "[left]", "sideways", '" both"',
    "30s", "1m30s", "4h", "4h1s", "12h", "0s", "45", "0", "-5", "1000", "1001", "100", "101",
    "20 kg", "45 lb", "22.5 lbs", "bodyweight", "Bodyweight", "1001 kg", "1" * 400 + " kg",
    "prone-press-up", "brisk-walk", "nope", "Prone", "-a",
    "Stretch gently", "1984", "Prone press-up", "😀", "日本語のタイトル",
]  # fmt: skip

random_scalar = st.one_of(
    st.sampled_from(SPECIAL_SCALARS),
    st.integers(-(10**6), 10**30).map(str),
    st.floats().map(repr),
    st.text(max_size=20),
    st.text(max_size=20).map(json.dumps),  # a double-quoted YAML string, escapes and all
    st.text(st.characters(codec="utf-8"), max_size=12).map(
        lambda t: json.dumps(t, ensure_ascii=False)
    ),
)

INJECTIONS = [
    "[", "[/]", "]", "{", "}", ":", ": ", "- ", "#", "&a ", "*a", "!!binary ", "'", '"', "\\e",
    "\x1b", "\x07", "\r", "\x00", "\x85", "\x9b", "\u2028", "\u202e", "\ufeff", "\ufeff\ufeff",
    "\t", "  ", "é", "😀", "\u0301", "---", "...", "%YAML 1.1",
]  # fmt: skip

AMPLIFIERS = [
    "sets: 100",
    "reps: 1000",
    "tempo: 4h",
    "duration: 4h",
    "rest: 4h",
    "prep: 4h",
    "switch: 4h",
]


# -- mutated documents ----------------------------------------------------------------------


Draw = Callable[[st.SearchStrategy], object]


def _index(draw: Draw, lines: list[str]) -> int:
    return draw(st.integers(0, max(0, len(lines) - 1)))


def _delete(draw: Draw, lines: list[str]) -> list[str]:
    if lines:
        del lines[_index(draw, lines)]
    return lines


def _duplicate(draw: Draw, lines: list[str]) -> list[str]:
    if lines:
        i = _index(draw, lines)
        lines.insert(i, lines[i])
    return lines


def _swap(draw: Draw, lines: list[str]) -> list[str]:
    if lines:
        i, j = _index(draw, lines), _index(draw, lines)
        lines[i], lines[j] = lines[j], lines[i]
    return lines


def _reindent(draw: Draw, lines: list[str]) -> list[str]:
    if lines:
        i = _index(draw, lines)
        lines[i] = lines[i][2:] if draw(st.booleans()) else "  " + lines[i]
    return lines


def _replace_value(draw: Draw, lines: list[str]) -> list[str]:
    candidates = [
        i for i, line in enumerate(lines) if ": " in line or line.lstrip().startswith("- ")
    ]
    if candidates:
        i = draw(st.sampled_from(candidates))
        line = lines[i]
        cut = line.index(": ") + 2 if ": " in line else line.index("- ") + 2
        lines[i] = line[:cut] + str(draw(random_scalar))
    return lines


def _inject(draw: Draw, lines: list[str]) -> list[str]:
    if lines:
        i = _index(draw, lines)
        column = draw(st.integers(0, len(lines[i])))
        token = str(draw(st.sampled_from(INJECTIONS)))
        lines[i] = lines[i][:column] + token + lines[i][column:]
    return lines


def _amplify(draw: Draw, lines: list[str]) -> list[str]:
    """Make one step huge: many sets, long holds, or a long list of sides."""
    starts = [i for i, line in enumerate(lines) if line.startswith("  - ")]
    if starts:
        i = draw(st.sampled_from(starts))
        if draw(st.booleans()):
            count = draw(st.integers(1, 3_000))
            extra = "    sides: [" + ", ".join(["left", "right"] * count) + "]"
        else:
            extra = "    " + str(draw(st.sampled_from(AMPLIFIERS)))
        lines.insert(i + 1, extra)
    return lines


MUTATIONS = [_delete, _duplicate, _swap, _reindent, _replace_value, _inject, _amplify]


@st.composite
def mutated_documents(draw: Draw, seeds: list[str] = SEEDS) -> bytes:
    lines = str(draw(st.sampled_from(seeds))).split("\n")
    for _ in range(draw(st.integers(1, 4))):
        mutate = draw(st.sampled_from(MUTATIONS))
        event(f"mutation: {mutate.__name__.lstrip('_')}")
        lines = mutate(draw, lines)
    text = "\n".join(lines)
    if draw(st.integers(0, 19)) == 0:
        text = "\ufeff" + text  # one leading BOM is fine; the loader strips it
    return text.encode("utf-8")


# -- generated documents --------------------------------------------------------------------


def mostly(usual: st.SearchStrategy, odd: st.SearchStrategy, one_in: int) -> st.SearchStrategy:
    """`odd` about once in `one_in` draws. (one_of and sampled_from would not do: Hypothesis
    favours the first and last choices, so the odd one goes in the middle of the range.)"""
    return st.integers(0, one_in - 1).flatmap(lambda n: odd if n == one_in // 2 else usual)


def yaml_quoted(text: str) -> str:
    """A YAML double-quoted scalar: JSON's escapes, but astral characters as \\U escapes
    (JSON writes them as surrogate pairs, which YAML does not read)."""
    return json.dumps(text, ensure_ascii=False).encode("ascii", "backslashreplace").decode("ascii")


def flow_list(items: list[str]) -> str:
    return "[" + ", ".join(items) + "]"


words = st.text(st.characters(categories=["L", "N", "Zs", "P", "S"]), min_size=1, max_size=30)
letters = st.text(st.characters(categories=["L"]), min_size=1, max_size=20)
plain_texts = st.sampled_from(["Stretch gently", "Keep the back flat", "Pain spreads down the leg"])
text_values = mostly(st.one_of(plain_texts, words.map(yaml_quoted), letters), random_scalar, 25)
good_durations = st.one_of(
    st.integers(1, 600).map(lambda n: f"{n}s"),
    st.integers(1, 3_600).map(str),
    st.sampled_from(["1m30s", "5m", "1h", "2m 5s", '" 45 "']),
)
odd_durations = st.one_of(
    st.integers(-5, 20_000).map(str), st.sampled_from(["0", "4h1s", "1:30", "2.5", "1.0e+400"])
)
good_counts = st.integers(1, 12).map(str)
odd_counts = st.one_of(st.integers(-3, 1_200).map(str), st.sampled_from(["010", "2.5", "1e3"]))
VALUES_BY_KIND: dict[str, st.SearchStrategy[str]] = {
    "duration": mostly(good_durations, odd_durations, 8),
    "count": mostly(good_counts, odd_counts, 8),
    "text": text_values,
    "texts": st.one_of(text_values, st.lists(text_values, max_size=4).map(flow_list)),
    "sides": mostly(
        st.one_of(
            st.sampled_from(["both", "left", "right"]),
            st.lists(st.sampled_from(["left", "right"]), min_size=1, max_size=6).map(flow_list),
        ),
        st.sampled_from(["[]", "[left, up]", '" both"', "sideways"]),
        8,
    ),
    "load": mostly(
        st.sampled_from(["20 kg", "45 lb", "22.5 lbs", "bodyweight", "Bodyweight", "0 kg"]),
        st.sampled_from(["20", "20 stone", "1001 kg", "-5 kg"]),
        8,
    ),
    "reps": mostly(
        st.one_of(good_counts, st.sampled_from(["8-12", "10-12", " 6 – 8 ", "1-1"])),
        st.one_of(odd_counts, st.sampled_from(["12-8", "0-5", "8-", "8-1001", "8--12"])),
        8,
    ),
    "progress": mostly(
        st.sampled_from(["2.5 kg", "5 lb", "5%", "10 %", "1 KG"]),
        st.sampled_from(["0 kg", "2.5", "80%", "-5%", "5 stone"]),
        8,
    ),
    "id": mostly(
        st.sampled_from(sorted(EXERCISES)), st.sampled_from(["nope", "Prone", "x" * 70]), 8
    ),
}
UNKNOWN_KEYS = st.sampled_from(["titel", "repetitions", "side", "Reps", "\x1b", "<<", "? x"])


def value_for(spec: FieldSpec) -> st.SearchStrategy[str]:
    own = VALUES_BY_KIND.get(spec.kind, random_scalar)
    if spec.kind == "count":
        top = min(spec.maximum or 12, 12)
        own = mostly(st.integers(spec.minimum, top).map(str), odd_counts, 8)
    return mostly(own, random_scalar, 30)


@st.composite
def mapping_lines(
    draw: Draw, fields: dict[str, FieldSpec], indent: str, must: tuple[str, ...] = ()
) -> list[str]:
    """`key: value` lines: the keys in `must`, a random subset of the others, now and then
    an unknown one; each value mostly of its key's kind."""
    optional = [n for n in fields if n not in must and fields[n].kind not in ("defaults", "steps")]
    chosen = list(must)
    if optional:
        chosen += draw(st.lists(st.sampled_from(optional), max_size=4, unique=True))
    chosen += draw(mostly(st.just([]), UNKNOWN_KEYS.map(lambda k: [k]), 20))
    lines = []
    for name in chosen:
        spec = fields.get(name, FieldSpec("text", ""))
        key = name if name.isprintable() else json.dumps(name)
        lines.append(f"{indent}{key}: {draw(value_for(spec))}")
    return lines


@st.composite
def step_lines_of(draw: Draw) -> list[str]:
    """One step: a lone rest now and then; else an exercise from the library (inline one
    time in three), timed or counted, with either wrong now and then."""
    if draw(mostly(st.just(False), st.just(True), 6)):
        lines = draw(mapping_lines(REST_STEP_FIELDS, "    ", ("rest",)))
    else:
        who: tuple[str, ...] = draw(
            mostly(
                st.sampled_from([("exercise",), ("exercise",), ("name",)]),
                st.sampled_from([("exercise", "name"), ()]),
                12,
            )
        )
        amount: tuple[str, ...] = draw(
            mostly(
                st.sampled_from([("duration",), ("reps",)]),
                st.sampled_from([("duration", "reps"), ()]),
                12,
            )
        )
        inline = "name" in who or draw(mostly(st.just(False), st.just(True), 10))
        fields = {k: v for k, v in STEP_FIELDS.items() if inline or k not in EXERCISE_FIELDS}
        if "duration" in amount:
            fields.pop("tempo", None)
        lines = draw(mapping_lines(fields, "    ", who + amount))
    if not lines:
        return ["  - {}"]
    return ["  - " + lines[0][4:], *lines[1:]]


@st.composite
def generated_documents(draw: Draw) -> bytes:
    lines = draw(mapping_lines({k: v for k, v in ROUTINE_FIELDS.items()}, "", ("title",)))
    if draw(st.booleans()):
        lines.append("defaults:")
        lines += draw(mapping_lines(DEFAULT_FIELDS, "  ")) or ["  {}"]
    if draw(mostly(st.just(True), st.just(False), 20)):
        lines.append("steps:")
        for _ in range(draw(st.integers(1, 6))):
            lines += draw(step_lines_of())
    return ("\n".join(lines) + "\n").encode("utf-8")


# -- the properties ------------------------------------------------------------------------


def run_captured(command: Callable[[str, bool], int], name: str, as_json: bool) -> str:
    """Run a command in-process with stdout a strict UTF-8 stream, as a real terminal is."""
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", errors="strict", newline="\n")
    err = io.StringIO()
    with redirect_stdout(out), redirect_stderr(err):
        code = command(name, as_json)
    out.flush()
    assert code == 0, err.getvalue()
    return out.buffer.getvalue().decode("utf-8")


def assert_printable(text: str | None) -> None:
    assert text is None or not _UNPRINTABLE.search(text), repr(text)


def play_to_the_end(plan: Plan) -> list:
    clock = FakeClock()
    workout = Workout(plan, clock)
    events: list = []
    workout.subscribe(events.append)
    workout.start()
    most_rounds = 2 * len(plan.segments) + int(plan.total // CLOCK_STEP) + 10
    for _ in range(most_rounds):
        workout.poll()
        if workout.finished:
            break
        current = workout.state().segment
        if current is not None and current.waits_for_user:
            workout.done()
        else:
            clock.advance(CLOCK_STEP)
    assert workout.finished, "the session did not reach its end"
    assert isinstance(events[-1], Finished) and events[-1].completed
    return events


def check(
    document: bytes,
    path: Path,
    count: Callable[[str], None] = event,
    exercises: Mapping[str, Exercise] = EXERCISES,
) -> None:
    path.write_bytes(document)
    loaded = load_routine(path, exercises)  # (1) never raises

    for problem in loaded.problems.items:
        assert_printable(str(problem))
        assert "\n" not in str(problem)
    if loaded.routine is None:
        count("refused")
        assert loaded.problems.errors, "a refused file must say why"
        if any("a routine can" in p.message for p in loaded.problems.errors):
            count("refused: over the segment or time cap")
        return
    count("accepted")
    assert not loaded.problems.errors
    routine = loaded.routine

    # (3) bounded, and (2) every consumer copes
    plan = build_plan(routine)
    assert 0 < len(plan.segments) <= MAX_SEGMENTS
    assert plan.total <= MAX_TOTAL_SECONDS
    shown = run_captured(commands.show, str(path), False)
    assert_printable(shown)
    as_json = json.loads(run_captured(commands.show, str(path), True))
    assert len(as_json["segments"]) == len(plan.segments)
    SCHEMA.validate(yaml.safe_load(document.decode("utf-8")))
    for segment in plan.segments:
        for words in (describe.line, describe.brief, describe.detail, describe.spoken):
            assert_printable(words(segment))
    for line in step_lines(routine) + cautions(routine):
        assert_printable(line)
    for played in play_to_the_end(plan):
        cue = cue_for(played)
        assert_printable(cue.speech if cue else None)
        assert_printable(describe_event(played))


@pytest.fixture(scope="module")
def scratch(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzz") / "fuzzed.yaml"


@QUICK
@given(document=mutated_documents())
def test_mutated_bundled_routines_are_refused_or_play(document: bytes, scratch: Path) -> None:
    check(document, scratch)


@QUICK
@given(document=generated_documents())
def test_routines_generated_from_the_field_table_are_refused_or_play(
    document: bytes, scratch: Path
) -> None:
    check(document, scratch)


@pytest.mark.slow
@THOROUGH
@given(document=mutated_documents())
def test_two_thousand_mutated_routines(document: bytes, scratch: Path) -> None:
    check(document, scratch)


@pytest.mark.slow
@THOROUGH
@given(document=generated_documents())
def test_two_thousand_generated_routines(document: bytes, scratch: Path) -> None:
    check(document, scratch)


EXERCISE_SEEDS = [p.read_text(encoding="utf-8") for p in yaml_files(paths.BUNDLED_EXERCISES)]


def check_exercise_file(document: bytes, scratch: Path) -> None:
    """A mutated exercise file in the user's folder: the catalogue loads whatever it holds,
    says so calmly, and a routine of every exercise it accepted passes every check."""
    folder = Path(os.environ["BACKCOACH_HOME"]) / "exercises"
    folder.mkdir(parents=True, exist_ok=True)
    mine = folder / "mine.yaml"
    mine.write_bytes(document)
    catalogue = load_catalogue()
    (loaded,) = [f for f in catalogue.files if f.path == mine]
    assert_printable(loaded.note())
    for problem in catalogue.problems:
        assert "\n" not in str(problem)
        assert_printable(str(problem))
    if not loaded.used:
        event("no exercise accepted")
        return
    event("some exercises accepted")
    steps = "".join(f"  - exercise: {e}\n    duration: 5s\n" for e in loaded.used[:8])
    routine = f"title: Every exercise\nsteps:\n{steps}".encode()
    check(routine, scratch, count=lambda outcome: None, exercises=catalogue.exercises)


@QUICK
@given(document=mutated_documents(EXERCISE_SEEDS))
def test_mutated_exercise_files_load_with_problems_and_what_they_accept_plays(
    document: bytes, scratch: Path
) -> None:
    check_exercise_file(document, scratch)


@pytest.mark.slow
@settings(THOROUGH, max_examples=500)
@given(document=mutated_documents(EXERCISE_SEEDS))
def test_five_hundred_mutated_exercise_files(document: bytes, scratch: Path) -> None:
    check_exercise_file(document, scratch)


def test_the_generators_reach_both_outcomes(scratch: Path) -> None:
    """Guards the fuzzer itself: each kind of document is sometimes accepted, sometimes not."""
    outcomes: dict[str, set[bool]] = {"mutated": set(), "generated": set()}
    for kind, strategy in (("mutated", mutated_documents()), ("generated", generated_documents())):

        @QUICK
        @given(document=strategy)
        def sample(document: bytes) -> None:
            scratch.write_bytes(document)
            outcomes[kind].add(load_routine(scratch, EXERCISES).routine is not None)  # noqa: B023

        sample()
    assert outcomes == {"mutated": {True, False}, "generated": {True, False}}


@pytest.mark.parametrize(
    "path",
    yaml_files(paths.BUNDLED_ROUTINES) + yaml_files(CORPUS / "valid"),
    ids=lambda p: p.stem,
)
def test_every_bundled_and_tricky_valid_routine_passes_every_check(
    path: Path, scratch: Path
) -> None:
    document = path.read_bytes()
    assert load_routine(path, EXERCISES).routine is not None
    check(document, scratch, count=lambda outcome: None)
