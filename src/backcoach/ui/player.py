"""The player: what to do now, how long is left, and what comes next, readable from the floor."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Digits, Footer, ProgressBar, Static

from backcoach.audio.cues import cue_for
from backcoach.core.clock import Clock
from backcoach.core.durations import format_clock, format_countdown
from backcoach.core.plan import Kind, Plan, Segment
from backcoach.core.session import Finished, Session, State
from backcoach.core.wording import about, stop_rule_lines
from backcoach.ui.modals import AdjustSetScreen, ConfirmQuitScreen
from backcoach.ui.text import PHASES, detail_line

PULSE = 0.1
"""How often the screen asks the session for its state; only a refresh, never a clock."""


class PlayerScreen(Screen):
    BINDINGS = [
        Binding("space", "toggle_pause", "Pause"),
        Binding("enter", "done", "Done"),
        Binding("n,right", "next", "Next"),
        Binding("p,left", "previous", "Back"),
        Binding("plus", "extend", "+15s"),
        Binding("e", "adjust", "Edit set", show=False),
        Binding("m", "app.toggle_mute", "Mute"),
        Binding("question_mark", "app.help", "Help"),
        Binding("q", "quit_routine", "Quit"),
    ]

    def __init__(self, plan: Plan, clock: Clock) -> None:
        super().__init__()
        self.plan = plan
        self.session = Session(plan, clock)
        self._shown: tuple | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="phase")
        with Horizontal(id="middle"):
            with Vertical(id="now"):
                yield Static(id="name")
                yield Static(id="detail")
                yield Digits(id="timer")
                yield Static(id="hint")
            yield Static(id="picture")
        yield Static(id="cues")
        yield Static(id="caution")
        yield Static(id="next")
        yield ProgressBar(id="progress", total=1000, show_eta=False, show_percentage=False)
        yield Static(id="times")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = self.plan.routine.title
        self.refresh_state()
        self.set_interval(PULSE, self.refresh_state)

    def _fit(self) -> None:
        # Textual has no media queries: pick a layout class from the size. Checked on each
        # refresh because a base screen learns its size only after it is mounted.
        width, height = self.size
        if not width:
            width, height = self.app.size
        compact, tiny = width < 70 or height < 22, height < 16 or width < 50
        if compact != self.has_class("compact") or tiny != self.has_class("tiny"):
            self.set_class(compact, "compact")
            self.set_class(tiny, "tiny")

    # -- intents -----------------------------------------------------------

    def action_toggle_pause(self) -> None:
        if not self.session.started:
            self.session.start()
        else:
            self.session.toggle_pause()
        self.refresh_state()

    def action_done(self) -> None:
        if not self.session.started:
            self.session.start()
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

        def apply(result) -> None:
            if result is not None:
                reps, load = result
                self.session.adjust(record.segment.position, reps=reps, load=load)
                self.notify(f"Saved: {reps} reps" + (f" at {load}" if load else ""), timeout=3)

        self.app.push_screen(
            AdjustSetScreen(record.segment.describe(), record.reps, record.load), apply
        )

    def action_quit_routine(self) -> None:
        if not self.session.started or self.session.finished:
            self.app.exit(0)
            return

        def answer(stop: bool | None) -> None:
            if stop:
                self.session.stop()
                self.app.exit(0)

        self.app.push_screen(ConfirmQuitScreen(), answer)

    def _ensure_started(self) -> None:
        if not self.session.started:
            self.session.start()

    # -- drawing -----------------------------------------------------------

    def refresh_state(self) -> None:
        self._fit()
        state = self.session.state()
        for event in self.session.poll():
            cue = cue_for(event)
            if cue is not None:
                self.app.play_cue(cue)
            if isinstance(event, Finished):
                self.app.show_finish(self.session, event.completed)
                return
        self._draw(state)

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
        )
        if key == self._shown:
            return  # nothing a person could see has changed
        self._shown = key
        self.set_class(state.paused, "paused")
        for kind in Kind:
            self.set_class(segment.kind is kind, f"kind-{kind.value}")
        self.query_one("#phase", Static).update(self._phase_text(state, segment))
        self.query_one("#name", Static).update(
            segment.describe() if segment.kind is Kind.SWITCH else segment.name
        )
        self.query_one("#detail", Static).update(detail_line(segment))
        self.query_one("#timer", Digits).update(self._timer_text(state, segment))
        self.query_one("#hint", Static).update(self._rest_hint(state, segment))
        exercise = segment.exercise
        picture = exercise.picture if exercise and segment.kind is Kind.WORK else None
        self.query_one("#picture", Static).update(picture or "")
        self.query_one("#picture").display = bool(picture)
        cues = exercise.cues if exercise and segment.kind in (Kind.WORK, Kind.PREP) else ()
        self.query_one("#cues", Static).update("\n".join(f"• {cue}" for cue in cues))
        self.query_one("#caution", Static).update(self._caution(segment))
        following = (
            state.next
            if state.started
            else (self.plan.segments[1] if len(self.plan.segments) > 1 else None)
        )
        self.query_one("#next", Static).update(
            f"Next: {following.describe()}" if following else "Next: finish — well done"
        )
        self.query_one("#progress", ProgressBar).update(progress=state.progress * 1000)
        left = format_clock(state.remaining_total if state.started else self.plan.total)
        self.query_one("#times", Static).update(
            f"{format_clock(state.elapsed)} done · {about(left, self.plan.is_estimate)} to go"
        )

    def _phase_text(self, state: State, segment: Segment) -> str:
        title = self.plan.routine.title
        if not state.started:
            return f"READY · {title} · press Enter to start"
        if state.paused:
            return f"PAUSED · {title} · press Space to resume"
        return f"{PHASES[segment.kind]} · {title}"

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
    def _caution(segment: Segment) -> str:
        exercise = segment.exercise
        if exercise is None or segment.kind not in (Kind.WORK, Kind.PREP):
            return ""
        lines = [f"⚠ {exercise.caution}"] if exercise.caution else []
        lines += stop_rule_lines(exercise.stop_if)
        return "\n".join(lines)
