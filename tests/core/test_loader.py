from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from backcoach.core import paths, yamltree
from backcoach.core.durations import Load
from backcoach.core.library import yaml_files
from backcoach.core.loader import load_exercises, load_routine, routine_from_tree
from backcoach.core.model import ExerciseStep, RestStep
from backcoach.core.plan import MAX_SEGMENTS, build_plan
from backcoach.core.problems import ProblemList
from backcoach.core.yamltree import MAX_FILE_BYTES


def test_a_full_routine_loads_with_defaults_applied(write_routine, exercises):
    path = write_routine(
        """
title: Evening
summary: After runs.
tags: [stretch, after-run]
defaults: {prep: 5s, rest: 15s, countdown: 3, switch: 5s}
steps:
  - exercise: supine-piriformis-stretch
    duration: 30s
    sides: both
    sets: 2
  - exercise: prone-press-up
    reps: 10
    tempo: 3s
  - exercise: stiff-legged-deadlift
    sets: 3
    reps: 10
    load: 20 kg
    rest: 90s
  - rest: 1m
  - name: Foam roll the glutes
    duration: 1m
    cues: [Roll slowly, Pause on tender spots]
""",
        name="evening.yaml",
    )
    loaded = load_routine(path, exercises)
    assert not loaded.problems.items, [str(p) for p in loaded.problems.items]
    routine = loaded.routine
    assert routine.id == "evening"
    assert routine.tags == ("stretch", "after-run")
    stretch, press, deadlift, pause, roll = routine.steps
    assert stretch.sides == ("left", "right") and stretch.rest == 15 and stretch.prep == 5
    assert press.tempo == 3 and not press.waits_for_user
    assert deadlift.load == Load(20.0, "kg") and deadlift.rest == 90 and deadlift.waits_for_user
    assert isinstance(pause, RestStep) and pause.seconds == 60
    assert isinstance(roll, ExerciseStep) and roll.exercise.source == "inline"
    assert roll.exercise.cues == ("Roll slowly", "Pause on tender spots")


def test_sides_can_repeat_the_sore_side(write_routine, exercises):
    path = write_routine(
        "title: T\nsteps:\n  - exercise: supine-piriformis-stretch\n"
        "    duration: 30s\n    sides: [right, left, right]\n"
    )
    assert load_routine(path, exercises).routine.steps[0].sides == ("right", "left", "right")


@pytest.mark.parametrize(
    ("text", "seconds"),
    [("45s", 45), ("1m30s", 90), ("5m", 300), ("90", 90), ("1h", 3600), ('"2m 5s"', 125)],
)
def test_durations_in_every_written_form(write_routine, exercises, text, seconds):
    path = write_routine(f"title: T\nsteps:\n  - exercise: brisk-walk\n    duration: {text}\n")
    assert load_routine(path, exercises).routine.steps[0].duration == seconds


def test_all_problems_in_a_file_are_reported_at_once(write_routine, exercises):
    path = write_routine(
        "title: T\nsteps:\n  - exercise: nope\n    reps: 0\n  - exercise: brisk-walk\n    duration: 1:30\n"
    )
    problems = load_routine(path, exercises).problems.errors
    assert [(p.line, p.column) for p in problems] == [(3, 15), (4, 11), (6, 15)]


def test_missing_file_is_a_problem_not_a_crash(tmp_path, exercises):
    loaded = load_routine(tmp_path / "nope.yaml", exercises)
    assert "no such file" in loaded.problems.errors[0].message


def test_file_over_one_mebibyte_is_refused_unread(write_routine, exercises):
    path = write_routine("title: T\n" + "#" * (MAX_FILE_BYTES + 1))
    assert "limited to 1 MiB" in load_routine(path, exercises).problems.errors[0].message


def test_a_billion_laughs_is_refused_at_the_first_anchor(write_routine, exercises):
    lines = ["a0: &a0 [lol, lol]"] + [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}]" for i in range(1, 30)]
    path = write_routine("\n".join(lines) + "\n")
    problem = load_routine(path, exercises).problems.errors[0]
    assert (problem.line, "anchor '&a0'") == (1, problem.message[: len("anchor '&a0'")])


