"""Your history: the last 12 weeks as a calendar, this week's targets and streaks, every
session newest first (Enter shows its sets), and load and reps over time per exercise.

Everything is read once, when the screen opens: each read goes through an index, and a
history that is off or empty reads as nothing, never as an error. textual-plotext is
imported when the screen is composed, never at app start (the library's first frame does
not wait for it). Charts and calendars are drawn from plain values built here; user text
(titles, exercise names) reaches Textual only as Content or rich Text, never as markup.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Select, Static

from backcoach.core.activity import Activity
from backcoach.core.durations import Load, format_clock
from backcoach.core.library import Library
from backcoach.core.model import Routine
from backcoach.core.plan import build_plan
from backcoach.core.settings import Settings
from backcoach.core.weekly import WeeklyError, parse_weekday, week_start
from backcoach.progress import loads_now, weekly_status
from backcoach.store import History, SessionDump, SessionId, SessionSummary, SetEntry
from backcoach.store.corrections import delete_and_keep
from backcoach.ui.dialogs.history_dialogs import (
    HISTORY_CSS,
    SPREAD_MARK,
    AddSessionScreen,
    SessionSets,
    when_text,
)
from backcoach.ui.dialogs.modals import YesNoScreen
from backcoach.ui.messages import HistoryClosed
from backcoach.ui.text import one_line, plain
from backcoach.ui.widgets.calendar import (
    CALENDAR_ROWS,
    WEEKS,
    calendar,
    calendar_days,
    targets_text,
)
from backcoach.ui.widgets.charts import (
    LOAD_KEY,
    LOAD_NAME,
    PAIN_KEY,
    PAIN_NAME,
    ExerciseSeries,
    LoadWeek,
    PainPoint,
    draw,
    draw_load,
    draw_pain,
    exercise_series,
    load_weeks,
    pain_points,
)

if TYPE_CHECKING:
    from textual_plotext import PlotextPlot

SHOWN = 200
"""Sessions the table lists, newest first; older ones are in `backcoach history --csv`."""
CHART_DAYS = 366
"""How far back the charts reach."""
TITLE_WIDTH = 24
"""Longer routine titles are cut (with …) so that each session stays one row."""
WIDE = (120, 34)
"""From this size (columns, rows) up, the sessions and the chart sit side by side."""
EMPTY = "No sessions yet: each routine you play is kept here."
NO_NUMBERS = "No numbers yet: the loads and reps of the exercises you do are charted here."
NUMBERS_NOTE = "Each session's heaviest load and most reps in a set; practice runs left out."
LOAD_NOTE = (
    "Each week, Monday to Sunday: the km you ran and rode above, the mean of that week's "
    "check-ins below. Pain that follows running often shows the next morning."
)
PAIN_NOTE = (
    "Every check-in; each upright line is a session, F one in flare-up mode "
    "(practice runs left out)."
)


# -- reading ----------------------------------------------------------------


def targeted_routines(library: Library) -> list[Routine]:
    """The routines in use (a user's copy wins over the bundled one), by id."""
    found = [library.find(routine_id) for routine_id in library.ids]
    return [entry.routine for entry in found if entry is not None and entry.routine is not None]


# -- sessions and sets ---------------------------------------------------------


def cut(text: str, width: int = TITLE_WIDTH) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def session_row(session: SessionSummary, today: date, spread: bool = False) -> tuple[Text, ...]:
    # Cells as rich Text: a DataTable reads a plain str cell as markup.
    duration = session.duration
    marks = ", ".join(filter(None, (session.marks, SPREAD_MARK if spread else "")))
    return (
        Text(when_text(session.started_at, today)),
        Text(cut(one_line(session.title))),
        Text("-" if duration is None else format_clock(duration.total_seconds()), justify="right"),
        Text(str(session.sets_done), justify="right"),
        Text(str(session.sets_skipped), justify="right"),
        Text(marks, style="italic"),
    )


# -- the screen ----------------------------------------------------------------


class ExerciseSelect(Select[str]):
    """The chart's exercise: Enter opens the list; ← and → step through it in place."""

    BINDINGS = [
        Binding("left", "step(-1)", "Previous", key_display="←"),
        Binding("right", "step(1)", "Next exercise", key_display="→"),
    ]

    def __init__(
        self, series: list[ExerciseSeries], pain: bool = False, load: bool = False
    ) -> None:
        choices = [(plain(item.name), item.key) for item in series]
        if load:  # runs and rides against the back, after the back itself
            choices.insert(0, (plain(LOAD_NAME), LOAD_KEY))
        if pain:  # the check-ins first: how the back is taking it all
            choices.insert(0, (plain(PAIN_NAME), PAIN_KEY))
        super().__init__(choices, allow_blank=False, id="exercise")
        self.keys = [key for _, key in choices]

    def action_step(self, step: int) -> None:
        index = self.keys.index(self.value) if self.value in self.keys else 0
        self.value = self.keys[(index + step) % len(self.keys)]


class HistoryScreen(Screen[None]):
    CSS_PATH = HISTORY_CSS
    AUTO_FOCUS = ""  # on_mount focuses the sessions, without scrolling the calendar out of view
    BINDINGS = [
        Binding("escape,q", "close", "Back"),
        Binding("c", "chart", "Chart"),
        Binding("s", "sessions", "Sessions"),
        Binding("d", "delete", "Delete"),
        Binding("u", "undo", "Undo delete"),
        Binding("a", "add", "Add"),
        Binding("question_mark", "app.help", "Help"),
    ]

    def __init__(self, history: History, library: Library, settings: Settings, now: datetime):
        super().__init__()
        self.history = history
        self.library = library
        self.now = now
        self.today = now.date()
        try:
            self.week_starts = parse_weekday(settings.week_starts)
        except WeeklyError:
            self.week_starts = 0
        self.sessions: list[SessionSummary] = []
        self.series: list[ExerciseSeries] = []
        self.pain: list[PainPoint] = []
        self.moved: list[Activity] = []
        self.load: list[LoadWeek] = []
        self.spread: set[SessionId] = set()
        self._leaving = False
        self._deleted: list[SessionDump] = []
        """Sessions deleted while the screen is open, the last first to come back (u)."""

    # -- reading ---------------------------------------------------------------

    def read(self) -> None:
        history = self.history
        self.sessions = history.recent_sessions(SHOWN + 1)
        self.series = exercise_series(
            history.exercise_days(self.today - timedelta(days=CHART_DAYS))
        )
        since = self.today - timedelta(days=CHART_DAYS)
        checks = history.checkins(since=since)
        self.pain = pain_points(checks)
        self.moved = [kept.activity for kept in history.activities.listed(since=since)]
        self.load = (
            load_weeks(self.moved, checks, self.today, CHART_DAYS // 7) if self.moved else []
        )
        self.spread = history.spread_sessions(s.id for s in self.sessions[:SHOWN])

    def compose(self) -> ComposeResult:
        self.read()
        first = week_start(self.now, self.week_starts) - timedelta(weeks=WEEKS - 1)
        in_calendar = self.history.sessions_between(first, self.today, include_practice=True)
        weeks = weekly_status(
            self.history, targeted_routines(self.library), self.now, self.week_starts
        )
        yield Static(
            "backcoach · history · Enter: a session's sets (e corrects one) · d: delete · "
            "a: add · c: chart · Esc: back",
            id="history-title",
            markup=False,
        )
        with VerticalScroll(id="history-body", can_focus=False):
            with Horizontal(id="history-top"):
                days = calendar_days(in_calendar, self.today, self.moved)
                yield Static(calendar(days, self.now, self.week_starts), id="calendar")
                with VerticalScroll(id="targets-scroll", can_focus=False):
                    yield Static(targets_text(list(weeks.values())), id="targets")
            with Horizontal(id="history-bottom"):
                with Vertical(id="sessions-pane"):
                    yield from self.compose_sessions()
                with Vertical(id="chart-pane"):
                    yield from self.compose_chart()
        yield Footer()

    def compose_sessions(self) -> ComposeResult:
        if not self.sessions:
            notice = self.history.notice
            text = EMPTY if notice is None else f"{EMPTY}\n\n{one_line(notice)}"
            yield Static(text, id="no-sessions", markup=False)
            return
        yield DataTable(id="sessions", cursor_type="row", zebra_stripes=True)
        if len(self.sessions) > SHOWN:
            yield Static(
                f"The latest {SHOWN} are shown; backcoach history --csv has every one.",
                classes="note",
                markup=False,
            )

    def compose_chart(self) -> ComposeResult:
        if not self.series and not self.pain and not self.load:
            yield Static(NO_NUMBERS, id="no-numbers", markup=False)
            return
        # Imported here, when the screen opens: never on the way to the library's first frame.
        from textual_plotext import PlotextPlot

        yield ExerciseSelect(self.series, pain=bool(self.pain), load=bool(self.load))
        yield PlotextPlot(id="chart")
        yield Static(
            PAIN_NOTE if self.pain else NUMBERS_NOTE, id="chart-note", classes="note", markup=False
        )

    def on_mount(self) -> None:
        self.fill()

    def fill(self) -> None:
        if self.sessions:
            table = self.query_one("#sessions", DataTable)
            table.add_columns("When", "Routine", "Time", "Done", "Skip", "")
            for session in self.sessions[:SHOWN]:
                spread = session.id in self.spread
                table.add_row(*session_row(session, self.today, spread), key=session.id)
            table.focus(scroll_visible=False)
        if self.series or self.pain or self.load:
            self.draw()

    # -- layout ----------------------------------------------------------------

    def on_resize(self, event: Resize) -> None:
        width, height = event.size
        wide = width >= WIDE[0] and height >= WIDE[1]
        self.set_class(wide, "wide")
        self.set_class(width < 70, "slim")
        body = max(height - 2, 1)  # the title line and the footer
        top = CALENDAR_ROWS if width >= 70 else 2 * CALENDAR_ROWS
        sessions = self.query_one("#sessions-pane")
        chart = self.query_one("#chart-pane")
        if wide:
            sessions.styles.height = chart.styles.height = "1fr"
        else:
            # One column: the sessions fill what the calendar leaves; the chart is one
            # screenful below them (c or Tab brings it into view).
            sessions.styles.height = max(body - top, 7)
            chart.styles.height = max(body, 12)
        if self.series or self.pain:
            self.call_after_refresh(self.draw)

    # -- the chart -------------------------------------------------------------

    def chosen(self) -> ExerciseSeries | None:
        if not self.series:
            return None
        value = self.query_one("#exercise", Select).value
        return next((s for s in self.series if s.key == value), self.series[0])

    def draw(self) -> None:
        if not self.is_attached or not (self.series or self.pain or self.load):
            return
        plot: PlotextPlot = self.query_one("#chart")  # type: ignore[assignment]
        width, height = plot.size
        if self.query_one("#exercise", Select).value == PAIN_KEY:
            played = [s.started_at for s in self.sessions if not s.practice]
            gentler = [s.started_at for s in self.sessions if s.flare and not s.practice]
            draw_pain(plot.plt, self.pain, played, width, height, today=self.today, flare=gentler)
            note = PAIN_NOTE
        elif self.query_one("#exercise", Select).value == LOAD_KEY:
            draw_load(plot.plt, self.load, width, height, today=self.today)
            note = LOAD_NOTE
        else:
            series = self.chosen()
            if series is None:
                return
            draw(plot.plt, series, width, height, today=self.today)
            note = NUMBERS_NOTE
        self.query_one("#chart-note", Static).update(note)
        plot.refresh()

    @on(Select.Changed, "#exercise")
    def _exercise_chosen(self) -> None:
        self.draw()

    def action_chart(self) -> None:
        if self.series or self.pain or self.load:
            self.query_one("#exercise", Select).focus(scroll_visible=False)
        self.query_one("#chart-pane").scroll_visible(animate=False, top=True)

    def action_sessions(self) -> None:
        if self.sessions:
            self.query_one("#sessions", DataTable).focus(scroll_visible=False)
        self.query_one("#history-body", VerticalScroll).scroll_home(animate=False)

    # -- sessions --------------------------------------------------------------

    @on(DataTable.RowSelected, "#sessions")
    def _open_session(self, event: DataTable.RowSelected) -> None:
        session_id = SessionId(str(event.row_key.value))
        session = next((s for s in self.sessions if s.id == session_id), None)
        if session is None or self.app.screen is not self:
            return  # a second Enter queued behind the first: its sets are showing already
        history = self.history

        def correct(position: int, reps: int | None, load: Load | None) -> list[SetEntry] | None:
            if not history.edit_set(session.id, position, reps=reps, load=load):
                return None
            return history.sets(session.id)

        async def closed(changed: bool | None) -> None:
            if changed:
                await self.reload()

        # A dialog of this screen's own, as the player asks before quitting.
        self.app.push_screen(
            SessionSets(
                session,
                history.sets(session.id),
                self.today,
                history.session_checkins(session.id),
                session.id in self.spread,
                correct=correct,
            ),
            closed,
        )

    # -- correcting ------------------------------------------------------------

    async def reload(self) -> None:
        """Read everything again after a change: the week, the calendar, the charts."""
        await self.recompose()
        self.fill()

    def highlighted(self) -> SessionSummary | None:
        if not self.sessions or not self.query("#sessions"):
            return None
        table = self.query_one("#sessions", DataTable)
        shown = self.sessions[:SHOWN]
        return shown[table.cursor_row] if 0 <= table.cursor_row < len(shown) else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "delete":
            return bool(self.sessions)
        if action == "undo":
            return bool(self._deleted)
        return True

    def action_delete(self) -> None:
        session = self.highlighted()
        if session is None or self.app.screen is not self:
            return
        when = when_text(session.started_at, self.today)
        question = YesNoScreen(
            f"Delete {one_line(session.title)} of {when}?",
            f"{session.sets_done} sets done. Its check-ins stay in your pain diary; u brings "
            "it back while this screen is open, and backcoach history import "
            "deleted-sessions.csv afterwards.",
        )

        async def answered(yes: bool | None) -> None:
            if not yes:
                return
            deleted = delete_and_keep(self.history, session.id)
            if deleted.dump is None:
                self.notify(
                    f"Nothing was deleted: {deleted.problem}.", severity="warning", timeout=8
                )
                return
            self._deleted.append(deleted.dump)
            self.notify(f"Deleted {one_line(session.title)} ({when}): u brings it back.", timeout=6)
            await self.reload()

        self.app.push_screen(question, answered)

    async def action_undo(self) -> None:
        if not self._deleted:
            return
        dump = self._deleted[-1]
        result = self.history.restore([dump], dump.checkins)
        if not result.added:
            self.notify(
                "It could not be brought back; backcoach history import deleted-sessions.csv "
                "can, later.",
                severity="warning",
                timeout=8,
            )
            return
        self._deleted.pop()
        self.notify(f"Brought back: {one_line(dump.session.title)}.", timeout=4)
        await self.reload()

    def action_add(self) -> None:
        if self.app.screen is not self:
            return
        routines = targeted_routines(self.library)

        async def added(chosen: tuple[Routine, datetime] | None) -> None:
            if chosen is None:
                return
            routine, at = chosen
            lifted = loads_now(self.history, routine, at.date())
            if self.history.add_session(build_plan(routine), at, loads=lifted) is None:
                self.notify("The history could not be written.", severity="warning", timeout=5)
                return
            when = when_text(at, self.today)
            self.notify(
                f"Added {one_line(routine.title)} ({when}), every set as planned: Enter on it, "
                "then e, corrects a set.",
                timeout=6,
            )
            await self.reload()

        self.app.push_screen(AddSessionScreen(routines, self.now), added)

    def action_close(self) -> None:
        if not self._leaving:  # a second Esc queued behind the first has nothing to close
            self._leaving = True
            self.post_message(HistoryClosed())
