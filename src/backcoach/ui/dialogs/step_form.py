"""The editor's dialogs: a routine's id and title, the exercise picker, the step form, and
the question before unsaved changes are left behind."""

from __future__ import annotations

import re
from pathlib import Path, PurePath

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from backcoach.core import paths
from backcoach.core.durations import DurationError, parse_duration, parse_load
from backcoach.core.fields import ID_MAX_LENGTH, ID_PATTERN, SIDE_WORDS
from backcoach.core.model import Exercise
from backcoach.core.routine_text import StepDraft
from backcoach.core.wording import stop_rule_lines
from backcoach.ui.guards import Dialog, PagedOptionList
from backcoach.ui.text import join, lines, one_line, plain

DIALOG_CSS: list[str | PurePath] = [
    Path(__file__).with_name("dialogs.tcss"),
    Path(__file__).with_name("step_form.tcss"),
]
_ID = re.compile(ID_PATTERN)


class NameRoutineScreen(Dialog[tuple[str, str] | None]):
    """The id (its file name) and title of a new routine or a copy."""

    CSS_PATH = DIALOG_CSS
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, routine_id: str, title: str) -> None:
        super().__init__()
        self.routine_id = routine_id
        self.routine_title = title

    def compose(self) -> ComposeResult:
        with Vertical(id="name-routine", classes="dialog form"):
            yield Static("Your routine's id and title", classes="dialog-title")
            with Horizontal(classes="field"):
                yield Label("Id ")
                yield Input(
                    self.routine_id, id="routine-id", placeholder="evening-stretch", compact=True
                )
            with Horizontal(classes="field"):
                yield Label("Title ")
                yield Input(self.routine_title, id="routine-title", compact=True)
            yield Static("", classes="form-error", markup=False)
            yield Static(
                "The id names the file: lowercase letters, digits and dashes. "
                "Enter: on to the editor · Esc: cancel",
                classes="dialog-hint",
                markup=False,
            )

    @on(Input.Submitted)
    def submit(self) -> None:
        routine_id = self.query_one("#routine-id", Input).value.strip()
        title = self.query_one("#routine-title", Input).value.strip()
        error = self.query_one(".form-error", Static)
        if not _ID.fullmatch(routine_id) or len(routine_id) > ID_MAX_LENGTH:
            error.update("The id needs lowercase letters, digits and dashes, such as my-stretches.")
        elif (paths.user_routines() / f"{routine_id}.yaml").exists():
            error.update(f"You already have a routine called {routine_id}; pick another id.")
        elif not title:
            error.update("Give it a title, such as Evening stretches.")
        else:
            self.dismiss((routine_id, title))

    def action_cancel(self) -> None:
        self.dismiss(None)


def exercise_details(exercise: Exercise) -> Content:
    rows = [join((one_line(exercise.name), "bold"), "  ", (one_line(exercise.id), "dim"))]
    if exercise.cues:
        rows += [Content(), *(plain(f"• {cue}") for cue in exercise.cues)]
    warnings = ([exercise.caution] if exercise.caution else []) + stop_rule_lines(exercise.stop_if)
    if warnings:
        rows += [Content(), *(plain(f"⚠ {warning}") for warning in warnings)]
    return lines(rows)


class ExercisePickerScreen(Dialog[StepDraft | None]):
    """Every exercise, filtered as you type, with its cues and caution; Enter picks one
    and asks for the step's amount."""

    CSS_PATH = DIALOG_CSS
    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("down", "move(1)", show=False, priority=True),
        Binding("up", "move(-1)", show=False, priority=True),
    ]

    def __init__(self, exercises: list[Exercise]) -> None:
        super().__init__()
        self.exercises = exercises

    def compose(self) -> ComposeResult:
        with Vertical(id="picker", classes="dialog"):
            yield Static("Insert a step: choose an exercise", classes="dialog-title")
            yield Input(placeholder="Type to filter: stretch, press-up, core…", id="pick-filter")
            with Horizontal(id="pick-body"):
                yield PagedOptionList(id="pick-list", markup=False)
                with VerticalScroll(id="pick-details-scroll"):
                    yield Static(id="pick-details", markup=False)
            yield Static("↑↓ choose · Enter: set its amount · Esc: cancel", classes="dialog-hint")

    def on_mount(self) -> None:
        self.fill("")
        self.query_one("#pick-filter", Input).focus()

    def matching(self, words: str) -> list[Exercise]:
        wanted = words.lower().split()
        return [
            e for e in self.exercises if all(word in f"{e.id} {e.name}".lower() for word in wanted)
        ]

    def fill(self, words: str) -> None:
        options = self.query_one("#pick-list", OptionList)
        options.clear_options()
        found = self.matching(words)
        options.add_options(
            [Option(join(one_line(e.name), "  ", (one_line(e.id), "dim")), id=e.id) for e in found]
        )
        options.highlighted = 0 if found else None
        self.show_details()

    @on(Input.Changed, "#pick-filter")
    def filter_changed(self, event: Input.Changed) -> None:
        self.fill(event.value)

    def chosen(self) -> Exercise | None:
        options = self.query_one("#pick-list", OptionList)
        if options.highlighted is None:
            return None
        option_id = options.get_option_at_index(options.highlighted).id
        return next((e for e in self.exercises if e.id == option_id), None)

    @on(OptionList.OptionHighlighted, "#pick-list")
    def show_details(self) -> None:
        exercise = self.chosen()
        details = exercise_details(exercise) if exercise else plain("No exercise matches.")
        self.query_one("#pick-details", Static).update(details)

    def action_move(self, delta: int) -> None:
        options = self.query_one("#pick-list", OptionList)
        if delta > 0:
            options.action_cursor_down()
        else:
            options.action_cursor_up()

    @on(Input.Submitted, "#pick-filter")
    @on(OptionList.OptionSelected, "#pick-list")
    def pick(self) -> None:
        exercise = self.chosen()
        if exercise is not None:
            self.app.push_screen(StepFormScreen(exercise), self.formed)

    def formed(self, draft: StepDraft | None) -> None:
        if draft is not None:  # Esc in the form comes back here, to choose another
            self.dismiss(draft)

    def action_cancel(self) -> None:
        self.dismiss(None)