@pytest.mark.parametrize("depth", [25, 2_000, 50_000])
def test_very_deep_nesting_is_refused_at_the_first_level_too_deep(write_routine, exercises, depth):
    """One message at the 20th bracket, whether or not the YAML library refuses deep
    nesting itself first (libyaml 0.2.6 does, past 1,000 levels, in its own words)."""
    path = write_routine("title: " + "[" * depth + "]" * depth + "\n")
    [problem] = load_routine(path, exercises).problems.errors
    assert (problem.line, problem.column) == (1, len("title: ") + 20)
    assert problem.message == (
        "nesting is deeper than 20 levels; no backcoach file needs that many, so flatten it"
    )


def test_a_parser_that_refuses_nesting_itself_gets_backcoachs_message(monkeypatch):
    """Should every parser one day refuse deep nesting in its own words, the user still
    reads backcoach's message, at the place the parser stopped."""

    class RefusingParser:
        def __init__(self, text: str) -> None:
            mark = yaml.Mark("<unicode string>", 0, 0, 1007, None, None)
            raise yaml.scanner.ScannerError(
                "while increasing flow level", mark, "exceeded maximum nesting depth", mark
            )

    monkeypatch.setattr(yamltree, "_Parser", RefusingParser)
    monkeypatch.setattr(yamltree, "_PurePythonParser", RefusingParser)
    problems = ProblemList("deep.yaml")
    assert yamltree.parse("title: [[[]]]\n", problems) is None
    assert [str(p) for p in problems.errors] == [
        "deep.yaml:1:1008: nesting is deeper than 20 levels; no backcoach file needs that many, "
        "so flatten it"
    ]


def test_inline_exercise_with_quoted_yaml_words_is_fine(write_routine, exercises):
    path = write_routine('title: "no"\nsteps:\n  - name: "yes"\n    duration: 30s\n')
    routine = load_routine(path, exercises).routine
    assert routine.title == "no" and routine.steps[0].exercise.name == "yes"


# -- what validates must play -------------------------------------------------------------

STEP = "  - exercise: brisk-walk\n    duration: 30s\n"


def errors_of(write_routine, exercises, text: str) -> list:
    loaded = load_routine(write_routine(text), exercises)
    assert loaded.routine is None
    return loaded.problems.errors


@pytest.mark.parametrize(
    "value", ["1.0e+400", "-1.0e+400", ".inf", ".nan", "99999999999999999999.5"]
)
def test_a_float_duration_of_any_size_is_a_problem_not_an_overflow(write_routine, exercises, value):
    (problem,) = errors_of(
        write_routine,
        exercises,
        f"title: T\nsteps:\n  - exercise: brisk-walk\n    duration: {value}\n",
    )
    assert (problem.line, problem.column) == (4, 15)
    assert "whole seconds" in problem.message


def test_a_float_duration_gets_the_nearest_whole_seconds_as_its_fix(write_routine, exercises):
    (problem,) = errors_of(
        write_routine, exercises, "title: T\nsteps:\n  - exercise: brisk-walk\n    duration: 29.7\n"
    )
    assert "write 30s instead of 29.7" in problem.message


@pytest.mark.parametrize("rule", ['"..."', '"—"', '"!?"', '" . "', '"\\u200b"'])
def test_a_stop_rule_that_would_read_as_nothing_is_refused(write_routine, exercises, rule):
    text = f"title: T\nsteps:\n  - name: Wall sit\n    duration: 30s\n    stop_if: [{rule}]\n"
    (problem,) = errors_of(write_routine, exercises, text)
    assert problem.line == 5 and "'stop_if'" in problem.message


def test_a_routine_of_only_rests_is_refused_at_its_steps_line(write_routine, exercises):
    text = "title: T\nsteps:\n  - rest: 30s\n  - rest: 1m\n"
    (problem,) = errors_of(write_routine, exercises, text)
    assert (problem.line, problem.column) == (2, 1)
    assert "only rests" in problem.message and "add at least one exercise" in problem.message


@pytest.mark.parametrize(
    "data",
    [
        b"\xef\xbb\xbf\xef\xbb\xbf",
        b"# a comment\n\xef\xbb\xbf",
        b"\xef\xbb\xbf\xef\xbb\xbftitle: T\nsteps:\n  - exercise: brisk-walk\n    duration: 30s\n",
        b"title: T\n\xef\xbb\xbfsteps:\n  - exercise: brisk-walk\n    duration: 30s\n",
    ],
    ids=["two-boms", "comment-then-bom", "two-boms-then-routine", "bom-mid-file"],
)
def test_a_bom_anywhere_but_the_start_is_a_problem(tmp_path, exercises, data):
    path = tmp_path / "bom.yaml"
    path.write_bytes(data)
    loaded = load_routine(path, exercises)
    assert loaded.routine is None
    (problem,) = loaded.problems.errors
    assert "byte-order mark" in problem.message


