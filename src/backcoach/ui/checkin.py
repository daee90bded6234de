"""Check-ins in the app: the screens that ask, and the flow around a routine.

Before a routine the check-in sits over the player, which waits for Enter to start, so
skipping it (Esc) or answering it lands on the same ready-to-start player. After the
routine it sits over the finish screen and says where the leg symptoms went. The rules
themselves (what is worse, what offers flare-up mode) live in core/backcheck.py.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from backcoach.core import safety
from backcoach.core.backcheck import (
    MAX_PAIN,
    REACHES,
    CheckInError,
    Reach,
    Reading,
    describe,
    flare_reason,
    is_strength,
    later_sentence,
    parse_score,
    reach_sentence,
)
from backcoach.store import Phase
from backcoach.ui.footer import KeysFooter
from backcoach.ui.guards import Dialog
from backcoach.ui.messages import FlareOffered
from backcoach.ui.modals import FitsShortTerminal, ReadThrough
from backcoach.ui.text import join, lines, one_line, plain

if TYPE_CHECKING:
    from backcoach.ui.app import BackcoachApp
    from backcoach.workout import Workout

CHECKIN_CSS: list[str | PurePath] = [
    Path(__file__).with_name("dialogs.tcss"),
    Path(__file__).with_name("checkin.tcss"),
]

BACK, LEG, REACH = 0, 1, 2
REACH_WORDS = {
    Reach.NONE: "none",
    Reach.BUTTOCK: "buttock",
    Reach.THIGH: "thigh",
    Reach.KNEE: "below the knee",
    Reach.FOOT: "foot",
}
HINT = "Type a number, Enter · ←→ or 0-4 for the reach · r red flags · Esc skips"


@dataclass(frozen=True)
class Answer:
    """What a check-in screen gives back."""

    reading: Reading | None  # None: skipped
    go_on: bool = True  # False: the person chose not to start, from the red-flag screen


class CheckInScreen(FitsShortTerminal[Answer]):
    """Back pain, leg pain, and how far down the leg: driven by keys alone.

    Digits and Enter for the two scores (Backspace corrects, and on an empty score goes
    back a question), arrows or the digits 0-4 for the reach, Esc skips the whole
    check-in, r opens the red-flag checklist. `compare`: after a routine, the reading to
    compare with; the screen then says where the symptoms went before it closes.
    """

    CSS_PATH = CHECKIN_CSS
    # Enter and Esc are read in on_key with the digits: a binding can run ahead of digits
    # still queued for this screen, so "5" then Enter typed fast would find the answer
    # empty. Their bindings never see a key (on_key takes it first): they are there so
    # the footer names them, and a click on one does what the key does.
    BINDINGS = [
        Binding("enter", "next", "Next"),
        Binding("enter", "done", "Done"),
        Binding("escape", "skip", "Skip"),
        Binding("r", "red_flags", "Red flags"),
        Binding("question_mark", "app.help", "Help"),
    ]

    def __init__(self, title: str, phase: Phase, compare: Reading | None = None) -> None:
        super().__init__()
        self.heading = title
        self.phase = phase
        self.compare = compare
        self.field = BACK
        self.typed = ["", ""]
        self.reach: Reach | None = None
        self.problem = ""
        self.outcome: str | None = None  # the sentence shown after the answers, then Enter
        self.reading: Reading | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="checkin", classes="dialog"):
            yield Static(join(self.heading), classes="dialog-title", markup=False)
            yield Static(
                "How do your back and leg feel right now? "
                f"0 is no pain, {MAX_PAIN} the worst you can imagine.",
                markup=False,
            )
            yield Static(id="checkin-fields", markup=False)
            yield Static(id="checkin-problem", markup=False)
            yield Static(HINT, id="checkin-hint", classes="dialog-hint", markup=False)
        # Its own footer: the one of the screen below names keys that do nothing here.
        yield KeysFooter()

    def on_mount(self) -> None:
        self.show()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("next", "skip"):
            return self.outcome is None  # once answered, Enter and Esc both close: "Done"
        if action == "done":
            return self.outcome is not None
        return True

    # -- drawing -------------------------------------------------------------

    def show(self) -> None:
        rows = [
            self._score_row("Back pain", BACK),
            self._score_row("Leg pain ", LEG),
            self._reach_row(),
        ]
        self.query_one("#checkin-fields", Static).update(lines(rows))
        problem = self.query_one("#checkin-problem", Static)
        if self.outcome is not None:
            problem.update(plain(self.outcome, "bold"))
            self.query_one("#checkin-hint", Static).update("Enter: done")
            self.refresh_bindings()
        else:
            problem.update(plain(self.problem, "bold $error" if self.problem else ""))

    def _score_row(self, label: str, field: int) -> Content:
        text = self.typed[field]
        current = field == self.field and self.outcome is None
        shown = f" {text or ' '}{'▏' if current else ' '}"
        return join(f"{label}  ", (f"{shown:<5}", "reverse" if current else "bold"))

    def _reach_row(self) -> Content:
        parts: list[str | tuple[str, str]] = ["Reaches    "]
        current = self.field == REACH and self.outcome is None
        for reach in REACHES:
            word = f" {reach.depth} {REACH_WORDS[reach]} "
            if reach is self.reach:
                parts.append((word, "reverse" if current else "bold"))
            else:
                parts.append(word)
        return join(*parts)

    # -- keys ----------------------------------------------------------------

    def on_key(self, event: events.Key) -> None:
        if event.key in ("enter", "escape"):
            event.stop()
            event.prevent_default()
            self.action_next() if event.key == "enter" else self.action_skip()
            return
        if self.outcome is not None:
            return
        character = event.character or ""
        if event.key == "backspace":
            event.stop()
            self._backspace()
        elif self.field == REACH and event.key in ("left", "up", "right", "down"):
            event.stop()
            step = -1 if event.key in ("left", "up") else 1
            depth = (self.reach.depth if self.reach is not None else 0) + step
            self.reach = REACHES[max(0, min(len(REACHES) - 1, depth))]
        elif character.isdigit() and character.isascii():
            event.stop()
            if self.field == REACH:
                if int(character) < len(REACHES):
                    self.reach = REACHES[int(character)]
                    self.problem = ""
                else:
                    self.problem = "The reach is 0 (none) to 4 (the foot)."
            elif len(self.typed[self.field]) < 2:
                self.typed[self.field] += character
                self.problem = ""
        else:
            return
        self.show()

    def _backspace(self) -> None:
        self.problem = ""
        if self.field == REACH:
            self.field = LEG
        elif self.typed[self.field]:
            self.typed[self.field] = self.typed[self.field][:-1]
        elif self.field == LEG:
            self.field = BACK

    def action_done(self) -> None:
        self.dismiss(Answer(self.reading))

    def action_next(self) -> None:
        if self.outcome is not None:
            self.action_done()
            return
        if self.field in (BACK, LEG):
            which = "back" if self.field == BACK else "leg"
            if not self.typed[self.field]:
                self.problem = f"Type your {which} pain from 0 to 10, then Enter; Esc skips."
                self.show()
                return
            try:
                parse_score(self.typed[self.field], which)
            except CheckInError as error:
                self.problem = _sentence(str(error))
                self.show()
                return
            self.field += 1
            self.problem = ""
            self.show()
            return
        if self.reach is None:
            self.problem = "Pick how far down the leg: ←→ or a digit from 0 to 4."
            self.show()
            return
        self.reading = Reading(int(self.typed[BACK]), int(self.typed[LEG]), self.reach)
        if self.phase is Phase.BEFORE:
            self.dismiss(Answer(self.reading))
            return
        self.outcome = outcome(self.phase, self.compare, self.reading)
        self.show()

    def action_skip(self) -> None:
        if self.outcome is not None:
            self.dismiss(Answer(self.reading))
        else:
            self.dismiss(Answer(None))

    def action_red_flags(self) -> None:
        def answered(go_on: bool | None) -> None:
            if go_on is False:
                self.dismiss(Answer(None, go_on=False))

        self.app.push_screen(RedFlagChecklist(), answered)


def outcome(phase: Phase, before: Reading | None, reading: Reading) -> str:
    """What the screen says once the answers are in, after or the day after a routine."""
    said = [f"Kept: {describe(reading)}."]
    if before is not None:
        if phase is Phase.LATER:
            said.append(later_sentence(before, reading))
        spread = reach_sentence(before, reading)
        if spread is not None:
            said.append(spread)
    return " ".join(said)


def _sentence(message: str) -> str:
    return message[:1].upper() + message[1:] + "."


RED_FLAG_QUESTIONS: tuple[str, ...] = safety.EMERGENCY + safety.URGENT
"""The checklist asks about the signs that need care now or urgently (core/safety.py)."""


class RedFlagChecklist(FitsShortTerminal[bool]):
    """One warning sign at a time: y if it applies, n if not. Any yes shows the red-flag
    screen; returns False when the person then chose not to start, True otherwise."""

    CSS_PATH = CHECKIN_CSS
    BINDINGS = [
        # Only y or n answers: Enter, pressed out of habit, must not say "no" to a warning sign.
        Binding("y", "answer(True)", "Yes"),
        Binding("n", "answer(False)", "No"),
        Binding("escape", "close", "Back", priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.index = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="checklist", classes="dialog"):
            yield Static("Warning signs: does this apply to you?", classes="dialog-title")
            yield Static(id="checklist-question", classes="red-flags", markup=False)
            yield Static(
                "y: yes · n: no · Esc: back to the check-in",
                classes="dialog-hint",
                markup=False,
            )
        yield KeysFooter()

    def on_mount(self) -> None:
        self.show()

    def show(self) -> None:
        question = RED_FLAG_QUESTIONS[self.index]
        count = f"{self.index + 1} of {len(RED_FLAG_QUESTIONS)}: "
        text = question[:1].upper() + question[1:].rstrip(";.")
        self.query_one("#checklist-question", Static).update(join(count, text))

    def action_answer(self, yes: bool) -> None:
        if yes:
            self.app.push_screen(RedFlagScreen(), lambda go_on: self.dismiss(bool(go_on)))
            return
        if self.index + 1 < len(RED_FLAG_QUESTIONS):
            self.index += 1
            self.show()
        else:
            self.notify("None of the warning signs: carry on with the check-in.", timeout=3)
            self.dismiss(True)

    def action_close(self) -> None:
        self.dismiss(True)


class RedFlagScreen(ReadThrough):
    """The warning signs in full. Nothing starts until it is read: Enter reads on until
    all of it has been on screen, then says so (and the routine may start); Esc leaves
    without starting."""

    CSS_PATH = CHECKIN_CSS
    BINDINGS = [
        Binding("enter", "read_on", "Read on", priority=True),
        Binding("enter", "accept", "I have read this", priority=True),
        Binding("escape", "leave", "Don't start"),
    ]
    MORE_HINT = "▼ More below · Enter: read on · Esc: don't start the routine"
    READ_HINT = "Enter: I have read this · ↑↓ scroll · Esc: don't start the routine"

    def compose(self) -> ComposeResult:
        with Vertical(id="red-flags", classes="dialog"):
            yield Static("Please stop and read this first", classes="dialog-title")
            with VerticalScroll(id="read-body", classes="dialog-body"):
                yield Static(
                    "What you said can be a sign that needs a doctor's care, not exercise.",
                    markup=False,
                )
                yield Static(safety.red_flag_text(), classes="red-flags", markup=False)
            yield Static(self.MORE_HINT, id="read-hint", classes="dialog-hint", markup=False)
        yield KeysFooter()

    def action_leave(self) -> None:
        self.dismiss(False)


START_ANYWAY, GO_BACK, GENTLER = "start", "back", "gentler"


class FlareOfferScreen(Dialog[str]):
    """Flare-up mode may suit today better: start this routine anyway, go back, or play
    the gentler version with flare-up mode switched on (where the app can)."""

    CSS_PATH = CHECKIN_CSS
    BINDINGS = [
        # Enter, the key pressed out of habit, takes the gentler way; starting anyway is s.
        Binding("enter,f", "answer('gentler')", "Gentler", priority=True),
        Binding("s", "answer('start')", "Start anyway"),
        Binding("escape,b", "answer('back')", "Go back"),
    ]

    def __init__(self, reason: str, back_to: str, gentler: str | None) -> None:
        """`gentler`: how flare-up mode is had here, or None when f can switch it on."""
        super().__init__()
        self.reason = reason
        self.back_to = back_to
        self.gentler = gentler

    def compose(self) -> ComposeResult:
        with Vertical(id="flare-offer", classes="dialog"):
            yield Static("A gentler day?", classes="dialog-title")
            yield Static(plain(self.reason), markup=False)
            yield Static(
                "Flare-up mode plays gentler versions of the routines for a few days: "
                + (self.gentler or "f switches it on and plays this routine's."),
                markup=False,
            )
            keys = "" if self.gentler is not None else "Enter or f: the gentler version · "
            keys += "s: start this routine anyway · "
            yield Static(f"{keys}Esc: {self.back_to}", classes="dialog-hint", markup=False)
        yield KeysFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.gentler is None or parameters != (GENTLER,)

    def action_answer(self, choice: str) -> None:
        self.dismiss(choice)


# -- the flow around a routine ------------------------------------------------------


class CheckInFlow:
    """When the app asks, what it does with the answers, and where it goes next."""

    def __init__(self, app: BackcoachApp) -> None:
        self.app = app
        self.before: dict[int, Reading] = {}  # by id(workout): the answers before it
        self.later_shown: str | None = None  # the session whose later check is up in this run

    @property
    def wanted(self) -> bool:
        return bool(getattr(self.app.settings, "checkins", True))

    def ask_before(self, workout: Workout, leave: Callable[[], None]) -> None:
        """Over the player, before the routine starts; `leave` goes back without starting."""
        if not self.wanted:
            return
        routine = workout.plan.routine
        title = "Check-in before " + one_line(routine.title)

        def answered(answer: Answer | None) -> None:
            if answer is None:
                return
            if not answer.go_on:
                leave()
                return
            reading = answer.reading
            if reading is None:
                return
            self.before[id(workout)] = reading
            last = self.app.history.latest_checkin()
            if workout.recorder is not None:
                workout.recorder.checkin(reading, Phase.BEFORE, datetime.now().astimezone())
            reason = flare_reason(
                reading, None if last is None else last.reading, is_strength(routine)
            )
            if reason is not None and not routine.flare:  # not when it is the gentler one
                self.app.post_message(FlareOffered(routine, reading, reason))

        self.app.push_screen(CheckInScreen(title, Phase.BEFORE), answered)

    def offer_flare(
        self,
        message: FlareOffered,
        leave: Callable[[], None],
        back_to: str,
        gentler: Callable[[], Workout | None] | None,
    ) -> None:
        """Start anyway, leave, or (`gentler`, where the app can swap the waiting player
        for flare-up mode's version) play the gentler routine, its check-in carried over."""
        workout = self.app.workout
        hint = None if gentler is not None else "backcoach play ROUTINE --flare plays them."

        def chosen(choice: str | None) -> None:
            if choice == GO_BACK:
                leave()
            elif choice == GENTLER and gentler is not None and workout is not None:
                reading = self.before.get(id(workout))
                if workout.recorder is not None and reading is not None:
                    workout.recorder.forget_waiting()  # it goes with the gentler run instead
                replaced = gentler()
                if reading is None:
                    return
                kept_by = replaced or workout  # the swap failed: the first run keeps it
                self.before[id(kept_by)] = self.before.pop(id(workout))
                if kept_by.recorder is not None:
                    kept_by.recorder.checkin(reading, Phase.BEFORE, datetime.now().astimezone())

        self.app.push_screen(FlareOfferScreen(message.reason, back_to, hint), chosen)

    def ask_after(self, workout: Workout) -> None:
        """Over the finish screen: the answers are kept with the session, and compared."""
        if not self.wanted:
            return
        recorder = workout.recorder
        session = recorder.session if recorder is not None else None
        before = self.before.pop(id(workout), None)
        if before is None and session is not None:
            found = self.app.history.checks_around(session)[0]
            before = None if found is None else found.reading
        title = "Check-in after " + one_line(workout.plan.routine.title)

        def answered(answer: Answer | None) -> None:
            if answer is None or answer.reading is None:
                return
            reading = answer.reading
            self.app.history.add_checkin(
                reading.back,
                reading.leg,
                reading.reach,
                session=session,
                phase=Phase.AFTER if session is not None else None,
            )

        self.app.push_screen(CheckInScreen(title, Phase.AFTER, before), answered)

    def ask_later(self, now: datetime) -> None:
        """Once, when the app opens on a later day than a session with no later check."""
        if not self.wanted:
            return
        history = self.app.history
        found = history.session_to_check(now)
        settings = self.app.settings
        if found is None or found[1] is not Phase.LATER:
            return
        session = found[0]
        if session.started_at.date() >= now.date():
            return
        if session.id in (settings.later_check_asked, self.later_shown):
            return  # asked once already, or being asked now
        self.later_shown = session.id
        before = history.checks_around(session.id)[0]
        when = f"{session.started_at:%a %d %b}"
        title = f"How is your back after {one_line(session.title)} on {when}?"

        def answered(answer: Answer | None) -> None:
            # Asked means answered or skipped: quitting the app while it is up leaves it to
            # be asked next time, so it is remembered only now.
            settings.later_check_asked = session.id
            with contextlib.suppress(OSError):  # then asked again next time: a small cost
                self.app.save_settings(settings)
            if answer is None or answer.reading is None:
                return
            reading = answer.reading
            history.add_checkin(
                reading.back,
                reading.leg,
                reading.reach,
                session=session.id,
                phase=Phase.LATER,
            )

        compare = None if before is None else before.reading
        self.app.push_screen(CheckInScreen(title, Phase.LATER, compare), answered)
