"""The Textual app: wires screens to the library, the clock, the settings and the cue player.

Screens never navigate themselves: they post a message (ui/messages.py) and the app,
which alone knows how it was opened and what is on the screen stack, decides where to go.
"""

from __future__ import annotations

import asyncio
import gc
import signal
from collections.abc import Callable, Iterable
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.reactive import reactive
from textual.screen import Screen
from textual.theme import Theme

from backcoach.core.clock import Clock, MonotonicClock
from backcoach.core.flare import FLARE_OFFER, FlareMode, flare_variant
from backcoach.core.library import Library, load_library
from backcoach.core.model import Routine
from backcoach.core.plan import Plan, build_plan
from backcoach.core.settings import Settings, load_settings, save_settings
from backcoach.core.wording import visible
from backcoach.ui.guards import GuardedCommandPalette
from backcoach.ui.messages import (
    EditorClosed,
    EditRequested,
    FinishClosed,
    HistoryClosed,
    HistoryRequested,
    QuitRequested,
    StartRequested,
    StopRequested,
    WorkoutFinished,
)
from backcoach.ui.palette import FlareCommands, RoutineCommands, app_commands
from backcoach.ui.screens.library import LibraryScreen

if TYPE_CHECKING:
    from backcoach.audio.cues import Cue
    from backcoach.audio.output import CueOutput
    from backcoach.coach.flow import Coach, Ended
    from backcoach.diary import Diary
    from backcoach.store import History
    from backcoach.ui.screens.editor import EditTarget
    from backcoach.ui.screens.player import PlayerScreen
    from backcoach.workout import Workout

# The player, finish and dialog screens, the workout and the history store are imported
# when first used: the library's first frame should not pay for them (issue 11).

STOP_SIGNALS = ("SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT")
"""Signals that end the app at once: the session stopped keeping what was done, the
terminal restored, and the exit code 128 + the signal (130 for SIGINT, 143 for SIGTERM)."""

INTERRUPTED = 128 + signal.SIGINT
"""Ctrl+C's exit code, as a shell reports a program stopped by it."""


class Opened(Enum):
    """What the app was opened on, which decides where the finish screen leads."""

    LIBRARY = "library"  # `backcoach`: the library is the base screen; finishing returns to it
    ROUTINE = "routine"  # `backcoach play ID`: the player is the base; finishing leaves the app
    EDITOR = "editor"  # `backcoach edit ID`: the editor is the base; leaving it leaves the app


class AppCues:
    """The workout's cue sink: hands each cue to the app's cue player of the moment, unless
    sound is muted. The cue player starts after the first frame, so the workout cannot
    hold it directly."""

    def __init__(self, app: BackcoachApp) -> None:
        self._app = app

    def play(self, cue: Cue) -> None:
        cues = self._app.cues
        if cues is not None and not self._app.muted:
            cues.play(cue)


LET_THE_FLOW_KEEP = 0.2
"""Seconds between closing an answered check-in and leaving: its answer reaches the run's
flow on the next turn of the event loop, and the flow hands it to the diary."""