def test_one_leading_bom_is_fine(tmp_path, exercises):
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbftitle: T\nsteps:\n" + STEP.encode())
    assert load_routine(path, exercises).routine is not None


@pytest.mark.parametrize("text", ["\ufeff", "...\n", "# only\n# comments\n", "\n\n", "---\n...\n"])
def test_parse_never_returns_nothing_without_an_error(text):
    problems = ProblemList("x.yaml")
    root = yamltree.parse(text, problems)
    assert root is not None or problems.errors


def test_the_loader_never_returns_no_routine_and_no_error(exercises):
    problems = ProblemList("x.yaml")
    loaded = routine_from_tree(None, Path("x.yaml"), exercises, "user", problems)
    assert loaded.routine is None and loaded.problems.errors


def test_an_empty_step_is_refused_not_dropped(write_routine, exercises):
    (problem,) = errors_of(write_routine, exercises, "title: T\nsteps:\n" + STEP + "  - {}\n")
    assert (problem.line, problem.column) == (5, 5) and "this step is empty" in problem.message


def test_a_plan_past_the_segment_cap_is_refused_at_the_step_before_it_is_expanded(
    write_routine, exercises
):
    sides = ", ".join(["left"] * 150_000)
    text = (
        "title: Huge\nsteps:\n"
        + STEP
        + f"  - exercise: brisk-walk\n    duration: 1s\n    sets: 100\n    sides: [{sides}]\n"
    )
    assert len(text.encode()) < yamltree.MAX_FILE_BYTES
    (problem,) = errors_of(write_routine, exercises, text)
    assert (problem.line, problem.column) == (5, 5)
    assert f"at most {MAX_SEGMENTS:,}" in problem.message


def test_a_routine_past_twelve_hours_is_refused_at_the_step_that_crosses(write_routine, exercises):
    three_hours = "  - exercise: brisk-walk\n    duration: 3h\n"
    text = "title: Long\nsteps:\n" + three_hours * 4 + "  - rest: 1s\n" + STEP
    (problem,) = errors_of(write_routine, exercises, text)
    assert problem.line == 11 and "at most 12 hours" in problem.message
    allowed = "title: Long\nsteps:\n" + three_hours * 4
    assert build_plan(load_routine(write_routine(allowed), exercises).routine).total == 12 * 3600


# -- control characters and quoting --------------------------------------------------------

TEXT_FIELDS = {
    "title": "title: {v}\nsteps:\n  - name: N\n    duration: 30s\n",
    "summary": "title: T\nsummary: {v}\nsteps:\n  - name: N\n    duration: 30s\n",
    "tags": "title: T\ntags: [ok, {v}]\nsteps:\n  - name: N\n    duration: 30s\n",
    "name": "title: T\nsteps:\n  - name: {v}\n    duration: 30s\n",
    "cues": "title: T\nsteps:\n  - name: N\n    duration: 30s\n    cues: [{v}]\n",
    "caution": "title: T\nsteps:\n  - name: N\n    duration: 30s\n    caution: {v}\n",
    "stop_if": "title: T\nsteps:\n  - name: N\n    duration: 30s\n    stop_if: [{v}]\n",
    "picture": "title: T\nsteps:\n  - name: N\n    duration: 30s\n    picture: {v}\n",
}
CONTROLS = {
    "escape": ('"Red\\e[31m"', "\\x1b"),
    "bell": ('"Ding\\a"', "\\x07"),
    "carriage return": ('"Over\\rwrite"', "\\r"),
    "tab": ('"a\\tb"', "\\t"),
    "null": ('"a\\0b"', "\\x00"),
    "C1 CSI": ('"a\\x9bb"', "\\x9b"),
    "next line": ('"a\\Nb"', "\\x85"),
    "line separator": ('"a\\Lb"', "\\u2028"),
    "direction override": ('"abc\\u202edef"', "\\u202e"),
}


