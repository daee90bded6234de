"""What was done: sets, reps, loads and skips, and the time it took."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Static

from backcoach.core.durations import format_clock
from backcoach.core.session import Outcome
from backcoach.core.wording import finish_words
from backcoach.ui.messages import FinishClosed, QuitRequested
from backcoach.ui.text import join, lines, one_line, plain
from backcoach.ui.widgets.footer import KeysFooter
from backcoach.workout import Workout


class FinishScreen(Screen[None]):
    CSS_PATH = Path(__file__).with_name("finish.tcss")
    BINDINGS = [
        Binding("enter", "leave", "Done", priority=True),
        Binding("question_mark", "app.help", "Help"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(
        self, workout: Workout, completed: bool, compared: list[tuple[str, str]] | None = None
    ) -> None:
        super().__init__()
        self.workout = workout
        self.compared = compared or []
        """(exercise name, against last time) for each counted or loaded exercise done."""
        self.completed = completed
        self._left = False

    def compose(self) -> ComposeResult:
        routine = self.workout.plan.routine
        records = self.workout.records
        work = self.workout.plan.work_segments()
        done = sum(1 for r in records.values() if r.outcome is Outcome.DONE)
        first = finish_words(done, len(work), self.completed).heading
        elapsed = format_clock(self.workout.state().elapsed)
        practice = " · PRACTICE: kept, but not counted as last time or toward a target"
        yield Static(
            join(
                f"{first}  ",
                one_line(routine.title),
                f": {done} of {len(work)} sets in {elapsed}",
                practice if self.workout.practice else "",
            ),
            id="finish-title",
            markup=False,
        )
        yield DataTable(id="finish-table", cursor_type="row", zebra_stripes=True)
        if self.compared:
            yield Static(
                lines(
                    [
                        plain("Against last time", "bold"),
                        *(plain(f"{one_line(name)}: {text}") for name, text in self.compared),
                    ]
                ),
                id="finish-compared",
                markup=False,
            )
        yield Static(
            "How do you feel? If pain spread down a leg or anything felt wrong, press ? for when to get help.",
            id="finish-hint",
            markup=False,
        )
        yield KeysFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_columns("Exercise", "Side", "Set", "Done", "Reps", "Load", "Time")
        for segment in self.workout.plan.work_segments():
            record = self.workout.records.get(segment.position)
            if record is None:
                outcome, reps, load, seconds = "not reached", "", "", ""
            else:
                outcome = "✓" if record.outcome is Outcome.DONE else "skipped"
                reps = "" if record.reps is None else str(record.reps)
                load = str(record.load) if record.load else ""
                seconds = format_clock(record.seconds)
            # Cells as rich Text: a DataTable reads a plain str cell as markup.
            cells = (
                one_line(segment.name),
                segment.side or "",
                f"{segment.set_number}/{segment.set_count}",
                outcome,
                reps,
                one_line(load),
                seconds,
            )
            table.add_row(*(Text(cell) for cell in cells))
        table.focus()

    def action_leave(self) -> None:
        if not self._left:  # a second Enter queued behind the first has nothing to close
            self._left = True
            self.post_message(FinishClosed())

    def action_quit(self) -> None:
        self.post_message(QuitRequested())
