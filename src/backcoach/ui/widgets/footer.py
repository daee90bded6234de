"""A footer that keeps its first keys on a narrow screen, and drops the last ones whole."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.geometry import Size
from textual.widget import Widget
from textual.widgets import Footer

NARROW = 60
"""Below this many columns the footer packs its keys tighter and leaves out Ctrl+P's."""


def _width(widget: Widget) -> int:
    """Columns the widget takes in the footer's row, worked out before it is laid out."""
    styles = widget.styles
    content = widget.get_content_width(Size(0, 0), Size(0, 0))
    return content + styles.gutter.width + styles.margin.width


class KeysFooter(Footer):
    """Textual's footer cuts off whatever passes the right edge: at 60 columns "? Help" and
    "q Quit" were gone, at 40 half a word was left of "Next". This one shows keys in the
    order the screen binds them (keys.py puts the ones a person must always find first:
    pause, help, quit) and hides whole keys from the end until the rest fits. Below NARROW
    columns it is compact and leaves out the palette's key, which help names."""

    def compose(self) -> ComposeResult:
        narrow = self._columns() < NARROW
        self.set_reactive(Footer.compact, narrow)
        self.set_class(narrow, "-compact")
        self.set_reactive(Footer.show_command_palette, not narrow)
        yield from super().compose()

    async def recompose(self) -> None:
        await super().recompose()
        if self.is_attached and not self._pruning:  # its screen may have closed meanwhile
            self._fit()

    def on_resize(self, event: events.Resize) -> None:
        if event.size.width != self._fitted_to:
            self.call_after_refresh(self.recompose)

    def _columns(self) -> int:
        return self.size.width or self.app.size.width

    _fitted_to = 0
    """The width the keys were last fitted to."""

    def _fit(self) -> None:
        self._fitted_to = self._columns()
        docked = [child for child in self.children if child.has_class("-command-palette")]
        room = self._columns() - sum(_width(child) for child in docked)
        for child in self.children:
            if child in docked:
                continue
            room -= _width(child)
            child.display = room >= 0  # once one key is left out, so is every key after it
