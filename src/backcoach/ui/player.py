"""The player: what to do now, how long is left, and what comes next, readable from the floor."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Digits, Footer, ProgressBar, Static

from backcoach.core.durations import Load, format_clock, format_countdown
from backcoach.core.flare import badged_title
from backcoach.core.plan import Kind, Segment
from backcoach.core.progression import Verdict
from backcoach.core.session import Finished, State
from backcoach.core.wording import about, stop_rule_lines
from backcoach.ui.keys import PLAYER_KEYS, bindings
from backcoach.ui.messages import QuitRequested, ReadyShown, WorkoutFinished
from backcoach.ui.modals import AdjustSetScreen, ConfirmQuitScreen
from backcoach.ui.text import PHASES, detail_line, join, lines, one_line, plain
from backcoach.workout import Workout

PULSE = 0.1
"""How often the screen asks the session for its state; only a refresh, never a clock."""

MAX_TYPED_DIGITS = 4
"""Reps typed before Enter: nobody does 10,000 in a set; a fifth digit is a slip."""


class PlayerScreen(Screen):
    BINDINGS = bindings(PLAYER_KEYS)

    def __init__(self, workout: Workout) -> None:
        super().__init__()
        self.workout = workout
        self.plan = workout.plan
        self.session = workout.session
        self._shown: tuple | None = None
        self._pulse: Timer | None = None
        self._reported = False
        self._typed = ""  # the reps typed before Enter, for the set at _typed_for
        self._typed_for: int | None = None
        self._kept = ""  # the old loads kept with Esc, said until the start

    def compose(self) -> ComposeResult:
        yield Static(id="phase", markup=False)
        with Horizontal(id="middle"):
            with Vertical(id="now"):
                yield Static(id="name", markup=False)
                yield Static(id="detail", markup=False)
                yield Static(id="last", markup=False)
                yield Static(id="proposal", markup=False)
                yield Digits(id="timer")
                yield Static(id="hint", markup=False)
            yield Static(id="picture", markup=False)
        yield Static(id="cues", markup=False)
        yield Static(id="caution", markup=False)
        yield Static(id="next", markup=False)
        yield ProgressBar(id="progress", total=1000, show_eta=False, show_percentage=False)
        yield Static(id="times", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = one_line(self.plan.routine.title)
        self.refresh_state()
        if not self._reported:
            self._pulse = self.set_interval(PULSE, self.refresh_state)

    def on_screen_resume(self) -> None:
        if not self.session.started:
            self.post_message(ReadyShown(self.workout))
            self._shown = None

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
            if self.workout.heavier:
                self.workout.answer(True)  # Enter on the ready screen accepts the heavier load
            self.workout.start()
        elif not self.session.paused:
            reps = int(self._typed) if self._typed and self._takes_reps() else None
            self._typed = ""
            self.session.done(reps)
        self.refresh_state()

    def action_keep(self) -> None:
        """Esc: keep the old load rather than the heavier one; or clear the reps typed."""
        if self.workout.heavier:
            self._kept = ", ".join(str(p.current) for p in self.workout.heavier)
            self.workout.answer(False)
        else:
            self._typed = ""
        self._shown = None
        self.refresh_state()

    def on_key(self, event: events.Key) -> None:
        """Digits typed during a set of reps are the reps done; Enter records them."""
        if not self._takes_reps():
            return
        if event.character is not None and event.character in "0123456789" and event.character:
            if len(self._typed) < MAX_TYPED_DIGITS:
                self._typed += event.character
        elif event.key == "backspace":
            self._typed = self._typed[:-1]
        else:
            return
        event.stop()
        event.prevent_default()
        self._shown = None
        self.refresh_state()

    def _takes_reps(self) -> bool:
        """A set of reps is waiting for the user to say it is done."""
        if not self.session.started or self.session.paused or self.session.finished:
            return False
        segment = self.session.state().segment
        return segment is not None and segment.waits_for_user and segment.reps is not None

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
        if self._typed_for != segment.position:  # digits typed belong to the set they were for
            self._typed, self._typed_for = "", segment.position
        key = (
            self._typed,
            len(self.workout.heavier),
            tuple(p.reason for p in self.workout.proposals),
            self._kept,
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
        self._show("#phase", self._phase_text(state, segment))
        self._show(
            "#name", plain(segment.describe() if segment.kind is Kind.SWITCH else segment.name)
        )
        self._show("#detail", plain(detail_line(segment, self.session.load_for(segment))))
        last = self._last_time(segment)
        self._show("#last", plain(last))
        self.query_one("#last").set_class(not last, "empty")
        proposal = self._proposal_text(state)
        self._show("#proposal", proposal)
        self.query_one("#proposal").set_class(not proposal.plain, "empty")
        self.query_one("#timer", Digits).update(self._timer_text(state, segment))
        self._show("#hint", plain(self._rest_hint(state, segment)))
        exercise = segment.exercise
        picture = exercise.picture if exercise and segment.kind is Kind.WORK else None
        self._show("#picture", plain(picture or ""))
        # A class, not `display`: an inline display would beat the compact layout's rule.
        self.query_one("#picture").set_class(not picture, "empty")
        cues = exercise.cues if exercise and segment.kind in (Kind.WORK, Kind.PREP) else ()
        self._show("#cues", lines([plain(f"• {cue}") for cue in cues]))
        self._show("#caution", self._caution(segment))
        following = (
            state.next
            if state.started
            else (self.plan.segments[1] if len(self.plan.segments) > 1 else None)
        )
        if following is not None and following.load is not None:
            following = following._replace(load=self.session.load_for(following))
        self._show(
            "#next",
            plain(f"Next: {following.describe()}" if following else "Next: finish — well done"),
        )
        self.query_one("#progress", ProgressBar).update(progress=state.progress * 1000)
        left = format_clock(state.remaining_total if state.started else self.plan.total)
        self._show(
            "#times",
            plain(
                f"{format_clock(state.elapsed)} done · {about(left, self.plan.is_estimate)} to go"
            ),
        )

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

    def _proposal_text(self, state: State) -> Content:
        """Before the start: the load each progressing exercise lifts today, and why; a
        heavier one waits for Enter (yes) or Esc (keep the old)."""
        if state.started:
            return Content()
        names = {s.exercise.id: s.name for s in self.plan.work_segments() if s.exercise}
        rows = [
            plain(f"{names.get(p.exercise_id, '')}: {p.reason}")
            for p in self.workout.proposals
            if p.verdict is not Verdict.FIRST
        ]
        heavier = self.workout.heavier
        if heavier:
            news = ", ".join(str(p.proposed) for p in heavier)
            olds = ", ".join(str(p.current) for p in heavier)
            rows.append(plain(f"Enter: lift {news} and start · Esc: keep {olds}"))
        elif self._kept:
            rows.append(plain(f"Keeping {self._kept} this time"))
        return lines(rows)

    def _show(self, selector: str, content: Content) -> None:
        self.query_one(selector, Static).update(content)

    def _phase_text(self, state: State, segment: Segment) -> Content:
        title = one_line(badged_title(self.plan.routine))
        if not state.started:
            return join("READY · ", title, " · press Enter to start")
        if state.paused:
            return join("PAUSED · ", title, " · press Space to resume")
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
        if state.started and segment.waits_for_user and segment.reps is not None:
            if self._typed:
                return f"Reps done: {self._typed} · Enter records it, Backspace edits"
            if segment.reps_top is not None and not state.paused:
                return f"Type the reps you did, then Enter (Enter alone: {segment.reps})"
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
