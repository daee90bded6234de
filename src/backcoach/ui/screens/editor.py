"""The routine editor: YAML as the person writes it, checked as they type, with a preview.

The text area holds the file's text exactly (comments, spacing, key order); nothing is
ever written back from a parsed tree. Checking runs on a worker thread a moment after the
last key, so a long routine never holds typing up, and only the newest check is shown.
"""

from __future__ import annotations

import importlib.util
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from rich.segment import Segment
from rich.style import Style
from textual import events, on, work
from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.strip import Strip
from textual.timer import Timer
from textual.widgets import Static, TextArea

from backcoach.core import paths, yamltree
from backcoach.core.library import Entry, Library
from backcoach.core.loader import routine_from_tree
from backcoach.core.model import Exercise, Routine
from backcoach.core.plan import PlanTooLarge, build_plan
from backcoach.core.problems import Problem, ProblemList
from backcoach.core.routine_text import (
    USER_SCHEMA_REF,
    completion,
    retitled,
    starter_text,
    step_insertion,
    title_from_id,
    typed_exercise_id,
    with_schema,
)
from backcoach.core.storage import write_atomically
from backcoach.core.wording import lower_first, plural
from backcoach.ui.keys import EDITOR_KEYS, bindings
from backcoach.ui.messages import EditorClosed, StartRequested
from backcoach.ui.text import home_path, join, lines, one_line, plain, step_lines, total_text
from backcoach.ui.widgets.footer import KeysFooter

CHECK_DELAY = 0.1
"""Seconds after the last key before the text is checked: typing a word costs one check,
and the problems still show well within 150 ms of the last key."""

NARROW = 100
"""Below this many columns the preview goes under the text instead of beside it."""

# Highlighting needs tree-sitter's YAML grammar (a dependency); without it the text is plain.
LANGUAGE = (
    "yaml"
    if importlib.util.find_spec("tree_sitter") and importlib.util.find_spec("tree_sitter_yaml")
    else None
)


def schema_uri() -> str:
    """As `backcoach new` writes it: the user folder's copy of the schema."""
    return USER_SCHEMA_REF


@dataclass(frozen=True)
class EditTarget:
    """What the editor opens: a text, and the file it saves to.

    `ask_name`: a new routine or a copy, whose id and title the person chooses first
    (`path` then holds the suggestion)."""

    text: str
    path: Path
    ask_name: bool = False
    title: str = ""
    starter: bool = False
    """The starter: written afresh for the id and title chosen, its comments naming the file."""

    @property
    def routine_id(self) -> str:
        return self.path.name.removesuffix(".yaml")


def new_target(routine_id: str = "my-routine", title: str = "") -> EditTarget:
    path = paths.user_routines() / f"{routine_id}.yaml"
    title = title or title_from_id(routine_id)
    text = starter_text(title, schema_uri(), home_path(path))
    return EditTarget(text, path, title=title, starter=True)


def copy_target(entry: Entry, text: str) -> EditTarget:
    title = entry.routine.title if entry.routine else title_from_id(entry.id)
    # A title of its own, so that the library never shows two routines of one name.
    if entry.source == "bundled":
        title, wanted = f"My {lower_first(title)}", f"my-{entry.id}"
    else:
        title, wanted = f"{title} (copy)", f"{entry.id}-copy"
    path = paths.user_routines() / f"{free_id(wanted)}.yaml"
    return EditTarget(with_schema(text, schema_uri()), path, ask_name=True, title=title)


def free_id(wanted: str) -> str:
    """`wanted`, or `wanted-2`, `wanted-3`… : the first id no routine of the user's has."""
    folder = paths.user_routines()
    candidate, number = wanted, 1
    while (folder / f"{candidate}.yaml").exists():
        number += 1
        candidate = f"{wanted}-{number}"
    return candidate


