"""The routine library: grouped, filtered as you type, with a preview of the chosen routine."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from backcoach.core.library import Entry, Library
from backcoach.core.model import ExerciseStep
from backcoach.core.plan import build_plan
from backcoach.ui.text import cautions, step_lines, total_text

GROUPS = (
    ("Warm-up", {"warm-up", "before-run"}),
    ("Strength", {"strength"}),
    ("Core", {"core"}),
    ("Stretch", {"stretch", "after-run"}),
)


def group_of(entry: Entry) -> str:
    if entry.source == "user":
        return "My routines"
    tags = set(entry.routine.tags) if entry.routine else set()
    for name, wanted in GROUPS:
        if tags & wanted:
            return name
    return "Other"


def matches(entry: Entry, words: str) -> bool:
    """Every typed word appears in the id, title, tags or an exercise name."""
    routine = entry.routine
    if routine is None:
        return all(word in entry.id for word in words.lower().split())
    names = [step.exercise.name for step in routine.steps if isinstance(step, ExerciseStep)]
    haystack = " ".join([entry.id, routine.title, *routine.tags, *names]).lower()
    return all(word in haystack for word in words.lower().split())


class LibraryScreen(Screen):
    BINDINGS = [
        Binding("enter", "start", "Start", priority=True),
        Binding("down", "move(1)", "Down", show=False),
        Binding("up", "move(-1)", "Up", show=False),
        Binding("escape", "clear_filter", "Clear filter", show=False),
        Binding("question_mark", "app.help", "Help"),
        Binding("q", "app.quit", "Quit"),
    ]

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library

    def compose(self) -> ComposeResult:
        yield Static("backcoach · choose a routine · type to filter", id="library-title")
        yield Input(
            placeholder="Type to filter: warm-up, strength, stretch…",
            id="filter",
            select_on_focus=False,
        )
        with Horizontal(id="library-body"):
            yield OptionList(id="routines")
            with VerticalScroll(id="preview-scroll"):
                yield Static(id="preview")
        yield Footer()

    def on_mount(self) -> None:
        self.fill("")
        self.query_one("#routines", OptionList).focus()

    def fill(self, words: str) -> None:
        entries = [e for e in self.library.entries if matches(e, words)]
        groups: dict[str, list[Entry]] = {}
        for entry in entries:
            groups.setdefault(group_of(entry), []).append(entry)
        new: list[Option] = []
        for name in [name for name, _ in GROUPS] + ["Other", "My routines"]:
            if name in groups:
                new.append(Option(f"[b]{name}[/b]", disabled=True))
                new += [
                    Option(self.label(e), id=f"{e.source}:{e.id}")
                    for e in sorted(groups[name], key=lambda e: e.id)
                ]
        if not entries:
            new.append(Option("No routine matches; Esc clears the filter", disabled=True))
        options = self.query_one("#routines", OptionList)
        options.clear_options()
        options.add_options(new)  # one batch: each separate add would restyle the list
        first = next((i for i, option in enumerate(new) if not option.disabled), None)
        options.highlighted = first
        self.show_preview()

    @staticmethod
    def label(entry: Entry) -> str:
        routine = entry.routine
        if routine is None:
            problem = entry.first_problem
            where = f"line {problem.line}: {problem.message}" if problem else "cannot be read"
            return f"  ⚠ {entry.id} — [i]needs fixing, {where}[/i]"
        time = build_plan(routine).short_total()
        tags = ", ".join(routine.tags)
        source = " · yours" if entry.source == "user" else " · bundled"
        note = " (replaces the bundled one)" if entry.shadows_bundled else ""
        return f"  {routine.title}  [dim]{time} · {tags}{source}{note}[/dim]"

    def selected(self) -> Entry | None:
        options = self.query_one("#routines", OptionList)
        if options.highlighted is None:
            return None
        option = options.get_option_at_index(options.highlighted)
        if option.id is None:
            return None
        source, _, routine_id = option.id.partition(":")
        return next(
            (e for e in self.library.entries if e.id == routine_id and e.source == source), None
        )

    @on(OptionList.OptionHighlighted)
    def show_preview(self) -> None:
        entry = self.selected()
        preview = self.query_one("#preview", Static)
        if entry is None:
            preview.update("")
            return
        if entry.routine is None:
            problems = "\n".join(str(p) for p in entry.loaded.problems.errors)
            preview.update(
                f"[b]{entry.id}[/b] has problems to fix before it can play:\n\n{problems}\n\nCheck it with: backcoach validate {entry.path}"
            )
            return
        routine = entry.routine
        plan = build_plan(routine)
        parts = [
            f"[b]{routine.title}[/b]  ·  {total_text(plan)}",
            routine.summary,
            "",
            *step_lines(routine),
        ]
        warnings = cautions(routine)
        if warnings:
            parts += ["", "[b]Cautions[/b]", *(f"⚠ {line}" for line in warnings)]
        parts += ["", f"[dim]{entry.source} · {entry.path}[/dim]"]
        preview.update("\n".join(parts))

    @on(OptionList.OptionSelected)
    def on_selected(self) -> None:
        self.action_start()

    @on(Input.Changed, "#filter")
    def on_filter(self, event: Input.Changed) -> None:
        self.fill(event.value)

    @on(Input.Submitted, "#filter")
    def on_submit(self) -> None:
        self.action_start()

    def on_key(self, event) -> None:
        # Typing anywhere filters: the first printable key moves focus to the filter box.
        field = self.query_one("#filter", Input)
        if field.has_focus or not event.is_printable or event.character in ("q", "?", " ", "+"):
            return
        field.focus()
        field.insert_text_at_cursor(event.character)
        event.stop()

    def action_move(self, delta: int) -> None:
        options = self.query_one("#routines", OptionList)
        if delta > 0:
            options.action_cursor_down()
        else:
            options.action_cursor_up()

    def action_clear_filter(self) -> None:
        field = self.query_one("#filter", Input)
        field.value = ""
        self.query_one("#routines", OptionList).focus()

    def action_start(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        if entry.routine is None:
            self.notify(
                f"{entry.id} has problems; fix them first (see the preview).", severity="warning"
            )
            return
        self.app.start_routine(entry.routine)
