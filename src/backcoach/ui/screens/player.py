"""The player: what to do now, how long is left, and what comes next, readable from the floor."""

from __future__ import annotations

import gc
import math
from collections.abc import Callable
from typing import Any

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.geometry import Size
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import ProgressBar, Static

from backcoach.core import describe
from backcoach.core.durations import Load, format_clock, format_countdown
from backcoach.core.flare import badged_title
from backcoach.core.plan import Kind, Segment
from backcoach.core.progression import Verdict
from backcoach.core.session import Event, Finished, State, implausible_reps
from backcoach.core.ticks import until_shown_change
from backcoach.core.wording import about, stop_rule_lines
from backcoach.ui.dialogs.modals import AdjustSetScreen, ConfirmQuitScreen, ConfirmRepsScreen
from backcoach.ui.keys import PLAYER_KEYS, bindings
from backcoach.ui.messages import StopRequested, WorkoutFinished
from backcoach.ui.state import app_state
from backcoach.ui.text import PHASES, join, lines, one_line, plain
from backcoach.ui.widgets.bigclock import (
    SMALL,
    BigClock,
    BigText,
    best_fit,
    for_glyphs,
    plain_lines,
)
from backcoach.ui.widgets.footer import KeysFooter
from backcoach.workout import Workout

SETTLE = 0.001
"""Wall seconds to wake after a second's boundary, never just before it: Textual's timers
may fire half a millisecond early, and a refresh a hair too soon would show nothing new."""


class StillProgressBar(ProgressBar):
    """Textual's progress bar, minus the redraw it makes every second for an ETA never shown
    here: the bar moves only when the player moves it, and not at all while paused."""

    def update(self, **changes: Any) -> None:
        if changes:  # the bar's own timer asks with nothing new
            super().update(**changes)


ENTER_ACTIONS = ("done", "end_rest", "ready")

MAX_TYPED_DIGITS = 4
"""Reps typed before Enter: nobody does 10,000 in a set; a fifth digit is a slip."""


def enter_action(segment: Segment | None) -> str | None:
    """What Enter does in this segment: a set of reps waits for it, a rest, a get-ready or a
    side switch may be cut short. A timed hold and counted reps run their time: Enter there
    would record work not done as done (n skips them instead)."""
    if segment is None:
        return None
    if segment.kind is Kind.WORK:
        return "done" if segment.waits_for_user else None
    return "end_rest" if segment.kind is Kind.REST else "ready"


