"""The command palette's own commands: 'Start routine: …' and flare-up mode on, renewed
or off (over the library only), and the app's commands beside Textual's (mute, settings,
history, help).

Textual's system commands read their titles and help as markup, so a routine title of
`Rehab [new` crashed the palette and `[@click=…]` made a link. This provider builds its
prompts as Content from plain text, and highlights matches itself.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import Any, Protocol, runtime_checkable

from textual.app import SystemCommand
from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher
from textual.message import Message
from textual.screen import Screen

from backcoach.core.flare import FlareMode
from backcoach.core.model import Routine
from backcoach.core.plan import build_plan
from backcoach.core.settings import Settings
from backcoach.ui.messages import HistoryRequested
from backcoach.ui.screens.library import LibraryScreen
from backcoach.ui.text import one_line, plain

PREFIX = "Start routine: "


def highlight(matcher: Matcher, candidate: str) -> Content:
    """`candidate` as plain Content, with the letters the query matched highlighted."""
    content = Content(candidate)
    _, offsets = matcher.fuzzy_search.match(matcher.query, candidate)
    for offset in offsets:
        if not candidate[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content


class RoutineCommands(Provider):
    def _routines(self) -> Iterator[tuple[str, Content, Routine]]:
        screen = self.screen
        if not isinstance(screen, LibraryScreen):
            return  # a routine starts from the library; the player has one running
        for entry in screen.library.entries:
            routine = entry.routine
            if routine is None:
                continue
            title = PREFIX + one_line(routine.title)
            about = [entry.id, build_plan(routine).short_total(), ", ".join(routine.tags)]
            yield title, plain(one_line(" · ".join(filter(None, about))), "dim"), routine

    def _start(self, routine: Routine) -> None:
        screen = self.screen
        if isinstance(screen, LibraryScreen):
            screen.start(routine.source, routine.id)  # as it is on disk now

    async def discover(self) -> Hits:
        for title, about, routine in self._routines():
            yield DiscoveryHit(
                Content("\n").join([Content(title), about]),
                partial(self._start, routine),
                text=title,
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, about, routine in self._routines():
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score,
                    Content("\n").join([highlight(matcher, title), about]),
                    partial(self._start, routine),
                    text=title,
                )


@runtime_checkable
class FlareSwitch(Protocol):
    """What the flare-up commands need of the app (palette.py cannot import the app)."""

    settings: Settings

    def check_flare(self) -> FlareMode | None: ...
    def action_start_flare(self) -> None: ...
    def action_end_flare(self) -> None: ...


class FlareCommands(Provider):
    """Flare-up mode from the palette: on (or renewed) for flare_days, or off."""

    def _commands(self) -> list[tuple[str, str, Callable[[], None]]]:
        app = self.app
        if not isinstance(self.screen, LibraryScreen) or not isinstance(app, FlareSwitch):
            return []  # switched where routines are chosen, never in the middle of one
        days = app.settings.flare_days
        span = f"{days} day{'s' if days != 1 else ''}"
        mode = app.check_flare()
        if mode is None:
            return [
                (
                    "Flare-up mode: switch on",
                    f"Gentler routines for {span} (the f key)",
                    app.action_start_flare,
                )
            ]
        return [
            (
                "Flare-up mode: renew",
                f"On {mode.until_text()}; renewing makes it {span} from now",
                app.action_start_flare,
            ),
            ("Flare-up mode: switch off", "Back to the usual routines now", app.action_end_flare),
        ]

    async def discover(self) -> Hits:
        for title, about, command in self._commands():
            yield DiscoveryHit(
                Content("\n").join([Content(title), plain(about, "dim")]), command, text=title
            )

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, about, command in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score,
                    Content("\n").join([highlight(matcher, title), plain(about, "dim")]),
                    command,
                    text=title,
                )


class CommandHost(Protocol):
    """What the app's own palette commands reach of it (a Protocol: no module of ui/
    imports the app)."""

    settings: Settings

    def action_toggle_mute(self) -> None: ...
    def action_toggle_sound_setting(self) -> None: ...
    def action_toggle_voice_setting(self) -> None: ...
    def action_toggle_checkins_setting(self) -> None: ...
    def action_help(self) -> None: ...
    def post_message(self, message: Message) -> bool: ...


def app_commands(host: CommandHost, screen: Screen[Any]) -> Iterator[SystemCommand]:
    """The app's commands, offered after Textual's own."""
    # Titles and help here are read as markup by Textual: only fixed words, never a
    # routine's title (RoutineCommands offers those, as plain text).
    yield SystemCommand(
        "Mute or unmute sound", "For this session (the m key)", host.action_toggle_mute
    )
    sound = "off" if host.settings.sound else "on"
    yield SystemCommand(
        f"Settings: turn sound {sound}", "Saved for next time", host.action_toggle_sound_setting
    )
    voice = "off" if host.settings.voice else "on"
    yield SystemCommand(
        f"Settings: turn spoken cues {voice}",
        "Saved for next time",
        host.action_toggle_voice_setting,
    )
    checkins = "off" if host.settings.checkins else "on"
    yield SystemCommand(
        f"Settings: turn check-ins {checkins}",
        "Before and after each routine; saved for next time",
        host.action_toggle_checkins_setting,
    )
    if isinstance(screen, LibraryScreen):
        yield SystemCommand(
            "History",
            "Past sessions and their sets, progress, weekly targets (the h key)",
            # Routed like the h key, once the palette has closed over the library.
            lambda: host.post_message(HistoryRequested()),
        )
    yield SystemCommand(
        "Help and red flags", "Keys, and symptoms that need care now", host.action_help
    )
