"""The run flow's port in the app: each question a screen, its dismissal the answer.

The flow (coach/flow.py) decides what is asked and what is kept; here each request
becomes a screen pushed over what is showing, and the screen's result is the reply. What
only the app can do (show a player, learn how its run ended, go back) it does through
the small `RunHost` below, which the app implements: no module here imports the app.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol

from textual.screen import Screen

from backcoach.coach.flow import Answer, AskCheckIn, AskGoOn, Ended, FlareChoice, OfferFlare
from backcoach.ui.dialogs.checkin import CheckInScreen, FlareOfferScreen, GoOnScreen
from backcoach.workout import Workout


class RunHost(Protocol):
    """What the run's port needs from the app."""

    def push_screen(self, screen: Screen[Any], callback: Callable[[Any], None]) -> Any: ...
    def show_run(self, workout: Workout) -> None: ...
    def play_run(self, workout: Workout, reply: Callable[[Ended], None]) -> None: ...
    def leave_run(self, words: str) -> None: ...
    def action_start_flare(self) -> None: ...
    def tell(self, words: str) -> None: ...


class ScreenPort:
    """`gentler`: whether flare-up mode's version can replace the waiting player (not when
    the app was opened on the routine: its player is the base screen). `back_to`: where
    going back from the flare-up offer leads, in words."""

    def __init__(self, host: RunHost, gentler: bool, back_to: str) -> None:
        self.host = host
        self.gentler = gentler
        self.back_to = back_to

    def ask_checkin(self, request: AskCheckIn, reply: Callable[[Answer], None]) -> None:
        def answered(answer: Answer | None) -> None:
            reply(answer if answer is not None else Answer(None))

        screen = CheckInScreen(request.title, request.phase, request.compare)
        self.host.push_screen(screen, answered)

    def ask_go_on(self, request: AskGoOn, reply: Callable[[bool], None]) -> None:
        self.host.push_screen(GoOnScreen(request.title, request.words), lambda go: reply(bool(go)))

    def offer_flare(self, request: OfferFlare, reply: Callable[[FlareChoice], None]) -> None:
        def chosen(choice: FlareChoice | None) -> None:
            reply(choice if choice is not None else FlareChoice.STOP)

        hint = None if self.gentler else "backcoach play ROUTINE --flare plays them."
        self.host.push_screen(FlareOfferScreen(request.reason, self.back_to, hint), chosen)

    def switch_flare_on(self) -> None:
        self.host.action_start_flare()

    def show(self, workout: Workout) -> None:
        self.host.show_run(workout)

    def play(self, workout: Workout, reply: Callable[[Ended], None]) -> None:
        self.host.play_run(workout, reply)

    def leave(self, words: str) -> None:
        self.host.leave_run(words)

    def tell(self, words: str) -> None:
        self.host.tell(words)