class PlayerScreen(Screen[None]):
    BINDINGS = bindings(PLAYER_KEYS)
    _room = Size(0, 0)  # the size the layout was chosen for (see _fit)

    def __init__(self, workout: Workout) -> None:
        super().__init__()
        self.workout = workout
        self.plan = workout.plan
        self._shown: tuple[object, ...] | None = None
        self._reported = False
        self._held = False
        """Paused because a dialog covered the player (not by the person): resumes on close."""
        self._footer: tuple[object, ...] | None = None
        self._typed = ""  # the reps typed before Enter, for the set at _typed_for
        self._typed_for: int | None = None
        self._kept: list[str] = []  # the old loads kept with Esc, said until the start
        self.refresh_timer: Timer | None = None
        """The one-shot timer set for the next moment the screen changes on its own."""
        self.refresh_due: float | None = None
        """Routine seconds from the last refresh to the next one the timer will make."""
        self._progress_second: tuple[int, int, bool] | None = None
        self._ended: Finished | None = None
        """How the run ended, heard from the workout (an intent or a poll may end it)."""
        workout.subscribe(self._heard)
        self._until_asked = True
        """The run flow still has questions before the start: a start waits for them."""
        self._start_wanted = False

    def _heard(self, event: Event) -> None:
        if isinstance(event, Finished):
            self._ended = event

    def compose(self) -> ComposeResult:
        # Top to bottom in order of importance; _arrange() drops whole blocks from the end.
        yield Static(id="phase", markup=False)
        with Horizontal(id="headline"):
            yield BigText(id="big-name", max_scale=1, max_lines=2)
            yield BigText(id="big-side", max_scale=1)
        yield Static(id="name", markup=False)
        yield Static(id="detail", markup=False)
        yield Static(id="proposal", markup=False)
        with Horizontal(id="middle"):
            yield BigClock(id="timer")
            yield Static(id="picture", markup=False)
        yield Static(id="hint", markup=False)
        yield Static(id="next", markup=False)
        yield Static(id="last", markup=False)
        yield Static(id="cues", markup=False)
        yield Static(id="caution", markup=False)
        yield StillProgressBar(id="progress", total=1000, show_eta=False, show_percentage=False)
        yield Static(id="times", markup=False)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = one_line(self.plan.routine.title)
        if app_state(self) is not None:  # mute or unmute (a key, the palette): said at once
            self.watch(self.app, "muted", self.sound_changed, init=False)
        self.refresh_state()
        # What exists once the player is on screen (Textual, the app, this screen) lives as
        # long as the routine plays; a full collection walking all of it in the middle of a
        # frame showed a second 20-30 ms late. Frozen, the collector only walks what is new.
        self.call_after_refresh(gc.freeze)

    def on_unmount(self) -> None:
        gc.unfreeze()  # what this run left behind can be collected again

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
        workout = self.workout
        if workout.finished:
            # The finish screen is on its way: keys queued behind the last event have
            # nothing left to act on.
            return action == "quit_routine"
        # A key with several rows in the key table passes only the row that fits now, so
        # the footer names what the key does at this moment (see ui/keys.py).
        if action == "start":
            return not workout.started
        if action == "pause":
            return workout.started and not workout.paused
        if action == "resume":
            return workout.paused
        if action in ENTER_ACTIONS:
            return (
                workout.started
                and not workout.paused
                and enter_action(workout.state().segment) == action
            )
        if action == "keep":
            return bool(self.workout.changes or self._typed)
        if action == "mute":
            return not self._muted()
        if action == "unmute":
            return self._muted()
        return True

    def _muted(self) -> bool:
        state = app_state(self)
        return state is not None and state.muted

    def play(self) -> None:
        """The run flow has asked what it asks before the start: the routine may begin.
        An Enter pressed while it was still asking starts it now, unless a new load
        waits for an answer that the person has not yet seen."""
        self._until_asked = False
        if self._start_wanted and not self.workout.changes:
            self.action_start()
        else:
            self.redraw()  # the loads the fresh check-in proposes

    def action_start(self) -> None:
        if self._until_asked:
            self._start_wanted = True
            return
        changes = self.workout.changes
        if changes:
            # Enter takes the new load shown; with more to answer, the next is shown.
            self.workout.answer(True, changes[0].exercise_id)
            if len(changes) > 1:
                self.redraw()
                return
        self.workout.start()
        self.refresh_state()

    def action_keep(self) -> None:
        """Esc: keep the old load rather than the new one shown; or clear the reps typed."""
        changes = self.workout.changes
        if changes:
            self._kept.append(str(changes[0].current))
            self.workout.answer(False, changes[0].exercise_id)
        else:
            self._typed = ""
        self.redraw()

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
        self.refresh_bindings()  # Esc now clears what was typed
        self.redraw()

    def _takes_reps(self) -> bool:
        """A set of reps is waiting for the user to say it is done."""
        workout = self.workout
        if not workout.started or workout.paused or workout.finished:
            return False
        segment = workout.state().segment
        return segment is not None and segment.waits_for_user and segment.reps is not None

    def action_pause(self) -> None:
        self.workout.pause()
        self.refresh_state()

    def action_resume(self) -> None:
        self._held = False
        self.workout.resume()
        self.refresh_state()

    def action_done(self) -> None:
        """Enter on a set of reps without a tempo: the set is done."""
        self._end_segment("done")

    def action_end_rest(self) -> None:
        self._end_segment("end_rest")

    def action_ready(self) -> None:
        """Enter during a get-ready or a side switch: go now."""
        self._end_segment("ready")

    def _end_segment(self, action: str) -> None:
        # Checked again here: a key queued behind a segment change may reach a timed hold,
        # which Enter must never end as done.
        if self.check_action(action, ()):
            typed = self._typed if action == "done" and self._takes_reps() else ""
            segment = self.workout.state().segment
            if typed and segment is not None and implausible_reps(segment, int(typed)):
                self._confirm_reps(int(typed), segment)
                return
            self._typed = ""
            self.workout.done(int(typed) if typed else None)
        self.refresh_state()

    def _confirm_reps(self, reps: int, segment: Segment) -> None:
        """Ask before keeping reps that look like a slip; no clears them to type again."""

        def answered(keep: bool | None) -> None:
            current = self.workout.state().segment
            if keep and current is not None and current.position == segment.position:
                self._typed = ""
                self.workout.done(reps)
            elif not keep:
                self._typed = ""
            self.refresh_state()

        planned = f"{describe.rep_range(segment.reps or 0, segment.reps_top)} reps"
        self.app.push_screen(ConfirmRepsScreen(reps, planned), answered)

    def action_next(self) -> None:
        if not self._ensure_started():
            return
        self.workout.next()
        self.refresh_state()

    def action_previous(self) -> None:
        if not self._ensure_started():
            return
        self.workout.previous()
        self.refresh_state()

    def action_skip_exercise(self) -> None:
        if not self._ensure_started():
            return
        self.workout.skip_exercise()
        self.refresh_state()

    def action_shorten(self) -> None:
        if self.workout.started and not self.workout.shorten():
            self.notify("Only holds, rests and side switches can be made shorter.", timeout=3)
        self.refresh_state()

    def action_extend(self) -> None:
        if self.workout.started and not self.workout.extend():
            self.notify("Only holds, rests and side switches can be made longer.", timeout=3)
        self.refresh_state()

    def action_mute(self) -> None:
        state = app_state(self)
        if state is not None:
            state.action_toggle_mute()

    def action_unmute(self) -> None:
        state = app_state(self)
        if state is not None:
            state.action_toggle_mute()

    def sound_changed(self) -> None:
        """The app's `muted` changed (watched): the banner and footer say so."""
        self.refresh_bindings()
        self.redraw()

    def redraw(self) -> None:
        """Draw everything again now, though no second has passed: something shown that the
        clock does not move has changed (mute, a corrected load, a pause for a dialog)."""
        self._shown = None
        if self.is_mounted:  # else its first frame, still to come, draws it all
            self.refresh_state()

    def action_adjust(self) -> None:
        records = [r for r in self.workout.records.values() if r.reps is not None]
        if not records:
            self.notify("No set of reps to correct yet.", timeout=3)
            return
        record = max(records, key=lambda r: r.segment.position)
        segment = record.segment
        # A set skipped before any rep was counted offers the reps planned: what someone
        # correcting it most likely did.
        reps = record.reps or segment.reps

        def apply(result: tuple[int, Load | None] | None) -> None:
            if result is not None:
                reps, load = result
                self.workout.correct(segment.position, reps=reps, load=load)
                self.redraw()  # the detail and Next lines show the corrected load
                self.notify(
                    f"Saved: {reps} reps" + (f" at {load}" if load else ""),
                    timeout=3,
                    markup=False,
                )

        # Its name and place only: the numbers are the fields, as done (not as planned).
        where = [segment.side.capitalize() + " side"] if segment.side else []
        if segment.set_count > 1:
            where.append(f"set {segment.set_number} of {segment.set_count}")
        title = " · ".join([segment.name, *where])
        self.app.push_screen(AdjustSetScreen(title, reps, record.load), apply)

    def action_quit_routine(self) -> None:
        if not self.workout.started or self.workout.finished:
            self.post_message(StopRequested())
            return

        def answer(stop: bool | None) -> None:
            if stop:
                self._held = False  # leaving: nothing to resume
                self.post_message(StopRequested())

        self.app.push_screen(ConfirmQuitScreen("Stop this routine?"), answer)

    def _ensure_started(self) -> bool:
        """Start the run if it has not begun and may; whether it is running now."""
        if not self.workout.started and not self._until_asked:
            self.workout.start()
        return self.workout.started

    # -- covered by a dialog -------------------------------------------------

    def on_screen_suspend(self) -> None:
        """Help, a question or the palette now covers the player: the routine waits, and
        an Enter pressed before the question never starts it once it is answered."""
        self._start_wanted = False
        workout = self.workout
        if workout.started and not workout.finished and not workout.paused:
            self.workout.pause()
            self._held = True
            self.redraw()  # the banner behind the dialog says why the clock stopped

    def on_screen_resume(self) -> None:
        """The player is on top again: carry on, unless the person had paused it first."""
        if not self.workout.started:
            self.redraw()
        if self._held:
            self._held = False
            self.workout.resume()
            self.refresh_state()

    # -- drawing -----------------------------------------------------------

    def refresh_state(self) -> None:
        if self._reported:
            return
        self._fit()
        state = self.workout.state()
        self.workout.poll()  # what fell due since: an intent delivers its own at once
        if self._ended is not None:
            self._report(self._ended.completed)
            return
        self._draw(state)
        self._schedule()

    def _schedule(self) -> None:
        """Sleep until the shown text next changes on its own: a second flips, or an event
        falls due. The wait is worked out afresh from the session's clock at every refresh,
        so late timers, pauses and skips never shift the seconds that follow."""
        if self.refresh_timer is not None:
            self.refresh_timer.stop()
            self.refresh_timer = None
        self.refresh_due = until_shown_change(self.workout.state(), self.workout.next_due())
        if self.refresh_due is None:
            return  # paused, ready or finished: only a key changes anything
        wait = self.workout.clock.wall_seconds(self.refresh_due) + SETTLE
        self.refresh_timer = self.set_timer(wait, self.second_reached, name="next second")

    def second_reached(self) -> None:
        """What the timer calls: the moment the screen was waiting for has come."""
        self.refresh_timer = None
        self.refresh_state()

    def _report(self, completed: bool) -> None:
        """Tell the app once that the workout ended, and stop drawing."""
        self._reported = True
        if self.refresh_timer is not None:
            self.refresh_timer.stop()
            self.refresh_timer = None
        self.post_message(WorkoutFinished(self.workout, completed))

    def _draw(self, state: State) -> None:
        segment = state.segment or self.plan.segments[0]
        remaining = state.segment_remaining
        if self._typed_for != segment.position:  # digits typed belong to the set they were for
            self._typed, self._typed_for = "", segment.position
        key = (
            self._typed,
            len(self.workout.changes),
            tuple(self._kept),
            tuple(p.reason for p in self.workout.proposals),
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
        name = describe.line(segment) if segment.kind is Kind.SWITCH else segment.name
        side = (segment.side or "").upper()
        self._show("#name", plain(name))
        # Large, a switch reads "SWITCH TO  RIGHT": the side beside it says which.
        big_name = "Switch to" if segment.kind is Kind.SWITCH and side else name
        self.query_one("#big-name", BigText).update(big_name)
        self.query_one("#big-side", BigText).update(side)
        # A get-ready shows the set it leads into: that is when the bar is loaded.
        coming = self._set_ahead(segment)
        detail = describe.detail(coming, self.workout.load_for(coming))
        self._show("#detail", plain(detail))
        last = self._last_time(segment)
        self._show("#last", plain(last))
        proposal = self._proposal_rows(state)
        self._show("#proposal", lines([plain(row) for row in proposal]))
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
        upcoming = self._next_text(segment)
        self._show("#next", plain(upcoming))
        self._refresh_footer(state)
        progress_second = (int(state.elapsed), segment.position, state.started)
        if progress_second != self._progress_second:  # a bar that creeps costs a repaint
            self._progress_second = progress_second
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
            self._widest_time(segment),
            (name, big_name, side),
            picture,
            {
                "detail": [detail],
                "proposal": proposal,
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
        widest: str,
        headings: tuple[str, str, str],
        picture: str | None,
        texts: dict[str, list[str]],
    ) -> None:
        """Show what fits at this size, most important first, each block whole or not at
        all; the clock keeps about a third of the height and takes whatever is left.

        A picture is weighed against `widest` too, the widest time this step will show, so
        it does not come and go as the count passes 10:00 or 9 reps."""
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
        # A heavier load waiting for Enter or Esc is always shown: Enter must never accept
        # what the screen had no room to say. Its reasons alone are dropped like any block.
        pinned = rows("proposal") if self.workout.changes else 0
        fixed = 1 + headline + rows("detail") + pinned + 1  # the banner and the footer
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
                ("proposal", 0 if pinned else rows("proposal")),
                ("cues", rows("cues")),
                ("picture", picture_size.height if drawing else 0),
                ("caution", rows("caution")),
                ("progress", 1 if band == "xs" else 2),
            ],
            picture_beside=lambda alone, beside: all(
                picture_keeps_clock(text, clock_width, alone, beside, picture_size.width)
                for text in (clock, widest)
            ),
        )
        self.query_one("#headline").set_class(not big, "dropped")
        self.query_one("#name").set_class(big, "dropped")
        self.query_one("#detail").set_class(not rows("detail"), "dropped")
        for block in ("hint", "next", "last", "cues", "picture", "caution", "progress"):
            self.query_one(f"#{block}").set_class(block not in shown, "dropped")
        proposal_shown = pinned or ("proposal" in shown and rows("proposal"))
        self.query_one("#proposal").set_class(not proposal_shown, "dropped")
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

    def _proposal_rows(self, state: State) -> list[str]:
        """Before the start: the load each progressing exercise lifts today, and why; a
        new one waits for Enter (take it) or Esc (keep the old), one exercise at a time."""
        if state.started:
            return []
        names = {s.exercise.id: s.name for s in self.plan.work_segments() if s.exercise}
        rows = [
            f"{names.get(p.exercise_id, '')}: {p.reason}"
            for p in self.workout.proposals
            if p.verdict is not Verdict.FIRST
        ]
        changes = self.workout.changes
        if len(changes) > 1:
            asked = changes[0]
            name = names.get(asked.exercise_id, "")
            rows.append(f"{name}: Enter: lift {asked.proposed} · Esc: keep {asked.current}")
        elif changes:
            (asked,) = changes
            rows.append(f"Enter: lift {asked.proposed} and start · Esc: keep {asked.current}")
        elif self._kept:
            rows.append(f"Keeping {', '.join(self._kept)} this time")
        return rows

    def _show(self, selector: str, content: Content) -> None:
        widget = self.query_one(selector, Static)
        shown = widget.content
        if not isinstance(shown, Content):
            widget.update(content)
        elif shown.plain != content.plain or shown.spans != content.spans:
            # Laying the whole screen out again costs more than the rest of a refresh: skip it
            # when the new text has the same shape and fits unwrapped, as a ticking clock does.
            widths = [cell_len(line) for line in content.plain.split("\n")]
            same_size = (
                widths == [cell_len(line) for line in shown.plain.split("\n")]
                and max(widths) <= widget.content_size.width
            )
            widget.update(content, layout=not same_size)

    def _set_ahead(self, segment: Segment) -> Segment:
        """The segment itself, or for a get-ready the work it leads into."""
        index = segment.position + 1
        if segment.kind is Kind.PREP and index < len(self.plan.segments):
            following = self.plan.segments[index]
            if following.kind is Kind.WORK:
                return following
        return segment

    def _next_text(self, segment: Segment) -> str:
        """'Next: …', the step after the one on screen. A get-ready shows the exercise it
        leads into (its name, its cues), so Next looks past that exercise's set."""
        index = segment.position + (2 if segment.kind is Kind.PREP else 1)
        if index >= len(self.plan.segments):
            return "Next: the end of the routine"
        following = self.plan.segments[index]
        # A load corrected with e carries forward: Next names the load that will be used.
        following = following._replace(load=self.workout.load_for(following))
        return f"Next: {describe.line(following)}"

    def _refresh_footer(self, state: State) -> None:
        """Ask the footer to look again when what a key does has changed."""
        shown = (state.started, state.paused, enter_action(state.segment), self._muted())
        if shown != self._footer:
            self._footer = shown
            self.refresh_bindings()

    def _phase_text(self, state: State, segment: Segment) -> Content:
        title = one_line(badged_title(self.plan.routine))
        muted = " · muted" if self._muted() else ""
        if self.workout.practice:  # another speed: said on every screen of it, never missed
            muted += " · PRACTICE"
        # What to press comes before the title: on a narrow screen the title is what is cut.
        if not state.started:
            return join(f"READY · press Enter to start{muted} · ", title)
        if state.paused:
            how = "it carries on when this closes" if self._held else "press Space to resume"
            return join(f"PAUSED · {how}{muted} · ", title)
        return join(f"{PHASES[segment.kind]}{muted} · ", title)

    @staticmethod
    def _widest_time(segment: Segment) -> str:
        """The time this step starts from, the widest it counts down through."""
        if segment.kind is Kind.WORK and segment.tempo and segment.reps:
            return str(segment.reps)
        return format_clock(segment.seconds)

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
            r.reps is not None for r in self.workout.records.values()
        ):
            hint = f"{hint}, e corrects the last set" if hint else "e corrects the last set"
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


