"""The player: what to do now, how long is left, and what comes next, readable from the floor."""

from __future__ import annotations

import gc

from textual import events
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.geometry import Size
from textual.reactive import var
from textual.screen import Screen
from textual.timer import Timer

from backcoach.core import describe
from backcoach.core.durations import Load
from backcoach.core.plan import Kind, Segment
from backcoach.core.session import Event, Finished, State, implausible_reps
from backcoach.core.ticks import until_shown_change
from backcoach.ui.dialogs.modals import (
    AdjustSetScreen,
    ConfirmQuitScreen,
    ConfirmRepsScreen,
)
from backcoach.ui.keys import PLAYER_KEYS, bindings
from backcoach.ui.messages import StopRequested, WorkoutFinished
from backcoach.ui.screens.player_layout import (
    BANDS,
    arrange,
    clock_target,
    headline_rows,
    picture_keeps_clock,
    rows_of,
    size_band,
)
from backcoach.ui.screens.player_words import Asides, Said, words_for
from backcoach.ui.state import app_state
from backcoach.ui.text import lines, one_line, plain
from backcoach.ui.widgets.bigclock import BigClock, BigText, plain_lines
from backcoach.ui.widgets.footer import KeysFooter
from backcoach.ui.widgets.player_blocks import RunProgress, Words
from backcoach.workout import Workout

SETTLE = 0.001
"""Wall seconds to wake after a second's boundary, never just before it: Textual's timers
may fire half a millisecond early, and a refresh a hair too soon would show nothing new."""


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
    keys_now: var[tuple[bool, bool, str | None, bool] | None] = var(None, init=False)
    """Started, paused, what Enter does, muted: when it changes, so does the footer."""
    _room = Size(0, 0)  # the size the layout was chosen for (see _fit)

    def __init__(self, workout: Workout) -> None:
        super().__init__()
        self.workout = workout
        self.plan = workout.plan
        self._reported = False
        self._held = False
        """Paused because a dialog covered the player (not by the person): resumes on close."""
        self._typed = ""  # the reps typed before Enter, for the set at _typed_for
        self._typed_for: int | None = None
        self._kept: list[str] = []  # the old loads kept with Esc, said until the start
        self.refresh_timer: Timer | None = None
        """The one-shot timer set for the next moment the screen changes on its own."""
        self.refresh_due: float | None = None
        """Routine seconds from the last refresh to the next one the timer will make."""
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
        yield Words(id="phase")
        with Horizontal(id="headline"):
            yield BigText(id="big-name", max_scale=1, max_lines=2)
            yield BigText(id="big-side", max_scale=1)
        yield Words(id="name")
        yield Words(id="detail")
        yield Words(id="proposal")
        with Horizontal(id="middle"):
            yield BigClock(id="timer")
            yield Words(id="picture")
        yield Words(id="hint")
        yield Words(id="next")
        yield Words(id="last")
        yield Words(id="cues")
        yield Words(id="caution")
        yield RunProgress(id="progress")
        yield Words(id="times")
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
        """Draw again now, though no second has passed: something shown that the clock does
        not move has changed (mute, a corrected load, a pause for a dialog)."""
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
        """Hand each block what it shows now; a block whose words are unchanged is not
        redrawn (each holds them in a reactive), so a second that moves only the clock
        repaints only the clock."""
        segment = state.segment or self.plan.segments[0]
        if self._typed_for != segment.position:  # digits typed belong to the set they were for
            self._typed, self._typed_for = "", segment.position
        asides = Asides(self._typed, tuple(self._kept), self._held, self._muted())
        said = words_for(self.workout, state, segment, asides)
        self.set_class(state.paused, "paused")
        self.set_class(not state.started, "ready")
        for kind in Kind:
            self.set_class(segment.kind is kind, f"kind-{kind.value}")
        # Padded to the full width: a reversed banner is a bar only where there is text,
        # and the bar is what tells work from rest at a glance when there is no colour.
        phase = Content(" ") + said.phase
        self._say("#phase", phase.extend_right(max(0, self._room.width - phase.cell_length)))
        self._say("#name", plain(said.name))
        self.query_one("#big-name", BigText).value = said.big_name
        self.query_one("#big-side", BigText).value = said.side
        self._say("#detail", plain(said.detail))
        self._say("#last", plain(said.last))
        self._say("#proposal", lines([plain(row) for row in said.proposal]))
        self.query_one("#timer", BigClock).value = said.clock
        self._say("#hint", plain(said.hint))
        self._say("#picture", plain(said.picture or ""))
        self._say("#cues", lines([plain(row) for row in said.cues]))
        self._say("#caution", said.caution)
        self._say("#next", plain(said.upcoming))
        self.keys_now = (
            state.started,
            state.paused,
            enter_action(state.segment),
            asides.muted,
        )
        self.query_one("#progress", RunProgress).show(
            state.progress, (int(state.elapsed), segment.position, state.started)
        )
        self._say("#times", plain(said.times))
        self._arrange(said)

    def _say(self, selector: str, content: Content) -> None:
        self.query_one(selector, Words).words = content

    def watch_keys_now(self) -> None:
        """What a key does has changed: the footer looks again."""
        self.refresh_bindings()

    def _arrange(self, said: Said) -> None:
        """Show what fits at this size, most important first, each block whole or not at
        all; the clock keeps about a third of the height and takes whatever is left.

        A picture is weighed against the widest time this step will show too, so it does
        not come and go as the count passes 10:00 or 9 reps."""
        texts = {
            "detail": [said.detail],
            "proposal": list(said.proposal),
            "hint": [said.hint],
            "next": [said.upcoming],
            "last": [said.last],
            "cues": list(said.cues),
            "caution": str(said.caution).splitlines(),
        }
        width, height = self._room
        band = size_band(width, height)
        pad = 1 if band in ("xs", "s") else 2
        text_width = max(1, width - 2 * pad)
        frame = 0 if band == "xs" else 2  # the clock's border, which tells the states apart
        big = band == "l"

        def rows(key: str) -> int:
            return sum(len(plain_lines(line, text_width)) for line in texts[key] if line)

        if big:
            headline = headline_rows(said.big_name, said.side, text_width)
        else:
            headline = rows_of(said.name, text_width)
        # A heavier load waiting for Enter or Esc is always shown: Enter must never accept
        # what the screen had no room to say. Its reasons alone are dropped like any block.
        pinned = rows("proposal") if self.workout.changes else 0
        fixed = 1 + headline + rows("detail") + pinned + 1  # the banner and the footer
        clock_width = max(1, width - 2 * pad - frame)
        drawing = said.picture.splitlines() if said.picture else []
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
                for text in (said.clock, said.widest)
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
