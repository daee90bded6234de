"""The Textual app: wires screens to the library, the clock, the settings and the cue player."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path

from textual.app import App, SystemCommand
from textual.screen import Screen

from backcoach.core.clock import Clock, MonotonicClock
from backcoach.core.library import Library, load_library
from backcoach.core.plan import Plan, build_plan
from backcoach.core.settings import Settings, load_settings, save_settings
from backcoach.ui.library import LibraryScreen

# The player, finish and dialog screens are imported when first shown: the library's
# first frame should not pay for them.


class BackcoachApp(App[int]):
    CSS_PATH = Path(__file__).with_name("backcoach.tcss")  # absolute: subclasses live elsewhere
    TITLE = "backcoach"

    def __init__(
        self,
        plan: Plan | None = None,
        *,
        sound: bool = True,
        speed: float = 1.0,
        clock_factory: Callable[[], Clock] | None = None,
        cues=None,
        library_loader: Callable[[], Library] = load_library,
        settings: Settings | None = None,
        save: Callable[[Settings], None] = save_settings,
    ) -> None:
        super().__init__()
        self.start_plan = plan
        self.clock_factory = clock_factory or (lambda: MonotonicClock(speed))
        self.settings = settings if settings is not None else load_settings()
        self.save_settings = save
        self.sound_wanted = sound and self.settings.sound
        self.cues = cues
        self.muted = not self.sound_wanted
        self._library_loader = library_loader
        self._library: Library | None = None

    @property
    def library(self) -> Library:
        if self._library is None:
            self._library = self._library_loader()
        return self._library

    def get_default_screen(self) -> Screen:
        # The first screen is the app's default one, not pushed over an empty screen.
        if self.start_plan is not None:
            from backcoach.ui.player import PlayerScreen

            return PlayerScreen(self.start_plan, self.clock_factory())
        return LibraryScreen(self.library)

    def on_mount(self) -> None:
        if not self.settings.notice_accepted:
            from backcoach.ui.modals import NoticeScreen

            self.push_screen(NoticeScreen(), self._accept_notice)
        if self.cues is None and self.sound_wanted:
            # The audio thread imports playsound3 (which probes for players); after the first frame.
            self.call_after_refresh(self._start_audio)

    def _accept_notice(self, accepted: bool | None) -> None:
        if accepted:
            self.settings.notice_accepted = True
            self._save()

    def _start_audio(self) -> None:
        from backcoach.audio.player import CuePlayer

        self.cues = CuePlayer(
            voice=self.settings.voice,
            on_unavailable=lambda reason: self.call_from_thread(self._sound_unavailable, reason),
            bell=lambda: self.call_from_thread(self.flash),
        )
        self.cues.set_muted(self.muted)

    def _sound_unavailable(self, reason: str) -> None:
        self.notify(
            f"Sound is unavailable ({reason}). Using the terminal bell and a flash instead.",
            timeout=8,
        )

    def flash(self) -> None:
        if self.muted:
            return
        self.bell()
        self.screen.add_class("flash")
        self.set_timer(0.3, lambda: self.screen.remove_class("flash"))

    def play_cue(self, cue) -> None:
        if self.cues is not None and not self.muted:
            self.cues.play(cue)

    # -- actions shared by every screen ---------------------------------------

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
        has_voice = self.cues is not None and getattr(self.cues, "has_voice", False)
        if self.cues is not None:
            self.cues.voice = self.settings.voice and has_voice
        if self.settings.voice and self.cues is not None and not has_voice:
            self.notify(
                "No speech program found; install espeak-ng (Linux) to hear spoken cues.", timeout=6
            )
        else:
            self.notify("Spoken cues on" if self.settings.voice else "Spoken cues off", timeout=2)

    def _save(self) -> None:
        try:
            self.save_settings(self.settings)
        except OSError as error:
            self.notify(f"Could not save settings: {error.strerror}", severity="warning")

    def action_help(self) -> None:
        from backcoach.ui.modals import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def start_routine(self, routine) -> None:
        from backcoach.ui.player import PlayerScreen

        self.push_screen(PlayerScreen(build_plan(routine), self.clock_factory()))

    def show_finish(self, session, completed: bool) -> None:
        from backcoach.ui.finish import FinishScreen

        if len(self.screen_stack) == 1:  # the player is the base screen (`backcoach play`)
            self.push_screen(FinishScreen(session, completed))
            return
        self.switch_screen(FinishScreen(session, completed))

    def leave_finish(self) -> None:
        if self.start_plan is not None:
            self.exit(0)
        else:
            self.pop_screen()  # back to the library underneath

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        yield SystemCommand(
            "Mute or unmute sound", "For this session (the m key)", self.action_toggle_mute
        )
        sound = "off" if self.settings.sound else "on"
        yield SystemCommand(
            f"Settings: turn sound {sound}", "Saved for next time", self.action_toggle_sound_setting
        )
        voice = "off" if self.settings.voice else "on"
        yield SystemCommand(
            f"Settings: turn spoken cues {voice}",
            "Saved for next time",
            self.action_toggle_voice_setting,
        )
        yield SystemCommand(
            "Help and red flags", "Keys, and symptoms that need care now", self.action_help
        )
        for entry in self.library.entries:
            if entry.routine is not None:
                yield SystemCommand(
                    f"Start routine: {entry.routine.title}",
                    f"{entry.id} · {build_plan(entry.routine).short_total()} · {', '.join(entry.routine.tags)}",
                    partial(self.start_routine, entry.routine),
                )

    def on_unmount(self) -> None:
        if self.cues is not None:
            self.cues.close()


def run_app(plan: Plan | None, sound: bool, speed: float) -> int:
    app = BackcoachApp(plan, sound=sound, speed=speed)
    result = app.run()
    return result if isinstance(result, int) else (app.return_code or 0)