def picture_keeps_clock(
    clock: str, width: int, rows_alone: int, rows_beside: int, picture_width: int
) -> bool:
    """Whether the digits beside a picture are as tall as without it: drawn `width` columns
    wide in `rows_alone` rows when alone, and in what the picture leaves of the width, in
    `rows_beside` rows (which may differ: the blocks a picture pushes out give the clock
    their rows)."""
    alone = best_fit(clock, width, rows_alone)
    beside = best_fit(clock, width - picture_width, rows_beside)
    return alone is None or (beside is not None and beside.rows >= alone.rows)


def arrange(
    room: int,
    target: int,
    blocks: list[tuple[str, int]],
    picture_beside: Callable[[int, int], bool],
) -> frozenset[str]:
    """The blocks to show, given in order of importance with their rows, within `room` rows
    shared with the clock box.

    The clock keeps `target` rows of `room`; blocks are kept whole, most important
    first, until one does not fit: it and everything after are dropped. The picture
    stands beside the clock, so it costs no rows unless it is taller than the clock box.
    It is shown only where `picture_beside(rows alone, rows beside)` says the digits,
    in the rows the clock gets without the picture and with it, stay as tall; otherwise
    it is dropped alone and the layout is the one without it."""
    sizes = dict(blocks)
    without = _pack(room, target, [(b, rows) for b, rows in blocks if b != "picture"])
    if not sizes.get("picture"):
        return without
    beside = _pack(room, target, blocks)
    if "picture" in beside and picture_beside(
        _clock_rows(room, without, sizes), _clock_rows(room, beside, sizes)
    ):
        return beside
    return without


def _clock_rows(room: int, shown: frozenset[str], sizes: dict[str, int]) -> int:
    """The rows the clock box gets: all that the blocks shown under it leave (a picture
    stands inside the box, beside the clock)."""
    return max(0, room - sum(sizes[block] for block in shown if block != "picture"))


def _pack(room: int, target: int, blocks: list[tuple[str, int]]) -> frozenset[str]:
    target = min(target, room)
    left = room - target
    tallest = target  # the clock box grows to the picture's height if one is shown
    shown: set[str] = set()
    for block, rows in blocks:
        if block == "picture":
            extra = max(0, rows - tallest)
            if rows and extra <= left:
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