class BackcoachApp(App[int]):
    # App-wide state that screens watch (never walked to by the app): the player's banner
    # and footer follow `muted`, the library's header and times follow `flare_mode`.
    muted: reactive[bool] = reactive(False)
    flare_mode: reactive[FlareMode | None] = reactive(None)

    CSS_PATH = Path(__file__).with_name("backcoach.tcss")  # absolute: subclasses live elsewhere
    TITLE = "backcoach"
    COMMANDS = App.COMMANDS | {RoutineCommands, FlareCommands}
    BINDINGS: ClassVar[list[BindingType]] = [
        # Ctrl+Q quits, but asks first during a routine, as q does (see action_quit).
        Binding("ctrl+q", "quit", "Quit", show=False, priority=True),
        # In a terminal Ctrl+C arrives as a key, not SIGINT: Textual only says "press
        # Ctrl+Q". A person pressing it means stop now, so it does, as in every other program.
        Binding("ctrl+c", "interrupt", show=False, priority=True),
    ]

    def __init__(
        self,
        plan: Plan | None = None,
        *,
        sound: bool = True,
        speed: float = 1.0,
        clock_factory: Callable[[], Clock] | None = None,
        cues: CueOutput | None = None,
        library_loader: Callable[[], Library] = load_library,
        settings: Settings | None = None,
        save: Callable[[Settings], None] = save_settings,
        history: History | None = None,
        now: Callable[[], datetime] | None = None,
        edit: EditTarget | None = None,
    ) -> None:
        super().__init__()
        self.start_plan = plan
        self.practice = speed != 1
        self._history = history
        self._diary: Diary | None = None
        self.opened = Opened.LIBRARY if plan is None else Opened.ROUTINE
        self.edit_target = edit
        if edit is not None:
            self.opened = Opened.EDITOR
        self.clock_factory: Callable[[], Clock] = clock_factory or (lambda: MonotonicClock(speed))
        self.settings = settings if settings is not None else load_settings()
        self.save_settings = save
        self.sound_wanted = sound and self.settings.sound
        self.cues: CueOutput | None = cues
        self.muted = not self.sound_wanted
        self.workout: Workout | None = None
        """The workout being played, from its start until its finish screen shows."""
        self._library_loader = library_loader
        self._library: Library | None = None
        self._signals: list[int] = []
        self.now: Callable[[], datetime] = now or (lambda: datetime.now().astimezone())
        """The wall clock, for what is dated (the history's calendar and weekly targets)."""
        self._endings: dict[int, Callable[[Ended], None]] = {}
        """By id(workout): whom to tell how each run being played ended (its run flow)."""
        self._later_shown: str | None = None  # a session or an activity being asked about
        """The session whose later check is up in this run of the app: asked once."""

    @property
    def library(self) -> Library:
        if self._library is None:
            self._library = self._library_loader()
        return self._library

    def reload_library(self) -> Library:
        """Read the routines and exercises from disk again (the library screen's poll)."""
        self._library = self._library_loader()
        return self._library

    @property
    def history(self) -> History:
        """The history store, opened on first use: nothing touches the disk before that."""
        if self._history is None:
            from backcoach.store import History

            self._history = History()
        return self._history

    @property
    def diary(self) -> Diary:
        """The one way runs and check-ins are written, on a thread of its own, started on
        first use; its notices reach the screen from that thread."""
        if self._diary is None:
            from backcoach.diary import Diary

            self._diary = Diary(
                self.history,
                on_notice=lambda message: self.call_from_thread(self._history_notice, message),
            )
        return self._diary

    def new_workout(self, plan: Plan) -> Workout:
        from backcoach.recorder import Recorder
        from backcoach.workout import Workout

        recorder = Recorder(self.diary, plan, practice=self.practice)
        return Workout(plan, self.clock_factory(), AppCues(self), recorder)

    @property
    def coach(self) -> Coach:
        """The run flow's view of the app: the history, new runs, the wall clock, and
        which later checks were asked."""
        from backcoach.coach.flow import Coach

        def may_ask_later(session: str) -> bool:
            if session in (self.settings.later_check_asked, self._later_shown):
                return False  # asked once already, or being asked now
            self._later_shown = session
            return True

        def remember_later(session: str) -> None:
            self.settings.later_check_asked = session
            self._save()

        return Coach(
            self.diary,
            self.new_workout,
            self.now,
            checkins=bool(getattr(self.settings, "checkins", True)),
            may_ask_later=may_ask_later,
            remember_later=remember_later,
        )

    def _against_last_time(self, workout: Workout) -> list[tuple[str, str]]:
        """Each counted or loaded exercise of a finished run against last time: a few
        indexed reads, once the run's own writes are done (the workout is closed)."""
        from backcoach.progress import against_last_time

        recorder = workout.recorder
        before = recorder.session if recorder is not None else None
        return against_last_time(self.history, workout.plan, workout.records, before)

    def weekly_labels(self) -> dict[str, tuple[str, str]]:
        """This week's progress of each routine with a target, for the library to show."""
        from backcoach.core.weekly import WeeklyError, parse_weekday
        from backcoach.progress import week_labels, weekly_status

        library = self.library
        found = [library.find(routine_id) for routine_id in library.ids]  # a user's copy wins
        routines = [entry.routine for entry in found if entry is not None and entry.routine]
        try:
            week_starts = parse_weekday(self.settings.week_starts)
        except WeeklyError:
            week_starts = 0  # the settings file already told the user
        labels = week_labels(weekly_status(self.history, routines, self.now(), week_starts))
        return {**labels, **self._warmup_labels(routines)}

    def _warmup_labels(self, routines: list[Routine]) -> dict[str, tuple[str, str]]:
        """Each before-run routine, with how many of this week's runs it warmed up."""
        from backcoach.coach.running_load import week_counts
        from backcoach.core.running import WARMUP_TAG

        counts = week_counts(self.history, routines, self.now().date())
        if counts is None:
            return {}
        done, runs = counts
        short = f"before {done} of {runs} run{'s' if runs != 1 else ''}"
        full = f"Warm-up before {done} of {runs} run{'s' if runs != 1 else ''} this week."
        return {r.id: (short, full) for r in routines if WARMUP_TAG in r.tags}

    def next_loads(self, routine: Routine) -> list[str]:
        """What the routine's next session lifts in each exercise, and why, for a preview."""
        from backcoach.core.progression import Verdict
        from backcoach.progress import proposal_lines, proposals

        found = proposals(self.history, routine, today=self.now().date())
        return proposal_lines([p for p in found if p.verdict is not Verdict.FIRST], routine)

    def _history_notice(self, message: str) -> None:
        self.notify(visible(message), severity="warning", timeout=10, markup=False)

    def get_default_screen(self) -> Screen[None]:
        # The first screen is the app's default one, not pushed over an empty screen.
        if self.start_plan is not None:
            from backcoach.ui.screens.player import PlayerScreen

            self.workout = self.new_workout(self.start_plan)
            return PlayerScreen(self.workout)
        if self.edit_target is not None:
            from backcoach.ui.screens.editor import EditorScreen

            return EditorScreen(self.library, self.edit_target)
        return LibraryScreen(
            self.library, self.weekly_labels, reload=self.reload_library, next_loads=self.next_loads
        )

    def on_mount(self) -> None:
        self._catch_signals()
        self._restore_theme()
        self.check_flare()
        for problem in getattr(self.settings, "problems", []):
            self.notify(visible(str(problem)), severity="warning", timeout=10, markup=False)
        if self.settings.notice_accepted and self.opened is Opened.ROUTINE:
            self._begin()  # the check-in comes with the player: no key may reach it first
        elif self.settings.notice_accepted:
            # After the first frame, which should not wait for sqlite. Until the notice
            # is accepted, its answer starts them instead.
            self.call_after_refresh(self._begin)
        if self.opened is Opened.LIBRARY:
            self.call_after_refresh(self._refresh_schema)
        self.call_after_refresh(self.resume_collector)
        if not self.settings.notice_accepted:
            from backcoach.ui.dialogs.modals import NoticeScreen

            self.push_screen(NoticeScreen(), self._accept_notice)
        if self.cues is None and self.sound_wanted:
            # The audio thread imports playsound3 (which probes for players); after the first frame.
            self.call_after_refresh(self._start_audio)

    @staticmethod
    def resume_collector() -> None:
        """Turn the garbage collector back on if the launcher paused it for the start-up
        (cli.py). What the start-up built lives as long as the app, so it is frozen out of
        the collector's walks: a full collection then no longer stalls a keystroke or the
        countdown's second."""
        if not gc.isenabled():
            gc.freeze()
            gc.enable()

    def _refresh_schema(self) -> None:
        """Bring the user folder's schema up to date with the exercises just loaded, so an
        editor's completion knows the user's own ids."""
        from backcoach.core.schema import refresh_user_schema_if_possible

        refresh_user_schema_if_possible(self.library.catalogue.exercises)

    def on_unmount(self) -> None:
        self._stop_workout()
        loop = asyncio.get_running_loop()
        for signum in self._signals:
            loop.remove_signal_handler(signum)
        self._signals.clear()
        if self.cues is not None:
            self.cues.close()
        if self._diary is not None:
            self._diary.close()  # the last writes reach the disk, then it lets go
        if self._history is not None:
            self._history.close()

    # -- navigation: screens post, the app routes --------------------------------

    def _begin(self) -> None:
        """The questions of opening: the later check of the last session, and when opened
        on a routine, its run's own flow (the check-in before it, over its player)."""
        if self.workout is not None and self.opened is Opened.ROUTINE:
            self._run_flow(self.workout, later_first=True)
        elif self.workout is None:
            self.ask_later()

    @on(StartRequested)
    def _start(self, message: StartRequested) -> None:
        from backcoach.ui.screens.editor import EditorScreen

        if self.opened is Opened.ROUTINE or not isinstance(
            self.screen, LibraryScreen | EditorScreen
        ):
            return  # a second Enter queued behind the first: the player is already there
        if self.workout is not None:
            return
        from backcoach.ui.screens.player import PlayerScreen

        routine = message.routine
        if self.check_flare() is not None:
            routine = flare_variant(routine)
        self.workout = self.new_workout(build_plan(routine))
        self.push_screen(PlayerScreen(self.workout))
        self._run_flow(self.workout)

    @on(WorkoutFinished)
    def _finished(self, message: WorkoutFinished) -> None:
        if message.workout is not self.workout:
            return
        message.workout.close()  # the finish reaches the history before the table shows
        player = self._player_of(message.workout)
        if player is None:
            return
        from backcoach.ui.screens.finish import FinishScreen

        self.workout = None
        # Help, the palette or a question may be over the player: close them first, so the
        # finish screen replaces the player and leaving it never lands on a finished one.
        while self.screen is not player:
            self.pop_screen()
        finish = FinishScreen(
            message.workout, message.completed, self._against_last_time(message.workout)
        )
        if self.opened is Opened.ROUTINE:
            # The player is the base screen, which Textual cannot switch out; leaving the
            # finish screen leaves the app, so the player underneath is never seen again.
            self.push_screen(finish)
        else:
            self.switch_screen(finish)
        self._end_run(message.workout, started=True)

    # -- the run flow (coach/flow.py), its port in ui/run_port.py ------------------

    def _run_flow(self, first: Workout, later_first: bool = False) -> None:
        """Play `first` through the run flow, its questions asked as screens over it;
        `later_first`: the last session's later check is asked before anything else."""
        from backcoach.coach.flow import drive_replies
        from backcoach.ui.run_port import ScreenPort

        from_library = self.opened is not Opened.ROUTINE
        back_to = "back to the library" if from_library else "stop here"
        port = ScreenPort(self, gentler=from_library, back_to=back_to)
        drive_replies(self.coach.run(first, later_check_first=later_first), port)

    def show_run(self, workout: Workout) -> None:
        """The run's player, waiting for Enter; a waiting one of another run (flare-up
        mode's gentler version replacing it) goes."""
        from backcoach.ui.screens.player import PlayerScreen

        player = self._player_of(workout)
        if player is not None:
            player.redraw()  # last time and the proposals were read after its first frame
            return
        waiting = None if self.workout is None else self._player_of(self.workout)
        if waiting is not None and not waiting.workout.started:
            while self.screen is not waiting:
                self.pop_screen()
            self.pop_screen()
        self.workout = workout
        self.push_screen(PlayerScreen(workout))

    def play_run(self, workout: Workout, reply: Callable[[Ended], None]) -> None:
        """Let the waiting player start; `reply` is told how the run ended, once."""
        self._endings[id(workout)] = reply
        player = self._player_of(workout)
        if player is not None:
            player.play()

    def _end_run(self, workout: Workout, started: bool, present: bool = True) -> None:
        """The run ended (or was left): its flow goes on to the check-in after, if any."""
        from backcoach.coach.flow import Ended

        reply = self._endings.pop(id(workout), None)
        if reply is not None:
            reply(Ended(started=started, present=present))

    def leave_run(self, words: str) -> None:
        """Back out of a run not started, once the dialog that chose it has gone: to the
        library, or out of the app."""
        self.call_later(self._back_out, words)

    def _back_out(self, words: str) -> None:
        workout = self.workout
        if workout is None or workout.started:
            return
        if self.opened is Opened.ROUTINE:
            self.exit(0)
            return
        player = self._player_of(workout)
        if player is not None:
            while self.screen is not player:
                self.pop_screen()
            self.pop_screen()  # back to the library underneath
        workout.close()
        self.workout = None
        self.notify(words, timeout=4, markup=False)

    def tell(self, words: str) -> None:
        self.notify(visible(words), severity="warning", timeout=10, markup=False)

    def ask_later(self) -> None:
        """How the back is, on a later day than the last session: once in a run of the
        app, and once ever for each session."""
        from backcoach.coach.flow import drive_replies
        from backcoach.ui.run_port import ScreenPort

        drive_replies(self.coach.later_check(), ScreenPort(self, gentler=False, back_to=""))

    def action_toggle_checkins_setting(self) -> None:
        self.settings.checkins = not self.settings.checkins
        self._save()
        self.notify("Check-ins on" if self.settings.checkins else "Check-ins off", timeout=2)

    @on(FinishClosed)
    def _finish_closed(self) -> None:
        from backcoach.ui.screens.finish import FinishScreen

        if not isinstance(self.screen, FinishScreen):
            return
        if self.opened is Opened.ROUTINE:
            self.exit(0)
        else:
            self.pop_screen()  # back to the library underneath

    @on(HistoryRequested)
    def _show_history(self) -> None:
        if not isinstance(self.screen, LibraryScreen):
            return  # a second h queued behind the first: the history is already there
        from backcoach.ui.screens.history import HistoryScreen

        self.push_screen(HistoryScreen(self.history, self.library, self.settings, self.now()))

    @on(HistoryClosed)
    def _history_closed(self) -> None:
        from backcoach.ui.screens.history import HistoryScreen

        if isinstance(self.screen, HistoryScreen):
            self.pop_screen()  # back to the library underneath

    @on(EditRequested)
    def _edit(self, message: EditRequested) -> None:
        if not isinstance(self.screen, LibraryScreen):
            return  # a second key queued behind the first: the editor is already there
        from backcoach.ui.screens.editor import EditorScreen, target_for

        target = target_for(message.entry, message.copy)
        if isinstance(target, str):
            self.notify(target, severity="warning", markup=False)
            return
        self.push_screen(EditorScreen(self.library, target))

    @on(EditorClosed)
    def _editor_closed(self, message: EditorClosed) -> None:
        from backcoach.ui.screens.editor import EditorScreen

        if self.opened is Opened.EDITOR:
            self.exit(0)
            return
        if isinstance(self.screen, EditorScreen):
            self.pop_screen()
        if message.saved is not None and isinstance(self.screen, LibraryScreen):
            self.screen.show_saved(message.saved)

    @on(QuitRequested)
    def _quit(self) -> None:
        self._stop_workout()
        # An editor under the player (or on top) with unsaved changes asks before the app goes.
        editor = next((s for s in self.screen_stack if getattr(s, "modified", False)), None)
        if editor is not None and hasattr(editor, "before_quit"):
            self.workout = None
            while self.screen is not editor:
                self.pop_screen()
            editor.before_quit(lambda: self.exit(0))
            return
        self.exit(0)

    @on(StopRequested)
    def _stop_requested(self) -> None:
        if self.opened is Opened.ROUTINE:
            self._quit()
            return
        from backcoach.ui.screens.player import PlayerScreen

        if not isinstance(self.screen, PlayerScreen):
            return  # a second q queued behind the first: the player has already gone
        workout = self.workout
        started = workout is not None and workout.started
        if workout is not None and workout.started and not workout.finished:
            workout.stop()
        self.workout = None  # its Finished event, still to be polled, is no longer awaited
        self.pop_screen()  # back to the library underneath
        if started:
            self.notify("Stopped. What you did is kept in your history.", timeout=4)
        if workout is not None:
            # Pain is a common reason to stop: the run's flow asks the check-in after here too.
            self._end_run(workout, started=started)

    async def action_quit(self) -> None:
        """Ctrl+Q (and the palette's Quit): leave the app, asking first during a routine."""
        from backcoach.ui.dialogs.modals import ConfirmQuitScreen

        if self._close_answered_checkin():
            self.set_timer(LET_THE_FLOW_KEEP, self.action_quit)
            return
        if self._running_player() is None:
            self._quit()
        elif not isinstance(self.screen, ConfirmQuitScreen):

            def answer(stop: bool | None) -> None:
                if stop:
                    self._quit()

            self.push_screen(ConfirmQuitScreen("Stop this routine and quit backcoach?"), answer)

    def action_interrupt(self) -> None:
        """Ctrl+C: stop at once, keeping what was done."""
        if self._close_answered_checkin():
            self.set_timer(LET_THE_FLOW_KEEP, self.action_interrupt)
            return
        self._stop_workout()
        self.exit(INTERRUPTED, return_code=INTERRUPTED)

    def _close_answered_checkin(self) -> bool:
        """A check-in answered and shown as kept, still open for its words to be read: its
        answer reaches the run's flow (which keeps it) when it closes, so it closes first.
        True when one was closed; leaving waits a moment for the flow to keep it."""
        from backcoach.ui.dialogs.checkin import CheckInScreen

        screen = self.screen
        if isinstance(screen, CheckInScreen) and screen.outcome is not None:
            screen.action_done()
            return True
        return False

    def _running_player(self) -> PlayerScreen | None:
        workout = self.workout
        if workout is None or not workout.started or workout.finished:
            return None
        return self._player_of(workout)

    def _player_of(self, workout: Workout) -> PlayerScreen | None:
        from backcoach.ui.screens.player import PlayerScreen

        for screen in self.screen_stack:
            if isinstance(screen, PlayerScreen) and screen.workout is workout:
                return screen
        return None

    def _stop_workout(self) -> None:
        """End a workout still running, keeping what was done (its sets stay recorded)."""
        workout = self.workout
        if workout is not None and workout.started and not workout.finished:
            workout.stop()
        if workout is not None:
            workout.close()
            self._end_run(workout, started=workout.started, present=False)

    # -- flare-up mode -----------------------------------------------------------

    def check_flare(self) -> FlareMode | None:
        """Flare-up mode as it stands now; when it has just ended, say so (once)."""
        from backcoach.core.flare_state import flare_status

        status = flare_status(self.now(), self.settings.flare_days)
        if status.ended is not None:
            self.notify(status.ended, title="Flare-up mode is off", timeout=15, markup=False)
        if status.mode != self.flare_mode:
            self.flare_mode = status.mode
        return status.mode

    def action_toggle_flare(self) -> None:
        """The f key in the library: on for flare_days, or off at once."""
        if self.check_flare() is None:
            self.action_start_flare()
        else:
            self.action_end_flare()

    def action_start_flare(self) -> None:
        """Switch flare-up mode on, or renew it, for flare_days from now."""
        from backcoach.core.flare_state import start_flare_mode

        now, days = self.now(), self.settings.flare_days
        try:
            self.flare_mode = start_flare_mode(now, days)
        except OSError as error:
            self.flare_mode = FlareMode(now, days)
            self.notify(
                f"Flare-up mode could not be kept for next time ({error.strerror or error}).",
                severity="warning",
                markup=False,
            )
        offer = self.library.find(FLARE_OFFER)
        help_ = f" {offer.routine.title} may help too." if offer and offer.routine else ""
        self.notify(
            f"Flare-up mode is on {self.flare_mode.until_text()}: routines are gentler.{help_}",
            title="Flare-up mode",
            timeout=8,
            markup=False,
        )

    def action_end_flare(self) -> None:
        from backcoach.core.flare_state import end_flare_mode

        try:
            end_flare_mode()
        except OSError as error:
            self.notify(
                f"Flare-up mode could not be switched off ({error.strerror or error}).",
                severity="warning",
                markup=False,
            )
            return
        self.flare_mode = None
        self.notify("Flare-up mode is off: routines are back to their usual plan.", timeout=5)

    # -- signals -----------------------------------------------------------------

    def _catch_signals(self) -> None:
        """SIGTERM, SIGHUP and SIGQUIT end the app through Textual's own exit, which takes
        the terminal out of the alternate screen, stops mouse tracking and shows the cursor.
        Left to their defaults they killed the process with the terminal in that state.
        Not under tests (headless): the handlers would belong to the test runner."""
        if self.is_headless:
            return
        loop = asyncio.get_running_loop()
        for name in STOP_SIGNALS:
            signum = getattr(signal, name, None)
            if signum is None:
                continue  # Windows has no SIGHUP or SIGQUIT
            try:
                loop.add_signal_handler(signum, self.stop_for_signal, signum)
            except (NotImplementedError, RuntimeError, ValueError):
                continue  # not the main thread, or a loop without signal support
            self._signals.append(signum)

    def stop_for_signal(self, signum: int) -> None:
        """Stop the session, keeping what was done, and exit with 128 + the signal number."""
        self._stop_workout()
        self.exit(128 + signum, return_code=128 + signum)

    # -- sound -------------------------------------------------------------------

    def _accept_notice(self, accepted: bool | None) -> None:
        if accepted:
            self.settings.notice_accepted = True
            self._save()
            self._begin()

    def _start_audio(self) -> None:
        from backcoach.audio.player import CuePlayer

        self.cues = cues = CuePlayer(
            voice=self.settings.voice,
            on_unavailable=lambda reason: self.call_from_thread(self._sound_unavailable, reason),
            bell=lambda: self.call_from_thread(self.flash),
        )
        cues.set_muted(self.muted)

    def _sound_unavailable(self, reason: str) -> None:
        self.notify(
            f"Sound is unavailable ({visible(reason)}). Using the terminal bell and a flash instead.",
            timeout=8,
            markup=False,
        )

    def flash(self) -> None:
        if self.muted:
            return
        self.bell()
        screen = self.screen
        screen.add_class("flash")
        self.set_timer(0.3, lambda: screen.remove_class("flash"))

    # -- actions shared by every screen ------------------------------------------

    def action_toggle_mute(self) -> None:
        self.muted = not self.muted
        if self.cues is not None:
            self.cues.set_muted(self.muted)
        elif not self.muted:
            self._start_audio()
        self.notify("Sound off" if self.muted else "Sound on", timeout=2)

    def action_toggle_sound_setting(self) -> None:
        self.settings.sound = not self.settings.sound
        self._save()
        if self.muted == self.settings.sound:
            self.action_toggle_mute()

    def action_toggle_voice_setting(self) -> None:
        self.settings.voice = not self.settings.voice
        self._save()
        has_voice = self.cues is not None and self.cues.has_voice
        if self.cues is not None:
            self.cues.voice = self.settings.voice and has_voice
        if self.settings.voice and self.cues is not None and not has_voice:
            self.notify(
                "No speech program found; install espeak-ng (Linux) to hear spoken cues.", timeout=6
            )
        else:
            self.notify("Spoken cues on" if self.settings.voice else "Spoken cues off", timeout=2)

    # -- the theme ----------------------------------------------------------------

    def _restore_theme(self) -> None:
        """Use the theme chosen last time, then keep each new choice."""
        chosen = self.settings.theme
        if chosen in self.available_themes:
            self.theme = chosen
        else:
            self.notify(
                f"The theme '{visible(chosen)}' in settings.yaml is not one backcoach has; "
                f"using {self.theme}. Ctrl+P, then 'theme', lists them.",
                severity="warning",
                timeout=10,
                markup=False,
            )
        # Subscribed after the theme above is applied (its signal comes on the next turn
        # of the loop, and names the theme just restored, which is then not saved again).
        self.theme_changed_signal.subscribe(self, self._theme_changed)

    def _theme_changed(self, theme: Theme) -> None:
        if theme.name != self.settings.theme:
            self.settings.theme = theme.name
            self._save()

    def _save(self) -> None:
        try:
            self.save_settings(self.settings)
        except OSError as error:
            self.notify(
                f"Could not save settings: {error.strerror}", severity="warning", markup=False
            )

    def action_help(self) -> None:
        from backcoach.ui.dialogs.modals import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(library_first=isinstance(self.screen, LibraryScreen)))

    def action_command_palette(self) -> None:
        if self.use_command_palette and not self.screen.has_class("--textual-command-palette"):
            self.push_screen(GuardedCommandPalette(id="--command-palette"))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield from app_commands(self, screen)


def run_app(plan: Plan | None, sound: bool, speed: float, edit: EditTarget | None = None) -> int:
    app = BackcoachApp(plan, sound=sound, speed=speed, edit=edit)
    result = app.run()
    return result if isinstance(result, int) else (app.return_code or 0)