FIELDS = (
    ("duration", "Duration", "30s, 1m30s: or reps"),
    ("reps", "Reps", "10: or a duration"),
    ("sets", "Sets", "1"),
    ("sides", "Sides", "both, left or right: or blank"),
    ("load", "Load", "20 kg, 45 lb, bodyweight: or blank"),
    ("rest", "Rest", "30s after each set: or blank"),
)


class StepFormScreen(Dialog[StepDraft | None]):
    """The step's amount (a duration or reps), sets, sides, load and rest."""

    CSS_PATH = DIALOG_CSS
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, exercise: Exercise) -> None:
        super().__init__()
        self.exercise = exercise

    def compose(self) -> ComposeResult:
        with Vertical(id="step-form", classes="dialog form"):
            yield Static(
                join("Insert ", (one_line(self.exercise.name), "bold")), classes="dialog-title"
            )
            for key, label, hint in FIELDS:
                with Horizontal(classes="field"):
                    yield Label(f"{label} ")
                    yield Input(placeholder=hint, id=f"step-{key}", compact=True)
            yield Static("", classes="form-error", markup=False)
            yield Static(
                "Tab: next field · Enter: insert the step · Esc: cancel", classes="dialog-hint"
            )

    def value(self, key: str) -> str:
        return self.query_one(f"#step-{key}", Input).value.strip()

    @on(Input.Submitted)
    def submit(self) -> None:
        problem = self.problem()
        if problem is not None:
            self.query_one(".form-error", Static).update(problem)
            return
        self.dismiss(
            StepDraft(
                self.exercise.id,
                **{key: self.value(key) for key, _, _ in FIELDS},
            )
        )

    def problem(self) -> str | None:
        """What is wrong with the form, said as how to fix it; None when it can go in."""
        duration, reps = self.value("duration"), self.value("reps")
        if bool(duration) == bool(reps):
            return "Give a duration (such as 30s) or reps (such as 10), not both."
        for key in ("duration", "rest"):
            if self.value(key):
                try:
                    seconds = parse_duration(self.value(key))
                except DurationError as error:
                    return f"{key.capitalize()}: {error}."
                if key == "duration" and seconds == 0:
                    return "Duration: give more than 0 seconds."
        for key, most in (("reps", 1000), ("sets", 100)):
            text = self.value(key)
            if text and (not text.isdigit() or not 1 <= int(text) <= most):
                return f"{key.capitalize()}: a whole number from 1 to {most}."
        if self.value("sides") and self.value("sides") not in SIDE_WORDS:
            return "Sides: both, left or right (or leave it blank)."
        if self.value("load"):
            try:
                parse_load(self.value("load"))
            except DurationError as error:
                return f"Load: {error}."
        return None

    def action_cancel(self) -> None:
        self.dismiss(None)


class ConfirmLeaveScreen(Dialog[str | None]):
    """Unsaved changes: save them, leave them behind, or stay."""

    CSS_PATH = DIALOG_CSS
    BINDINGS = [
        Binding("s", "answer('save')", "Save and leave", priority=True),
        Binding("d", "answer('discard')", "Leave without saving", priority=True),
        Binding("n,escape", "answer('stay')", "Stay"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-leave", classes="dialog"):
            yield Static("This routine has unsaved changes.", classes="dialog-title")
            yield Static(
                "s: save and leave · d: leave without saving · n or Esc: stay",
                classes="dialog-hint",
            )

    def action_answer(self, answer: str) -> None:
        self.dismiss(answer)
