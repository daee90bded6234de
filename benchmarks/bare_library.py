"""The reference for bench_tui: a bare Textual app drawn like backcoach's library screen.

It imports nothing from backcoach and loads no routine: bench_tui writes what the library
screen shows (title, list rows, preview, footer keys) to a JSON file first, and this app
draws the same text in the same widgets. The difference in start-up time is then what
backcoach itself adds: its imports, reading and checking the routines, building the
screen's text, and opening its settings.

    python benchmarks/bare_library.py SCREEN.json
"""

import json
import sys

from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

CSS = """
#title { height: 1; padding: 0 1; background: $primary; color: $text; text-style: bold; }
#filter { margin: 0 1; }
#body { height: 1fr; }
#rows { width: 1fr; min-width: 30; height: 1fr; }
#preview-scroll { width: 1fr; height: 1fr; padding: 0 1; border-left: tall $primary 30%; }
"""


class Bare(App):
    CSS = CSS

    def __init__(self, screen: dict) -> None:
        super().__init__()
        self.shown = screen

    def compose(self) -> ComposeResult:
        shown = self.shown
        yield Static(shown["title"], id="title", markup=False)
        yield Input(placeholder=shown["placeholder"], id="filter")
        with Horizontal(id="body"):
            yield OptionList(
                *(Option(text, disabled=disabled) for text, disabled in shown["rows"]),
                id="rows",
                markup=False,
            )
            with VerticalScroll(id="preview-scroll"):
                yield Static(shown["preview"], markup=False)
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#rows", OptionList).focus()


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as file:
        shown = json.load(file)
    # The same keys in the footer, bound to nothing that matters (the footer shows one
    # key per action, so each has its own).
    keys = [
        Binding(key, f"app.notify({key!r})", description, priority=True)
        for key, description in shown["keys"]
    ]

    class SameKeys(Bare):
        BINDINGS = keys

    SameKeys(shown).run()


if __name__ == "__main__":
    main()
