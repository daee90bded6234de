"""Small screens over the others: the first-start notice, help, quit confirmation, set edits."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Footer, Input, Label, Static

from backcoach.core import safety
from backcoach.core.durations import DurationError, Load, parse_load
from backcoach.ui.guards import Dialog
from backcoach.ui.keys import EDITOR_KEYS, LIBRARY_KEYS, PLAYER_KEYS, Key, help_rows
from backcoach.ui.text import join, one_line

DIALOG_CSS = Path(__file__).with_name("dialogs.tcss")


class NoticeScreen(Dialog[bool]):
    """Shown once, on first start; the acceptance is remembered in the settings."""

    CSS_PATH = DIALOG_CSS
    BINDINGS = [
        Binding("enter", "accept", "Accept", priority=True),
        # It says "Press ? at any time": that includes now (help opens over it).
        Binding("question_mark", "app.help", "Help"),
        Binding("q", "app.quit", "Quit"),
    ]

    def compose(self) -> ComposeResult:
        emergency = "\n".join(f"  • {item}" for item in safety.EMERGENCY)
        with Vertical(id="notice", classes="dialog"):
            yield Static(safety.NOTICE_TITLE, classes="dialog-title", markup=False)
            with VerticalScroll(classes="dialog-body"):
                yield Static(safety.NOTICE, markup=False)
                yield Static(
                    f"{safety.EMERGENCY_TITLE}\n{emergency}", classes="red-flags", markup=False
                )
            yield Static(
                "Enter: I have read this · ?: help and all the warning signs · q: quit",
                classes="dialog-hint",
            )
        # Its own footer: the one of the screen below offered keys this notice does not take.
        yield Footer()

    def action_accept(self) -> None:
        self.dismiss(True)


class HelpScreen(Dialog[None]):
    CSS_PATH = DIALOG_CSS
    BINDINGS = [
        Binding("escape,question_mark,q", "close", "Close"),
    ]

    def __init__(self, library_first: bool = False) -> None:
        super().__init__()
        self.library_first = library_first  # the keys of the screen it was opened from first

    def compose(self) -> ComposeResult:
        guidance = "\n".join(f"  • {line}" for line in safety.GUIDANCE)
        with Vertical(id="help", classes="dialog"):
            with VerticalScroll(classes="dialog-body"):
                sections = [
                    ("Keys in the player", PLAYER_KEYS),
                    ("Keys in the library", LIBRARY_KEYS),
                ]
                for title, table in [
                    *(sections[::-1] if self.library_first else sections),
                    ("Keys in the editor", EDITOR_KEYS),
                ]:
                    yield Static(title, classes="dialog-title", markup=False)
                    yield from key_rows(table)
                yield Static("Warning signs", classes="dialog-title")
                yield Static(safety.red_flag_text(), classes="red-flags", markup=False)
                yield Static(safety.GUIDANCE_TITLE, classes="dialog-title", markup=False)
                yield Static(guidance, markup=False)
                yield Static(safety.NOTICE_TITLE, classes="dialog-title", markup=False)
                yield Static(safety.NOTICE, markup=False)
            yield Static("Esc or ? closes this help · ↑↓ scroll", classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(None)


def key_rows(table: tuple[Key, ...]) -> ComposeResult:
    """One row per key: the key, then what it does, wrapped beside it."""
    for label, does in help_rows(table):
        with Horizontal(classes="key-row"):
            yield Static(label, classes="key-label", markup=False)
            yield Static(does, classes="key-does", markup=False)


class ConfirmQuitScreen(Dialog[bool]):
    CSS_PATH = DIALOG_CSS
    BINDINGS = [
        Binding("y,enter", "answer(True)", "Yes, stop", priority=True),
        Binding("n,escape", "answer(False)", "No, keep going"),
    ]

    def __init__(self, question: str = "Stop this routine?") -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm", classes="dialog"):
            yield Static(self.question, classes="dialog-title", markup=False)
            yield Static("The routine waits while you decide. What you have done is kept.")
            yield Static("y or Enter: stop · n or Esc: keep going", classes="dialog-hint")

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class AdjustSetScreen(Dialog[tuple[int, Load | None] | None]):
    CSS_PATH = DIALOG_CSS
    """Correct the reps done and the load used in the last set."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, reps: int | None, load: Load | None) -> None:
        super().__init__()
        self.set_title = title
        self.reps = reps
        self.load = load

    def compose(self) -> ComposeResult:
        with Vertical(id="adjust", classes="dialog"):
            yield Static(join("What you did: ", one_line(self.set_title)), classes="dialog-title")
            with Horizontal(classes="field"):
                yield Label("Reps ")
                yield Input(str(self.reps or 0), id="reps", type="integer")
            with Horizontal(classes="field"):
                yield Label("Load ")
                yield Input(
                    str(self.load) if self.load else "",
                    id="load",
                    placeholder="20 kg, 45 lb or bodyweight",
                )
            yield Static("", id="adjust-error")
            with Horizontal(classes="buttons"):
                yield Button("Save", id="save", variant="primary")
                yield Button("Cancel", id="cancel")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.save()
        else:
            self.dismiss(None)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.save()

    def save(self) -> None:
        reps_text = self.query_one("#reps", Input).value.strip()
        load_text = self.query_one("#load", Input).value.strip()
        error = self.query_one("#adjust-error", Static)
        if not reps_text.isdigit() or int(reps_text) > 1000:
            error.update("Reps must be a whole number, such as 8.")
            return
        load = None
        if load_text:
            try:
                load = parse_load(load_text)
            except DurationError as problem:
                error.update(join(str(problem).capitalize() + "."))
                return
        self.dismiss((int(reps_text), load))

    def action_cancel(self) -> None:
        self.dismiss(None)
