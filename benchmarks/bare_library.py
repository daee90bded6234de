"""The reference for bench_tui: a bare Textual app drawn like backcoach's library screen.

It imports nothing from backcoach and loads no files; it shows the same widgets with the
same text, so the difference in start-up time is what backcoach itself adds.
"""

from textual.app import App, ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Footer, Input, OptionList, Static

TITLES = [
    "Pre-run warm-up", "Posterior-chain strength", "Core strength",
    "Stretches and press-ups", "Desk break", "Ice or heat",
]  # fmt: skip


class Bare(App):
    def compose(self) -> ComposeResult:
        yield Static("backcoach · choose a routine · type to filter")
        yield Input(placeholder="Type to filter: warm-up, strength, stretch…")
        with Horizontal():
            yield OptionList(*TITLES)
            with VerticalScroll():
                yield Static(
                    "Pre-run warm-up · 9:23\n\n" + "\n".join(f" {i}. step" for i in range(6))
                )
        yield Footer()


if __name__ == "__main__":
    Bare().run()