@pytest.mark.parametrize("field", TEXT_FIELDS)
@pytest.mark.parametrize("control", CONTROLS)
def test_control_characters_are_refused_in_every_text(write_routine, exercises, field, control):
    value, shown = CONTROLS[control]
    text = TEXT_FIELDS[field].format(v=value)
    (problem,) = errors_of(write_routine, exercises, text)
    value_line = next(n for n, line in enumerate(text.splitlines(), 1) if value in line)
    assert problem.line == value_line
    assert f"'{field}'" in problem.message and shown in problem.message
    assert str(problem).isprintable()


def test_a_line_break_is_refused_outside_a_picture_and_kept_inside_one(write_routine, exercises):
    (problem,) = errors_of(write_routine, exercises, TEXT_FIELDS["caution"].format(v='"a\\nb"'))
    assert "line break" in problem.message
    picture = TEXT_FIELDS["picture"].format(v='"  o\\n /|\\\\\\n / \\\\"')
    routine = load_routine(write_routine(picture), exercises).routine
    assert routine.steps[0].exercise.picture == "  o\n /|\\\n / \\"


def test_an_exercise_file_refuses_control_characters_too(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text('exercises:\n  - id: wall-sit\n    name: "Wall\\e[2J sit"\n')
    loaded = load_exercises(path, "user")
    (problem,) = loaded.problems.errors
    assert problem.line == 3 and "\\x1b" in problem.message and not loaded.exercises


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        ('title: T\n"\\e[31mred": 1\nsteps:\n' + STEP, "unknown key '\\x1b[31mred'"),
        ('title: T\nsteps:\n  - exercise: "x\\ey"\n    duration: 30s\n', "'x\\x1by' is not an id"),
        (
            'title: T\nsteps:\n  - exercise: brisk-walk\n    duration: "\\e[2J"\n',
            "'\\x1b[2J' is not a duration",
        ),
        ('title: T\nsteps:\n  - exercise: brisk-walk\n    reps: "\\a"\n', "not '\\x07'"),
        (
            'title: T\nsteps:\n  - exercise: brisk-walk\n    duration: 3s\n    sides: "\\e"\n',
            "unknown side '\\x1b'",
        ),
        (
            'title: T\nsteps:\n  - exercise: brisk-walk\n    duration: 3s\n    sides: ["\\e"]\n',
            "unknown side '\\x1b'",
        ),
        (
            'title: T\nsteps:\n  - exercise: brisk-walk\n    reps: 3\n    load: "\\e kg"\n',
            "'\\x1b kg' is not a load",
        ),
        ('title: T\n"\\e": 1\n"\\e": 2\nsteps:\n' + STEP, "'\\x1b' is given twice"),
        ('title: T\nsteps: "\\e"\n', "not text '\\x1b'"),
    ],
)
def test_messages_quote_the_users_text_through_visible(write_routine, exercises, text, fragment):
    messages = [str(p) for p in load_routine(write_routine(text), exercises).problems.errors]
    assert any(fragment in m for m in messages), messages
    assert all(m.isprintable() for m in messages)


def test_a_long_value_is_quoted_cut_short(write_routine, exercises):
    (problem,) = errors_of(
        write_routine,
        exercises,
        f"title: T\nsteps:\n  - exercise: brisk-walk\n    duration: {'x' * 5000}\n",
    )
    assert len(problem.message) < 200 and "…" in problem.message


# -- YAML that other YAML readers would read otherwise ------------------------------------


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        ("2001-01-01", "reads as a date"),
        ("=", "special YAML value"),
        ("<<", "merge key"),
        ("0x_", "a number it cannot build"),
        ("9" * 5000, "a number it cannot build"),
        ("!!binary aGk=", "the YAML tag"),
        ("!thing x", "the YAML tag"),
        ("!!str yes", None),
    ],
)
def test_text_that_yaml_reads_as_something_else_must_be_quoted(
    write_routine, exercises, value, fragment
):
    loaded = load_routine(write_routine(f"title: {value}\nsteps:\n" + STEP), exercises)
    if fragment is None:
        assert loaded.routine.title == "yes"
    else:
        assert any(fragment in p.message for p in loaded.problems.errors), loaded.problems.errors


def test_tagged_collections_are_refused(write_routine, exercises):
    problems = errors_of(write_routine, exercises, "title: T\ntags: !!set {a, b}\nsteps:\n" + STEP)
    assert any(p.line == 2 and "YAML tag '!!set'" in p.message for p in problems)


