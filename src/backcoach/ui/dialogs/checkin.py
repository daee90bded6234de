"""Check-ins in the app: the screens that ask, and the flare-up offer.

Before a routine the check-in sits over the player, which waits for Enter to start, so
skipping it (Esc) or answering it lands on the same ready-to-start player. After the
routine it sits over the finish screen and says where the leg symptoms went. When each is
asked, and what is kept, is the run flow's (coach/flow.py); the rules themselves (what is
worse, what offers flare-up mode) live in core/backcheck.py.
"""

from __future__ import annotations

from pathlib import Path, PurePath
from typing import TYPE_CHECKING

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Static

from backcoach.coach.flow import Answer, FlareChoice
from backcoach.core import safety
from backcoach.core.backcheck import (
    MAX_PAIN,
    REACHES,
    CheckInError,
    Reach,
    Reading,
    checkin_outcome,
    parse_score,
)
from backcoach.store import Phase
from backcoach.ui.dialogs.modals import FitsShortTerminal, ReadThrough
from backcoach.ui.guards import Dialog
from backcoach.ui.text import join, lines, plain
from backcoach.ui.widgets.footer import KeysFooter

if TYPE_CHECKING:
    pass

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
        self.outcome = checkin_outcome(self.reading, self.compare, self.phase is Phase.LATER)
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


class GoOnScreen(Dialog[bool]):
    """Something to know before the start (the routine asks for days apart): Enter goes
    on, Esc goes back."""

    CSS_PATH = CHECKIN_CSS
    BINDINGS = [
        Binding("enter", "answer(True)", "Start anyway", priority=True),
        Binding("escape", "answer(False)", "Go back"),
    ]

    def __init__(self, title: str, words: str) -> None:
        super().__init__()
        self.heading = title
        self.words = words

    def compose(self) -> ComposeResult:
        with Vertical(id="go-on", classes="dialog"):
            yield Static(self.heading, classes="dialog-title", markup=False)
            yield Static(self.words, markup=False)
            yield Static("Enter: start anyway · Esc: go back", classes="dialog-hint", markup=False)
        yield KeysFooter()

    def action_answer(self, go_on: bool) -> None:
        self.dismiss(go_on)


class FlareOfferScreen(Dialog[FlareChoice]):
    """Flare-up mode may suit today better: start this routine anyway, go back, or play
    the gentler version with flare-up mode switched on (where the app can)."""

    CSS_PATH = CHECKIN_CSS
    BINDINGS = [
        # Enter, the key pressed out of habit, takes the gentler way; starting anyway is s.
        Binding("enter,f", "answer('gentler')", "Gentler", priority=True),
        Binding("s", "answer('start')", "Start anyway"),
        Binding("escape,b", "answer('stop')", "Go back"),
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
        return self.gentler is None or parameters != (FlareChoice.GENTLER.value,)

    def action_answer(self, choice: str) -> None:
        self.dismiss(FlareChoice(choice))
