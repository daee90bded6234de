"""The history screen's dialogs: one session's sets (where a set is corrected), and a
session added that was done away from the app."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Input, Label, Select, Static

from backcoach.core.backcheck import describe
from backcoach.core.describe import reps_done
from backcoach.core.durations import Load, format_clock
from backcoach.core.lasttime import day_text
from backcoach.core.model import Routine
from backcoach.core.session import Outcome
from backcoach.store import CheckIn, SessionSummary, SetEntry, Status
from backcoach.ui.dialogs.modals import DIALOG_CSS, AdjustSetScreen
from backcoach.ui.guards import Dialog
from backcoach.ui.text import one_line, plain
from backcoach.ui.widgets.footer import KeysFooter

# The history screen's sheet, shared with its dialogs (they style its notes and tables).
HISTORY_CSS = Path(__file__).parents[1] / "screens" / "history.tcss"
SPREAD_MARK = "symptoms spread"
AT_FORMAT = "%Y-%m-%d %H:%M"

Correct = Callable[[int, "int | None", "Load | None"], "list[SetEntry] | None"]
"""Correct the set at a position (reps, load); the session's sets afterwards, or None
when the history could not be written."""


def when_text(moment: datetime, today: date) -> str:
    """'today 18:05', 'Tue 17 Nov 18:05': on the clock the session was played by."""
    return f"{day_text(moment.date(), today=today)} {moment:%H:%M}"


def set_row(entry: SetEntry) -> tuple[Text, ...]:
    reps = reps_done(entry.reps, entry.planned_reps, entry.planned_reps_top)
    return (
        Text(one_line(entry.exercise_name)),
        Text(entry.side or ""),
        Text(f"{entry.set_number}/{entry.set_count}"),
        Text(reps, justify="right"),
        Text(one_line(str(entry.load)) if entry.load else ""),
        Text(format_clock(entry.seconds), justify="right"),
        Text("done" if entry.outcome is Outcome.DONE else "skipped"),
    )


def checkin_line(checkin: CheckIn, today: date) -> str:
    """'Check-in after (today 18:40): back 2, leg 1, reaching the buttock'."""
    phase = "" if checkin.phase is None else f" {checkin.phase.value}"
    return f"Check-in{phase} ({when_text(checkin.taken_at, today)}): {describe(checkin.reading)}"


class SessionSets(Dialog[bool]):
    """Every set of one session, as it was done; `e` corrects the highlighted set (when
    `correct` is given). Dismissed with whether anything was changed."""

    CSS_PATH = [DIALOG_CSS, HISTORY_CSS]
    BINDINGS = [
        Binding("escape,q,enter", "close", "Close", priority=True),
        Binding("e", "correct", "Correct the set"),
    ]

    def __init__(
        self,
        session: SessionSummary,
        sets: list[SetEntry],
        today: date,
        checkins: Iterable[CheckIn] = (),
        spread: bool = False,
        correct: Correct | None = None,
    ) -> None:
        super().__init__()
        self.session = session
        self.sets = sets
        self.today = today
        self.checkins = list(checkins)
        self.spread = spread
        self.correct = correct
        self.changed = False

    def compose(self) -> ComposeResult:
        session = self.session
        duration = session.duration
        about = [when_text(session.started_at, self.today)]
        if duration is not None:
            about.append(format_clock(duration.total_seconds()))
        about.append(f"{session.sets_done} done, {session.sets_skipped} skipped")
        if session.marks:
            about.append(session.marks)
        if self.spread:
            about.append(SPREAD_MARK)
        with Vertical(id="session-sets", classes="dialog"):
            yield Static(plain(one_line(session.title)), classes="dialog-title")
            yield Static(plain(" · ".join(about)))
            if self.sets:
                yield DataTable(id="sets", cursor_type="row", zebra_stripes=True)
            else:
                yield Static("No set was recorded in this session.", markup=False)
            if session.status is Status.STOPPED:
                yield Static("Stopped early: the sets after these were not reached.", markup=False)
            if self.checkins:
                yield Static(
                    plain("\n".join(checkin_line(c, self.today) for c in self.checkins)),
                    id="session-checkins",
                )
            hint = "e: correct the highlighted set · " if self.correct and self.sets else ""
            yield Static(f"{hint}Esc, q or Enter closes", classes="dialog-hint")
        yield KeysFooter()  # its own keys, not those of the history underneath

    def on_mount(self) -> None:
        if not self.sets:
            return
        table = self.query_one("#sets", DataTable)
        table.add_columns("Exercise", "Side", "Set", "Reps", "Load", "Time", "Outcome")
        self.fill()
        table.focus()

    def fill(self) -> None:
        table = self.query_one("#sets", DataTable)
        row = table.cursor_row
        table.clear()
        for entry in self.sets:
            table.add_row(*set_row(entry))
        table.move_cursor(row=row)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "correct":
            return self.correct is not None and bool(self.sets)
        return True

    def action_correct(self) -> None:
        correct = self.correct
        if correct is None or not self.sets:
            return
        index = self.query_one("#sets", DataTable).cursor_row
        entry = self.sets[min(max(index, 0), len(self.sets) - 1)]
        if entry.planned_reps is None and entry.load is None:
            self.notify("A timed set has no reps or load to correct.", timeout=3)
            return
        where = [entry.exercise_name] + ([f"{entry.side} side"] if entry.side else [])
        title = f"{', '.join(where)}, set {entry.set_number} of {entry.set_count}"

        def corrected(result: tuple[int, Load | None] | None) -> None:
            if result is None:
                return
            reps, load = result
            reps_given = None if entry.planned_reps is None else reps  # a timed set: its load
            updated = correct(entry.position, reps_given, load)
            if updated is None:
                self.notify("The history could not be written; nothing was changed.", timeout=5)
                return
            self.sets = updated
            self.changed = True
            self.fill()
            self.notify("Corrected: the targets, charts and next load follow.", timeout=3)

        reps = entry.reps if entry.reps is not None else entry.planned_reps
        self.app.push_screen(AdjustSetScreen(title, reps, entry.load), corrected)

    def action_close(self) -> None:
        self.dismiss(self.changed)


class AddSessionScreen(Dialog["tuple[Routine, datetime] | None"]):
    """A session done away from the app: which routine, and when it began. Its sets are
    kept as planned; `e` on it afterwards corrects one."""

    CSS_PATH = [DIALOG_CSS, HISTORY_CSS]
    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, routines: Sequence[Routine], now: datetime) -> None:
        super().__init__()
        self.routines = list(routines)
        self.now = now

    def compose(self) -> ComposeResult:
        with Vertical(id="add-session", classes="dialog"):
            yield Static("Add a session done away from the app", classes="dialog-title")
            choices = [(plain(one_line(r.title)), index) for index, r in enumerate(self.routines)]
            yield Select(choices, allow_blank=False, id="add-routine")
            with Horizontal(classes="field"):
                yield Label("Began ")
                yield Input(f"{self.now:{AT_FORMAT}}", id="add-at", placeholder="YYYY-MM-DD HH:MM")
            yield Static("", id="add-error")
            yield Static(
                "Every set is kept as planned · Enter in the time adds it · Esc: cancel",
                classes="dialog-hint",
                markup=False,
            )
        yield KeysFooter()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        error = self.query_one("#add-error", Static)
        try:
            at = datetime.strptime(event.value.strip(), AT_FORMAT).astimezone()
        except ValueError:
            error.update("Give the time like 2026-11-17 18:05.")
            return
        if at > self.now:
            error.update("That is in the future: give when you did it.")
            return
        index = self.query_one("#add-routine", Select).value
        if not isinstance(index, int):
            error.update("Choose the routine first.")
            return
        self.dismiss((self.routines[index], at))

    def action_cancel(self) -> None:
        self.dismiss(None)
