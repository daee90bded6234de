"""The player: what to do now, how long is left, and what comes next, readable from the floor."""

from __future__ import annotations

import math
from collections.abc import Callable

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.geometry import Size
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, ProgressBar, Static

from backcoach.core.durations import Load, format_clock, format_countdown
from backcoach.core.flare import badged_title
from backcoach.core.plan import Kind, Segment
from backcoach.core.session import Finished, State
from backcoach.core.wording import about, stop_rule_lines
from backcoach.ui.bigclock import SMALL, BigClock, BigText, best_fit, for_glyphs, plain_lines
from backcoach.ui.keys import PLAYER_KEYS, bindings
from backcoach.ui.messages import QuitRequested, WorkoutFinished
from backcoach.ui.modals import AdjustSetScreen, ConfirmQuitScreen
from backcoach.ui.text import PHASES, detail_line, join, lines, one_line, plain
from backcoach.workout import Workout

PULSE = 0.1
"""How often the screen asks the session for its state; only a refresh, never a clock."""


class PlayerScreen(Screen):
    BINDINGS = bindings(PLAYER_KEYS)
    _room = Size(0, 0)  # the size the layout was chosen for (see _fit)

    def __init__(self, workout: Workout) -> None:
        super().__init__()
        self.workout = workout
        self.plan = workout.plan
        self.session = workout.session
        self._shown: tuple | None = None
        self._pulse: Timer | None = None
        self._reported = False

    def compose(self) -> ComposeResult:
        # Top to bottom in order of importance; _arrange() drops whole blocks from the end.
        yield Static(id="phase", markup=False)
        with Horizontal(id="headline"):
            yield BigText(id="big-name", max_scale=1, max_lines=2)
            yield BigText(id="big-side", max_scale=1)
        yield Static(id="name", markup=False)
        yield Static(id="detail", markup=False)
        with Horizontal(id="middle"):
            yield BigClock(id="timer")
            yield Static(id="picture", markup=False)
        yield Static(id="hint", markup=False)
        yield Static(id="next", markup=False)
        yield Static(id="last", markup=False)
        yield Static(id="cues", markup=False)
        yield Static(id="caution", markup=False)
        yield ProgressBar(id="progress", total=1000, show_eta=False, show_percentage=False)
        yield Static(id="times", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = one_line(self.plan.routine.title)
        self.refresh_state()
        if not self._reported:
            self._pulse = self.set_interval(PULSE, self.refresh_state)

    def _fit(self) -> None:
        # Textual has no media queries: pick a size band from the size. Checked on each
        # refresh because a base screen learns its size only after it is mounted.
        width, height = self.size
        if not width:
            width, height = self.app.size
        self._room = Size(width, height)
        band = size_band(width, height)
        if not self.has_class(f"band-{band}"):
            for other in BANDS:
                self.set_class(other == band, f"band-{other}")

    def on_resize(self) -> None:
        # A new size may keep or drop other blocks: choose them now, not at the next second.
        self.refresh_state()

    # -- intents -----------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # Once the workout has ended the finish screen is on its way: keys queued behind
        # the last event have nothing left to act on.
        return not self.session.finished or action == "quit_routine"

    def action_toggle_pause(self) -> None:
        if not self.session.started:
            self.workout.start()
        else:
            self.session.toggle_pause()
        self.refresh_state()

    def action_done(self) -> None:
        if not self.session.started:
            self.workout.start()
        elif not self.session.paused:
            self.session.done()
        self.refresh_state()

    def action_next(self) -> None:
        self._ensure_started()
        self.session.next()
        self.refresh_state()

    def action_previous(self) -> None:
        self._ensure_started()
        self.session.previous()
        self.refresh_state()

    def action_extend(self) -> None:
        if self.session.started and not self.session.extend():
            self.notify("Only holds, rests and side switches can be made longer.", timeout=3)
        self.refresh_state()

    def action_adjust(self) -> None:
        records = [r for r in self.session.records.values() if r.reps is not None]
        if not records:
            self.notify("No set of reps to correct yet.", timeout=3)
            return
        record = max(records, key=lambda r: r.segment.position)

        def apply(result: tuple[int, Load | None] | None) -> None:
            if result is not None:
                reps, load = result
                self.session.adjust(record.segment.position, reps=reps, load=load)
                self.notify(
                    f"Saved: {reps} reps" + (f" at {load}" if load else ""),
                    timeout=3,
                    markup=False,
                )

        self.app.push_screen(
            AdjustSetScreen(record.segment.describe(), record.reps, record.load), apply
        )

    def action_quit_routine(self) -> None:
        if not self.session.started or self.session.finished:
            self.post_message(QuitRequested())
            return

        def answer(stop: bool | None) -> None:
            if stop:
                self.post_message(QuitRequested())

        self.app.push_screen(ConfirmQuitScreen(), answer)

    def _ensure_started(self) -> None:
        if not self.session.started:
            self.workout.start()

    # -- drawing -----------------------------------------------------------

    def refresh_state(self) -> None:
        if self._reported:
            return
        self._fit()
        state = self.session.state()
        for event in self.workout.poll():
            if isinstance(event, Finished):
                self._report(event.completed)
                return
        self._draw(state)

    def _report(self, completed: bool) -> None:
        """Tell the app once that the workout ended, and stop drawing."""
        self._reported = True
        if self._pulse is not None:
            self._pulse.stop()
        self.post_message(WorkoutFinished(self.workout, completed))

    def _draw(self, state: State) -> None:
        segment = state.segment or self.plan.segments[0]
        remaining = state.segment_remaining
        key = (
            segment.position,
            state.paused,
            state.started,
            None if remaining is None else format_countdown(remaining),
            int(state.segment_elapsed) if remaining is None else None,
            state.rep,
            int(state.elapsed),
            self._room,  # a new size may keep or drop different blocks
        )
        if key == self._shown:
            return  # nothing a person could see has changed
        self._shown = key
        self.set_class(state.paused, "paused")
        self.set_class(not state.started, "ready")
        for kind in Kind:
            self.set_class(segment.kind is kind, f"kind-{kind.value}")
        # Padded to the full width: a reversed banner is a bar only where there is text,
        # and the bar is what tells work from rest at a glance when there is no colour.
        phase = Content(" ") + self._phase_text(state, segment)
        self._show("#phase", phase.extend_right(max(0, self._room.width - phase.cell_length)))
        name = segment.describe() if segment.kind is Kind.SWITCH else segment.name
        side = (segment.side or "").upper()
        self._show("#name", plain(name))
        # Large, a switch reads "SWITCH TO  RIGHT": the side beside it says which.
        big_name = "Switch to" if segment.kind is Kind.SWITCH and side else name
        self.query_one("#big-name", BigText).update(big_name)
        self.query_one("#big-side", BigText).update(side)
        detail = detail_line(segment, self.session.load_for(segment))
        self._show("#detail", plain(detail))
        last = self._last_time(segment)
        self._show("#last", plain(last))
        clock = self._timer_text(state, segment)
        self.query_one("#timer", BigClock).update(clock)
        hint = self._rest_hint(state, segment)
        self._show("#hint", plain(hint))
        exercise = segment.exercise
        picture = exercise.picture if exercise and segment.kind is Kind.WORK else None
        self._show("#picture", plain(picture or ""))
        cues = exercise.cues if exercise and segment.kind in (Kind.WORK, Kind.PREP) else ()
        cue_rows = [f"• {cue}" for cue in cues]
        self._show("#cues", lines([plain(row) for row in cue_rows]))
        caution = self._caution(segment)
        self._show("#caution", caution)
        following = (
            state.next
            if state.started
            else (self.plan.segments[1] if len(self.plan.segments) > 1 else None)
        )
        upcoming = f"Next: {following.describe()}" if following else "Next: finish — well done"
        self._show("#next", plain(upcoming))
        self.query_one("#progress", ProgressBar).update(progress=state.progress * 1000)
        left = format_clock(state.remaining_total if state.started else self.plan.total)
        self._show(
            "#times",
            plain(
                f"{format_clock(state.elapsed)} done · {about(left, self.plan.is_estimate)} to go"
            ),
        )
        self._arrange(
            clock,
            (name, big_name, side),
            picture,
            {
                "detail": [detail],
                "hint": [hint],
                "next": [upcoming],
                "last": [last],
                "cues": cue_rows,
                "caution": str(caution).splitlines(),
            },
        )

    def _arrange(
        self,
        clock: str,
        headings: tuple[str, str, str],
        picture: str | None,
        texts: dict[str, list[str]],
    ) -> None:
        """Show what fits at this size, most important first, each block whole or not at
        all; the clock keeps about a third of the height and takes whatever is left."""
        width, height = self._room
        band = size_band(width, height)
        pad = 1 if band in ("xs", "s") else 2
        text_width = max(1, width - 2 * pad)
        frame = 0 if band == "xs" else 2  # the clock's border, which tells the states apart
        big = band == "l"

        def rows(key: str) -> int:
            return sum(len(plain_lines(line, text_width)) for line in texts[key] if line)

        name, big_name, side = headings  # the name as one line, the name and side drawn large
        headline = headline_rows(big_name, side, text_width) if big else rows_of(name, text_width)
        fixed = 1 + headline + rows("detail") + 1  # the banner and the footer
        clock_width = max(1, width - 2 * pad - frame)
        drawing = picture.splitlines() if picture else []
        picture_size = Size(max((len(row) for row in drawing), default=0) + 2, len(drawing))
        shown = arrange(
            height - fixed - frame,
            clock_target(height),
            [
                ("hint", rows("hint")),
                ("next", rows("next")),
                ("last", rows("last")),
                ("cues", rows("cues")),
                ("picture", picture_size.height if drawing else 0),
                ("caution", rows("caution")),
                ("progress", 1 if band == "xs" else 2),
            ],
            picture_beside=lambda clock_rows: picture_keeps_clock(
                clock, clock_width, clock_rows, picture_size.width
            ),
        )
        self.query_one("#headline").set_class(not big, "dropped")
        self.query_one("#name").set_class(big, "dropped")
        self.query_one("#detail").set_class(not rows("detail"), "dropped")
        for block in ("hint", "next", "last", "cues", "picture", "caution", "progress"):
            self.query_one(f"#{block}").set_class(block not in shown, "dropped")
        self.query_one("#times").set_class(band == "xs" or "progress" not in shown, "dropped")

    def _last_time(self, segment: Segment) -> str:
        """'Last time: 10, 10, 8 reps at 20 kg · Tue 17 Nov', for counted or loaded work."""
        exercise = segment.exercise
        if (
            exercise is None
            or segment.kind not in (Kind.WORK, Kind.PREP)
            or (segment.reps is None and segment.load is None)
        ):
            return ""
        last = self.workout.last_times.get(exercise.id)
        return f"Last time: {last}" if last else ""

    def _show(self, selector: str, content: Content) -> None:
        self.query_one(selector, Static).update(content)

    def _phase_text(self, state: State, segment: Segment) -> Content:
        title = one_line(badged_title(self.plan.routine))
        # What to press comes before the title: on a narrow screen the title is what is cut.
        if not state.started:
            return join("READY · press Enter to start · ", title)
        if state.paused:
            return join("PAUSED · press Space to resume · ", title)
        return join(f"{PHASES[segment.kind]} · ", title)

    @staticmethod
    def _timer_text(state: State, segment: Segment) -> str:
        if not state.started:
            return format_clock(segment.seconds)
        if segment.kind is Kind.WORK and segment.tempo and state.rep:
            return str(state.rep)
        remaining = state.segment_remaining
        if remaining is None:
            return format_clock(state.segment_elapsed)  # counts up while the user works
        return format_countdown(remaining)

    @staticmethod
    def _hint(state: State, segment: Segment) -> str:
        if segment.kind is Kind.WORK and segment.tempo and segment.reps:
            return f"rep {state.rep or 1} of {segment.reps} · {segment.tempo}s each"
        if segment.waits_for_user:
            return "Press Enter when the set is done"
        if segment.kind is Kind.REST and not state.paused:
            return "Breathe. Enter ends the rest early, + adds 15 s"
        return ""

    def _rest_hint(self, state: State, segment: Segment) -> str:
        hint = self._hint(state, segment)
        if segment.kind is Kind.REST and any(
            r.reps is not None for r in self.session.records.values()
        ):
            hint += ", e corrects the last set"
        return hint

    @staticmethod
    def _caution(segment: Segment) -> Content:
        exercise = segment.exercise
        if exercise is None or segment.kind not in (Kind.WORK, Kind.PREP):
            return Content()
        rows = [f"⚠ {exercise.caution}"] if exercise.caution else []
        rows += stop_rule_lines(exercise.stop_if)
        return lines([plain(row) for row in rows])


BANDS = ("xs", "s", "m", "l")
"""Size bands, smallest first: about 40×12, 60×20, 80×24, and 100×30 or more."""


def size_band(width: int, height: int) -> str:
    if width < 50 or height < 16:
        return "xs"
    if width < 70 or height < 22:
        return "s"
    if width < 100 or height < 30:
        return "m"
    return "l"


def clock_target(height: int) -> int:
    """Rows kept for the digits before anything less important: about a third of the
    screen, so the time stays the largest thing on it (7 or more at 80×24)."""
    return max(3, math.ceil(height * 0.3))


def rows_of(text: str, width: int) -> int:
    return len(plain_lines(text, width)) if text else 0


def headline_rows(name: str, side: str, width: int) -> int:
    """Rows the big name (with the big side beside it) takes across `width` columns."""
    side_width = best_fit(for_glyphs(side), width, 99, (SMALL,), max_scale=1) if side else None
    name_width = width - (side_width.columns + 2 if side_width else 0)
    fit = best_fit(for_glyphs(name), name_width, 99, (SMALL,), max_scale=1, max_lines=2)
    name_rows = fit.rows if fit else rows_of(name, name_width)
    return max(name_rows, side_width.rows if side_width else 0)


def picture_keeps_clock(clock: str, width: int, rows: int, picture_width: int) -> bool:
    """Whether the digits, `rows` tall at most, stay as tall with a picture beside them."""
    alone = best_fit(clock, width, rows)
    beside = best_fit(clock, width - picture_width, rows)
    return alone is None or (beside is not None and beside.rows >= alone.rows)


def arrange(
    room: int,
    target: int,
    blocks: list[tuple[str, int]],
    picture_beside: Callable[[int], bool],
) -> frozenset[str]:
    """The blocks to show, given in order of importance with their rows, within `room` rows
    shared with the clock box.

    The clock keeps `target` rows of `room`; blocks are kept whole, most important
    first, until one does not fit: it and everything after are dropped. The picture
    stands beside the clock, so it costs no rows unless it is taller than the clock box;
    one that does not fit is dropped alone, and never shrinks the digits."""
    target = min(target, room)
    left = room - target
    tallest = target  # the clock box grows to the picture's height if one is shown
    shown: set[str] = set()
    for block, rows in blocks:
        if block == "picture":
            extra = max(0, rows - tallest)
            if rows and extra <= left and picture_beside(target):
                shown.add(block)
                left -= extra
                tallest = max(tallest, rows)
            continue
        if rows > left:
            break
        if rows:
            shown.add(block)
            left -= rows
    return frozenset(shown)
