"""Small screens over the others: the first-start notice, help, quit confirmation, set edits."""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ScreenResultType
from textual.widgets import Button, Input, Label, Static

from backcoach.core import safety
from backcoach.core.durations import DurationError, Load, parse_load
from backcoach.ui.guards import Dialog
from backcoach.ui.keys import EDITOR_KEYS, LIBRARY_KEYS, PLAYER_KEYS, Key, help_rows
from backcoach.ui.text import join, one_line
from backcoach.ui.widgets.footer import KeysFooter

DIALOG_CSS = Path(__file__).with_name("dialogs.tcss")


SHORT_TERMINAL = 20  # rows: below this a dialog takes the whole height


class FitsShortTerminal(Dialog[ScreenResultType]):
    """A dialog that, on a short terminal, takes every row it can (class "-short").

    Textual calls on_mount and on_resize of each class in the MRO: subclasses add theirs.
    """

    def on_mount(self) -> None:
        self.fit_height()

    def on_resize(self) -> None:
        self.fit_height()

    def fit_height(self) -> None:
        self.set_class(self.app.size.height < SHORT_TERMINAL, "-short")


class ReadThrough(FitsShortTerminal[bool]):
    """A text that must have been on screen in full before Enter accepts it.

    Where it does not fit (40x12, say), Enter first reads on, a page at a time, so warning
    signs at its end cannot be accepted unseen. "Seen" means every row from the top,
    without a gap: a jump to the end (End, the scrollbar) still leaves Enter reading on
    from the first row missed. Subclasses bind Enter twice, to read_on and then to accept:
    check_action lets exactly one through, and the footer shows that one. The text sits
    in a VerticalScroll with id "read-body", the hint under it has id "read-hint".
    """

    MORE_HINT = "▼ More below · Enter: read on"
    READ_HINT = "Enter: I have read this"

    def __init__(self) -> None:
        super().__init__()
        self.shown_to = 0  # how many rows of the text have been on screen, from its top
        self.read = False

    def on_mount(self) -> None:
        body = self.query_one("#read-body", VerticalScroll)
        self.query_one("#read-hint", Static).update(self.MORE_HINT)
        self.watch(body, "scroll_y", self.note_shown, init=False)
        self.watch(body, "virtual_size", self.note_shown, init=False)
        self.call_after_refresh(self.note_shown)

    def on_resize(self) -> None:
        self.call_after_refresh(self.note_shown)

    def note_shown(self) -> None:
        """Count the rows now on screen as seen, if they join those seen before."""
        if self.read or not self.is_attached:
            return
        body = self.query_one("#read-body", VerticalScroll)
        height = body.scrollable_content_region.height
        total = body.virtual_size.height
        if height <= 0 or total <= 0:
            return  # not laid out yet: nothing has been on screen
        if self.app.animator.is_being_animated(body, "scroll_y"):
            # Rows flicking past in a scroll (End, a page) were not read: count where it stops.
            self.set_timer(0.05, self.note_shown)
            return
        top = round(body.scroll_y)
        if top <= self.shown_to:
            self.shown_to = max(self.shown_to, top + height)
        if self.shown_to >= total:
            self.read = True
            self.query_one("#read-hint", Static).update(self.READ_HINT)
            self.refresh_bindings()
            # A longer hint takes rows from the text: keep its last lines, just read, in view.
            self.call_after_refresh(body.scroll_end, animate=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "accept":
            return self.read
        if action == "read_on":
            return not self.read
        return True

    def action_read_on(self) -> None:
        body = self.query_one("#read-body", VerticalScroll)
        # From the row above the first one missed, so the eye has a line to join on.
        body.scroll_to(y=max(0, self.shown_to - 1), animate=False)
        self.call_after_refresh(self.note_shown)

    def action_accept(self) -> None:
        self.dismiss(True)


class NoticeScreen(ReadThrough):
    """Shown once, on first start; the acceptance is remembered in the settings."""

    CSS_PATH = DIALOG_CSS
    BINDINGS = [
        Binding("enter", "read_on", "Read on", priority=True),
        Binding("enter", "accept", "Accept", priority=True),
        # It says "Press ? at any time": that includes now (help opens over it).
        Binding("question_mark", "app.help", "Help"),
        Binding("q", "app.quit", "Quit"),
    ]
    MORE_HINT = "▼ More below · Enter: read on · q: quit"
    READ_HINT = "Enter: I have read this · ?: help and all the warning signs · q: quit"

    def compose(self) -> ComposeResult:
        emergency = "\n".join(f"  • {item}" for item in safety.EMERGENCY)
        with Vertical(id="notice", classes="dialog"):
            yield Static(safety.NOTICE_TITLE, classes="dialog-title", markup=False)
            with VerticalScroll(id="read-body", classes="dialog-body"):
                yield Static(safety.NOTICE, markup=False)
                yield Static(
                    f"{safety.EMERGENCY_TITLE}\n{emergency}", classes="red-flags", markup=False
                )
            yield Static(self.MORE_HINT, id="read-hint", classes="dialog-hint", markup=False)
        # Its own footer: the one of the screen below offered keys this notice does not take.
        yield KeysFooter()


class HelpScreen(FitsShortTerminal[None]):
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
        yield KeysFooter()  # the keys of the screen below do nothing while help is open

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
        yield KeysFooter()

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class YesNoScreen(Dialog[bool]):
    """A question with a lasting answer (delete a session?): only y says yes; n, Esc or
    Enter (pressed out of habit) says no."""

    CSS_PATH = DIALOG_CSS
    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n,escape,enter", "answer(False)", "No", priority=True),
    ]

    def __init__(self, question: str, words: str) -> None:
        super().__init__()
        self.question = question
        self.words = words

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm", classes="dialog"):
            yield Static(self.question, classes="dialog-title", markup=False)
            yield Static(self.words, markup=False)
            yield Static("y: yes · n, Esc or Enter: no", classes="dialog-hint", markup=False)
        yield KeysFooter()

    def action_answer(self, answer: bool) -> None:
        self.dismiss(answer)


class ConfirmRepsScreen(Dialog[bool]):
    """Reps typed that look like a slip (9999 for a set of 8–12): y keeps them; n, Esc or
    Enter (pressed out of habit) goes back to type them again."""

    CSS_PATH = DIALOG_CSS
    BINDINGS = [
        Binding("y", "answer(True)", "Yes, keep them"),
        Binding("n,escape,enter", "answer(False)", "No, type again", priority=True),
    ]

    def __init__(self, reps: int, planned: str) -> None:
        super().__init__()
        self.reps = reps
        self.planned = planned

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm", classes="dialog"):
            yield Static(f"Keep {self.reps} reps?", classes="dialog-title", markup=False)
            yield Static(
                f"The set asks for {self.planned}. A number this big is often a slip of "
                "the finger, and it would count as reaching the top.",
                markup=False,
            )
            yield Static(
                f"y: keep {self.reps} · n, Esc or Enter: type the reps again",
                classes="dialog-hint",
                markup=False,
            )
        yield KeysFooter()

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
            yield Static(
                join("Correct what you did: ", one_line(self.set_title)), classes="dialog-title"
            )
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
        yield KeysFooter()

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