def target_for(entry: Entry | None, copy: bool) -> EditTarget | str:
    """What `n` (no entry), `c` (copy) or `e` opens; a string says why it cannot."""
    if entry is None:
        new = new_target(free_id("my-routine"))
        return replace(new, ask_name=True)
    problems = ProblemList(entry.path)
    text = yamltree.read_text(entry.path, problems)
    if text is None:
        return f"{one_line(entry.id)} cannot be read: {problems.errors[0].message}"
    if copy or entry.source == "bundled":
        return copy_target(entry, text)
    return EditTarget(text, entry.path)


# -- checking ----------------------------------------------------------------------


@dataclass(frozen=True)
class Check:
    """What one check of the text found."""

    problems: tuple[Problem, ...]
    routine: Routine | None
    preview: Content | None

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]


def check_text(text: str, path: Path, exercises: Mapping[str, Exercise]) -> Check:
    """The text read as the routine file at `path` would be (problems as PATH:LINE:COL)."""
    problems = ProblemList(path)
    root = yamltree.parse(text, problems)
    loaded = routine_from_tree(root, path, exercises, "user", problems)
    routine = loaded.routine
    preview = None
    if routine is not None:
        try:
            plan = build_plan(routine)
        except PlanTooLarge:  # the loader refuses such a plan first; a guard all the same
            plan = None
        if plan is not None:
            preview = lines(
                [
                    join((one_line(routine.title), "bold"), f"  ·  {total_text(plan)}"),
                    Content(),
                    *(plain(row) for row in step_lines(routine)),
                ]
            )
    ordered = problems.errors + [p for p in problems.sorted() if not p.is_error]
    return Check(tuple(ordered), routine, preview)


def problems_text(check: Check) -> Content:
    errors = check.errors
    if not check.problems:
        return plain("✔ No problems", "bold")
    rows = []
    if errors:
        rows.append(plain(f"⚠ {plural(len(errors), 'problem')} · F8 goes to the next", "bold"))
    for problem in check.problems:
        where = f"{problem.line}:{problem.column}"
        note = "" if problem.is_error else f"{problem.severity}: "
        rows.append(join((where, "bold"), "  ", note, one_line(problem.message)))
    return lines(rows)


# -- the text area -----------------------------------------------------------------


class RoutineText(TextArea):
    """A YAML text area that marks the lines with problems in its gutter and completes
    exercise ids after `exercise:` with Tab."""

    MARK = "●"

    def __init__(self, text: str, exercise_ids: list[str], **kwargs: object) -> None:
        self._lines: dict[tuple[object, ...], Strip] = {}  # before Textual's init, which restyles
        super().__init__(
            text,
            language=LANGUAGE,
            soft_wrap=False,  # one screen row per line: the gutter mark lands on its line
            tab_behavior="indent",
            show_line_numbers=True,
            **kwargs,  # type: ignore[arg-type]
        )
        self.indent_width = 2
        self.exercise_ids = exercise_ids
        self.marked: frozenset[int] = frozenset()
        """0-based rows with a problem."""

    def mark(self, rows: frozenset[int]) -> None:
        if rows != self.marked:
            self.marked = rows
            self.refresh()

    def typed_id(self) -> str | None:
        row, column = self.cursor_location
        return typed_exercise_id(self.document.get_line(row)[:column])

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "escape":
            return  # the screen's: leave the editor
        if event.key == "tab" and not self.selected_text:
            typed = self.typed_id()
            if typed is not None:
                event.stop()
                event.prevent_default()
                more, _ = completion(typed, self.exercise_ids)
                if more:
                    self.insert(more)
                return
        await super()._on_key(event)

    def render_line(self, y: int) -> Strip:
        row = self.scroll_offset.y + y
        key = self._line_key(row)
        if key is not None and (cached := self._lines.get(key)) is not None:
            return cached
        strip = self._marked(super().render_line(y), row)
        if key is not None:
            if len(self._lines) > 4096:
                self._lines.clear()
            self._lines[key] = strip
        return strip

    def _line_key(self, row: int) -> tuple[object, ...] | None:
        """Everything one drawn line depends on, or None to draw it afresh.

        Textual's text area forgets every drawn line after each edit (its highlighting may
        have changed anywhere), so a key redrew the whole screen of text: most of the time
        from a key to the screen on a long routine. Keyed by the line's own text and
        highlights, the lines an edit leaves alone are drawn once."""
        highlights = getattr(self, "_highlights", None)
        cursor_visible = getattr(self, "_cursor_visible", None)
        document = self.document
        empty = document.line_count == 1 and not document.get_line(0)
        if highlights is None or cursor_visible is None or self.soft_wrap or empty:
            return None  # a Textual without these, wrapped lines, or the placeholder
        text = document.get_line(row) if row < document.line_count else None
        selection = self.selection
        on_cursor = self.cursor_location[0] == row
        return (
            row,
            text,
            tuple(highlights.get(row, ())),
            self.size,
            self.scroll_offset.x,
            self.virtual_size.width,
            self.gutter_width,
            selection if selection.contains_line(row) else None,
            (self.cursor_location, cursor_visible) if on_cursor else None,
            getattr(self, "_matching_bracket_location", None),
            self.has_focus,
            self.theme,
            self.app.current_theme.name,
            row in self.marked,
        )

    def notify_style_update(self) -> None:
        self._lines.clear()
        super().notify_style_update()

    def _marked(self, strip: Strip, row: int) -> Strip:
        if row not in self.marked or not self.show_line_numbers:
            return strip
        at = self.gutter_width - 2  # the space after the line number
        color = self.app.current_theme.error or "red"
        below = next(iter(strip.crop(at, at + 1)), Segment(" "))
        style = (below.style or Style()) + Style(color=color, bold=True)
        return Strip.join(
            [strip.crop(0, at), Strip([Segment(self.MARK, style)], 1), strip.crop(at + 1)]
        )