@pytest.mark.parametrize("value", ["010", "-010", "0010"])
def test_a_number_with_a_leading_zero_is_refused_as_yaml_reads_it_as_octal(
    write_routine, exercises, value
):
    text = f"title: T\nsteps:\n  - exercise: brisk-walk\n    reps: {value}\n"
    (problem,) = errors_of(write_routine, exercises, text)
    assert "octal" in problem.message


@pytest.mark.parametrize("key", ["reps", "sets", "duration", "countdown"])
def test_a_five_thousand_digit_number_is_a_problem_not_a_value_error(write_routine, exercises, key):
    amount = "" if key in ("reps", "duration") else "reps: 5\n    "
    text = f"title: T\nsteps:\n  - exercise: brisk-walk\n    {amount}{key}: {'9' * 5000}\n"
    problems = errors_of(write_routine, exercises, text)
    assert any("check the number" in p.message for p in problems), problems


def test_a_five_thousand_digit_duration_text_is_a_problem(write_routine, exercises):
    text = f"title: T\nsteps:\n  - exercise: brisk-walk\n    duration: {'9' * 5000}s\n"
    (problem,) = errors_of(write_routine, exercises, text)
    assert "check the number" in problem.message


def test_a_base_sixty_duration_of_five_thousand_digits_gets_a_hint_not_a_crash(
    write_routine, exercises
):
    text = f"title: T\nsteps:\n  - exercise: brisk-walk\n    duration: {'9' * 5000}:30\n"
    (problem,) = errors_of(write_routine, exercises, text)
    assert "base-60" in problem.message


def test_a_load_too_big_to_be_real_is_refused(write_routine, exercises):
    for amount in ("1001", "9" * 400):
        text = f"title: T\nsteps:\n  - exercise: brisk-walk\n    reps: 5\n    load: {amount} kg\n"
        (problem,) = errors_of(write_routine, exercises, text)
        assert "check the number" in problem.message


def test_sides_must_be_written_exactly_as_the_schema_says(write_routine, exercises):
    text = 'title: T\nsteps:\n  - exercise: brisk-walk\n    duration: 3s\n    sides: " both"\n'
    (problem,) = errors_of(write_routine, exercises, text)
    assert "unknown side ' both'" in problem.message


@pytest.mark.parametrize(
    "spaces", [" " * 20_000 + "x", "1h" + " " * 20_000 + "x", "1h1m" + " " * 20_000 + "1"]
)
def test_a_duration_of_many_spaces_is_refused(write_routine, exercises, spaces):
    """The old pattern took hours on these (several runs of spaces to share out)."""
    text = f'title: T\nsteps:\n  - exercise: brisk-walk\n    duration: "{spaces}"\n'
    (problem,) = errors_of(write_routine, exercises, text)
    assert "is not a duration" in problem.message


def test_windows_line_endings_load_the_same_routine(tmp_path, exercises):
    for source in yaml_files(paths.BUNDLED_ROUTINES):
        crlf = tmp_path / source.name
        crlf.write_bytes(source.read_bytes().replace(b"\n", b"\r\n"))
        loaded = load_routine(crlf, exercises)
        assert not loaded.problems.items
        assert loaded.routine.steps == load_routine(source, exercises, "user").routine.steps


def test_a_weekly_target_and_a_gap_are_read(write_routine, exercises):
    path = write_routine(
        "title: Strength\ntarget: 2 per week\napart: 1 day\n"
        "steps:\n  - exercise: prone-press-up\n    reps: 10\n"
    )
    routine = load_routine(path, exercises).routine
    assert (routine.target, routine.apart) == (2, 1)


@pytest.mark.parametrize(
    ("line", "fragment"),
    [
        ("target: twice", "'twice' is not a target; write how often per week, like 2 per week"),
        ("target: 20 per week", "is out of range"),
        ("apart: 9 days", "is out of range"),
        ("apart: 1", "is not a gap between sessions"),
    ],
)
def test_a_bad_target_or_gap_says_how_to_write_it(line, fragment, write_routine, exercises):
    path = write_routine(f"title: T\n{line}\nsteps:\n  - exercise: prone-press-up\n    reps: 5\n")
    (problem,) = load_routine(path, exercises).problems.errors
    assert (problem.line, problem.column) == (2, len(line.split(":")[0]) + 3)
    assert fragment in problem.message