# -- the screen --------------------------------------------------------------------


class EditorScreen(Screen[None]):
    # Default CSS rather than CSS_PATH: Textual loads a screen's CSS_PATH when the screen
    # is pushed, not when it is the app's first screen (`backcoach edit NAME`).
    DEFAULT_CSS = Path(__file__).with_name("editor.tcss").read_text(encoding="utf-8")
    BINDINGS = bindings(EDITOR_KEYS)
    AUTO_FOCUS = "#editor-text"

    def __init__(self, library: Library, target: EditTarget) -> None:
        super().__init__()
        self.library = library
        self.target = target
        self.path = target.path
        on_disk = not target.ask_name and target.path.exists()
        self.saved_text: str | None = target.text if on_disk else None
        """The text as it is on disk; None while nothing has been saved."""
        self.written = False
        """Whether this editor has saved the file at least once."""
        self.is_new = not on_disk
        self.generation = 0
        self.shown_generation = 0
        self._timer: Timer | None = None
        self.check: Check | None = None
        self.last_preview: Content | None = None
        self._shown: dict[str, str] = {}

    @property
    def pending(self) -> bool:
        """A check is waiting for the pause after a key, or running."""
        return self._timer is not None or self.shown_generation != self.generation

    @property
    def exercises(self) -> Mapping[str, Exercise]:
        return self.library.catalogue.exercises

    def compose(self) -> ComposeResult:
        yield Static(id="editor-title", markup=False)
        with Horizontal(id="editor-body"):
            yield RoutineText(self.target.text, sorted(self.exercises), id="editor-text")
            with VerticalScroll(id="editor-side"):
                yield Static(id="editor-problems", markup=False)
                yield Static(id="editor-preview", markup=False)
        yield Static(id="editor-hint", markup=False)
        yield KeysFooter()

    @property
    def area(self) -> RoutineText:
        return self.query_one("#editor-text", RoutineText)

    def on_mount(self) -> None:
        self.show_title()
        self.show_hint()
        self.schedule_check(delay=0)
        if self.target.ask_name:
            from backcoach.ui.dialogs.step_form import NameRoutineScreen

            self.app.push_screen(
                NameRoutineScreen(self.target.routine_id, self.target.title), self.named
            )

    def named(self, answer: tuple[str, str] | None) -> None:
        if answer is None:
            self.post_message(EditorClosed(None))
            return
        routine_id, title = answer
        self.path = paths.user_routines() / f"{routine_id}.yaml"
        area = self.area
        if self.target.starter:
            area.load_text(starter_text(title, schema_uri(), home_path(self.path)))
        else:
            area.load_text(retitled(area.text, title))
        self.show_title()
        self.schedule_check(delay=0)

    def on_resize(self, event: events.Resize) -> None:
        # On the body, not the screen: a screen's own CSS is scoped to what is inside it.
        self.query_one("#editor-body").set_class(event.size.width < NARROW, "narrow")

    @property
    def modified(self) -> bool:
        return self.area.text != self.saved_text

    def show_title(self) -> None:
        state = (
            " · not saved yet"
            if self.saved_text is None
            else (" · modified" if self.modified else "")
        )
        self.update_if_changed(
            "#editor-title",
            join(
                "Editing ", (one_line(self.path.stem), "bold"), f" · {home_path(self.path)}{state}"
            ),
        )

    def update_if_changed(self, selector: str, content: Content) -> None:
        """Update a Static only when its words change: each update lays the screen out
        again, which a key that changes nothing there should not pay for."""
        if self._shown.get(selector) != content.plain:
            self._shown[selector] = content.plain
            self.query_one(selector, Static).update(content)

    def show_hint(self) -> None:
        typed = self.area.typed_id()
        hint: Content = plain(
            "Ctrl+S save · Ctrl+T insert a step · F8 next problem · Ctrl+R play · Esc leave"
        )
        if typed is not None:
            _, matching = completion(typed, self.area.exercise_ids)
            if not matching:
                hint = plain(f"No exercise id starts with {typed!r}; Ctrl+T lists them all")
            else:
                shown = ", ".join(matching[:6]) + (
                    f" and {len(matching) - 6} more" if len(matching) > 6 else ""
                )
                hint = join(("Tab completes: ", "bold"), shown)
        self.update_if_changed("#editor-hint", hint)

    # -- checking as you type ---------------------------------------------------

    @on(TextArea.Changed, "#editor-text")
    def text_changed(self) -> None:
        self.show_title()
        self.show_hint()
        self.schedule_check()

    @on(TextArea.SelectionChanged, "#editor-text")
    def cursor_moved(self) -> None:
        self.show_hint()

    def schedule_check(self, delay: float = CHECK_DELAY) -> None:
        if self._timer is not None:
            self._timer.stop()
        self.generation += 1
        if delay:
            self._timer = self.set_timer(delay, self.start_check)
        else:
            self.call_after_refresh(self.start_check)

    def start_check(self) -> None:
        self._timer = None
        self.run_check(self.generation, self.area.text, self.path)

    @work(thread=True, group="check")
    def run_check(self, generation: int, text: str, path: Path) -> None:
        result = check_text(text, path, self.exercises)
        self.app.call_from_thread(self.show_check, generation, result)

    def show_check(self, generation: int, check: Check) -> None:
        if generation != self.generation or not self.is_mounted:
            return  # the text changed since: a newer check is on its way
        if not self.query("#editor-problems"):
            return  # the editor is closing: its widgets are already going
        self.shown_generation = generation
        self.check = check
        self.area.mark(frozenset(p.line - 1 for p in check.errors))
        self.update_if_changed("#editor-problems", problems_text(check))
        self.query_one("#editor-problems").set_class(not check.problems, "ok")
        preview = self.query_one("#editor-preview", Static)
        if check.preview is not None:
            self.last_preview = check.preview
            self.update_if_changed("#editor-preview", check.preview)
            preview.remove_class("stale")
        elif self.last_preview is None:
            waiting = plain("The steps and the total show here once it has no problems.")
            self.update_if_changed("#editor-preview", waiting)
        elif not preview.has_class("stale"):
            # The last good preview stays, dimmed, until the problems are fixed.
            last = lines([plain("As last checked without problems:"), self.last_preview])
            self.update_if_changed("#editor-preview", last)
            preview.add_class("stale")

    def check_now(self) -> Check:
        check = check_text(self.area.text, self.path, self.exercises)
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self.generation += 1
        self.show_check(self.generation, check)
        return check

    # -- actions --------------------------------------------------------------------

    def action_next_problem(self) -> None:
        check = self.check_now()
        places = sorted({(p.line - 1, p.column - 1) for p in check.errors})
        if not places:
            self.notify("No problems.", timeout=2)
            return
        here = self.area.cursor_location
        row, column = next((place for place in places if place > here), places[0])
        area = self.area
        area.focus()
        area.move_cursor((row, column), center=True)

    def action_save(self) -> None:
        text = self.area.text
        try:
            write_atomically(self.path, text, overwrite=not self.is_new)
        except FileExistsError:
            self.notify(
                f"{home_path(self.path)} already exists; leave with Esc and choose another name.",
                severity="error",
                markup=False,
            )
            return
        except OSError as error:
            self.notify(
                f"Could not save {home_path(self.path)} ({error.strerror or error}).",
                severity="error",
                markup=False,
            )
            return
        self.is_new = False
        self.written = True
        self.saved_text = text
        self.show_title()
        errors = self.check_now().errors
        if errors:
            self.notify(
                f"Saved with {plural(len(errors), 'problem')}: the library marks it, and it "
                "cannot play until they are fixed.",
                severity="warning",
                markup=False,
            )
        else:
            self.notify(f"Saved {home_path(self.path)}.", timeout=3, markup=False)

    def action_play(self) -> None:
        check = self.check_now()
        if check.routine is None:
            self.notify(
                "Fix the problems first (F8 goes to each); then it can play.",
                severity="warning",
            )
            return
        self.post_message(StartRequested(check.routine))

    def action_insert_step(self) -> None:
        from backcoach.ui.dialogs.step_form import ExercisePickerScreen

        exercises = sorted(self.exercises.values(), key=lambda e: e.id)
        self.app.push_screen(ExercisePickerScreen(exercises), self.insert_step)

    def insert_step(self, draft: object) -> None:
        from backcoach.core.routine_text import StepDraft

        if not isinstance(draft, StepDraft):
            return
        area = self.area
        insertion = step_insertion(area.text, area.cursor_location[0], draft)
        if insertion.replaces_blank_line:
            area.delete((insertion.row, 0), (insertion.row + 1, 0))
        document = area.document
        row = insertion.row
        if row >= document.line_count:  # after the last line, which has no line break
            last = document.line_count - 1
            tail = document.get_line(last)
            text = insertion.text
            if tail and not text.startswith("\n"):
                text = "\n" + text.rstrip("\n")
            area.insert(text, (last, len(tail)))
            row = min(row, area.document.line_count - 1)
        else:
            area.insert(insertion.text, (row, 0))
        area.move_cursor((row, 0))
        area.focus()

    def action_leave(self) -> None:
        if not self.modified:
            self.post_message(EditorClosed(self.path if self.written else None))
            return
        from backcoach.ui.dialogs.step_form import ConfirmLeaveScreen

        self.app.push_screen(ConfirmLeaveScreen(), self.leave_answered)

    def leave_answered(self, answer: str | None) -> None:
        if answer == "save":
            self.action_save()
            if self.modified:
                return  # the save failed and said why: stay
        if answer in ("save", "discard"):
            self.post_message(EditorClosed(self.path if self.written else None))

    def before_quit(self, quit_now: Callable[[], None]) -> None:
        """The app is asked to quit (Ctrl+Q, or q in a routine played from here): with
        unsaved changes, ask first."""
        from backcoach.ui.dialogs.step_form import ConfirmLeaveScreen

        if not self.modified:
            quit_now()
            return

        def answered(answer: str | None) -> None:
            if answer == "save":
                self.action_save()
                if self.modified:
                    return
            if answer in ("save", "discard"):
                quit_now()

        self.app.push_screen(ConfirmLeaveScreen(), answered)
