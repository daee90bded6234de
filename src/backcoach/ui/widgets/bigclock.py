"""Large block lettering that grows with the space it gets: the countdown, the exercise name
and the side, readable from a mat two metres away.

Like termdown, which picks the biggest figlet font that fits, the widgets here pick the
largest glyph that fits their region. Glyphs are small bitmaps (3×5 for letters and
digits, 5×7 for digits only) scaled by a whole factor and drawn with half blocks
(▀ ▄ █), so one scaled pixel is one column wide and half a row tall: about square in a
terminal. No font files and no dependency; the maths below imports no Textual.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import NamedTuple

from textual.content import Content
from textual.geometry import Size
from textual.reactive import reactive
from textual.widget import Widget

from backcoach.core.wording import visible


@dataclass(frozen=True)
class Font:
    name: str
    height: int  # pixels
    glyphs: Mapping[str, tuple[str, ...]]  # each row: '#' is ink, anything else is paper
    gap: int = 1  # blank pixel columns between two glyphs

    def can_draw(self, text: str) -> bool:
        return bool(text) and all(char in self.glyphs for char in text)

    def width(self, text: str) -> int:
        """Pixels across `text` at scale 1, gaps included."""
        if not text:
            return 0
        return sum(len(self.glyphs[char][0]) for char in text) + self.gap * (len(text) - 1)


def _font(name: str, rows: Mapping[str, str]) -> Font:
    glyphs = {char: tuple(shape.split()) for char, shape in rows.items()}
    heights = {len(glyph) for glyph in glyphs.values()}
    assert len(heights) == 1, f"{name}: every glyph has the same height"
    return Font(name, heights.pop(), glyphs)


SMALL = _font(
    "3x5",
    {
        "0": "### #.# #.# #.# ###",
        "1": ".#. ##. .#. .#. ###",
        "2": "### ..# ### #.. ###",
        "3": "### ..# ### ..# ###",
        "4": "#.# #.# ### ..# ..#",
        "5": "### #.. ### ..# ###",
        "6": "### #.. ### #.# ###",
        "7": "### ..# ..# ..# ..#",
        "8": "### #.# ### #.# ###",
        "9": "### #.# ### ..# ###",
        ":": ". # . # .",
        "A": ".#. #.# ### #.# #.#",
        "B": "##. #.# ##. #.# ##.",
        "C": ".## #.. #.. #.. .##",
        "D": "##. #.# #.# #.# ##.",
        "E": "### #.. ##. #.. ###",
        "F": "### #.. ##. #.. #..",
        "G": ".## #.. #.# #.# .##",
        "H": "#.# #.# ### #.# #.#",
        "I": "### .#. .#. .#. ###",
        "J": "..# ..# ..# #.# .#.",
        "K": "#.# #.# ##. #.# #.#",
        "L": "#.. #.. #.. #.. ###",
        "M": "#.# ### ### #.# #.#",
        "N": "##. #.# #.# #.# #.#",
        "O": ".#. #.# #.# #.# .#.",
        "P": "##. #.# ##. #.. #..",
        "Q": ".#. #.# #.# ##. .##",
        "R": "##. #.# ##. #.# #.#",
        "S": ".## #.. .#. ..# ##.",
        "T": "### .#. .#. .#. .#.",
        "U": "#.# #.# #.# #.# ###",
        "V": "#.# #.# #.# #.# .#.",
        "W": "#.# #.# ### ### #.#",
        "X": "#.# #.# .#. #.# #.#",
        "Y": "#.# #.# .#. .#. .#.",
        "Z": "### ..# .#. #.. ###",
        " ": ". . . . .",
        "-": "... ... ### ... ...",
        "+": "... .#. ### .#. ...",
        ".": ". . . . #",
        ",": ". . . # #",
        "'": "# # . . .",
        "!": "# # # . #",
        "?": "### ..# .#. ... .#.",
        "/": "..# ..# .#. #.. #..",
        "(": ".# #. #. #. .#",
        ")": "#. .# .# .# #.",
        "&": ".#. #.# .#. #.# .##",
    },
)

LARGE = _font(
    "5x7",
    {
        "0": ".###. #...# #...# #...# #...# #...# .###.",
        "1": "..#.. .##.. ..#.. ..#.. ..#.. ..#.. .###.",
        "2": ".###. #...# ....# ...#. ..#.. .#... #####",
        "3": "##### ...#. ..#.. ...#. ....# #...# .###.",
        "4": "...#. ..##. .#.#. #..#. ##### ...#. ...#.",
        "5": "##### #.... ####. ....# ....# #...# .###.",
        "6": "..##. .#... #.... ####. #...# #...# .###.",
        "7": "##### ....# ...#. ..#.. .#... .#... .#...",
        "8": ".###. #...# #...# .###. #...# #...# .###.",
        "9": ".###. #...# #...# .#### ....# ...#. .##..",
        ":": ". . # . # . .",
    },
)

CLOCK_FONTS = (SMALL, LARGE)
"""Two fonts give twice as many heights to choose from, so the clock fills its space."""

_BLOCKS = {
    (False, False): " ",
    (True, False): "▀",
    (False, True): "▄",
    (True, True): "█",
}


class Fit(NamedTuple):
    """How a text is drawn: which font, how many columns and half rows a pixel takes."""

    font: Font
    scale: int
    lines: tuple[str, ...]  # the text's lines, as split to fit the width

    @property
    def pixel_rows(self) -> int:
        count = len(self.lines)
        return (self.font.height * count + (count - 1)) * self.scale  # one blank pixel between

    @property
    def rows(self) -> int:
        return (self.pixel_rows + 1) // 2

    @property
    def columns(self) -> int:
        return max(self.font.width(line) for line in self.lines) * self.scale


def split_words(text: str, font: Font, scale: int, width: int, max_lines: int) -> list[str] | None:
    """`text`'s words in at most `max_lines` lines no wider than `width` at `scale`, or None.

    Words are never split: a word that does not fit on a line of its own does not fit."""
    lines: list[str] = []
    for word in text.split():
        if lines and font.width(f"{lines[-1]} {word}") * scale <= width:
            lines[-1] = f"{lines[-1]} {word}"
        elif font.width(word) * scale <= width:
            lines.append(word)
        else:
            return None
        if len(lines) > max_lines:
            return None
    return lines or None


def best_fit(
    text: str,
    width: int,
    height: int,
    fonts: Sequence[Font] = CLOCK_FONTS,
    *,
    max_scale: int | None = None,
    max_lines: int = 1,
) -> Fit | None:
    """The tallest drawing of `text` that fits `width` columns by `height` rows, or None
    when not even the smallest glyphs fit. At equal height the finer font wins."""
    best: Fit | None = None
    for font in fonts:
        if not font.can_draw(text):
            continue
        scale = 1
        while max_scale is None or scale <= max_scale:
            lines = split_words(text, font, scale, width, max_lines)
            if lines is None:
                break
            fit = Fit(font, scale, tuple(lines))
            if fit.rows > height:
                break
            # Whole rows decide (half a row left blank is no taller); then the finer font.
            if best is None or (fit.rows, font.height) > (best.rows, best.font.height):
                best = fit
            scale += 1
    return best


def draw(fit: Fit) -> list[str]:
    """The rows of characters that draw the text, its lines aligned on the left."""
    font, scale = fit.font, fit.scale
    columns = fit.columns
    pixels: list[str] = []
    for number, line in enumerate(fit.lines):
        if number:
            pixels += [" " * columns] * scale
        for row in range(font.height):
            bits = (" " * font.gap).join(font.glyphs[char][row] for char in line)
            scaled = "".join(bit * scale for bit in bits).ljust(columns)
            pixels += [scaled] * scale
    if len(pixels) % 2:
        pixels.append(" " * columns)
    return [
        "".join(
            _BLOCKS[top == "#", bottom == "#"] for top, bottom in zip(upper, lower, strict=True)
        )
        for upper, lower in zip(pixels[::2], pixels[1::2], strict=True)
    ]


def for_glyphs(text: str) -> str:
    """`text` as the glyph fonts spell it: upper case, one line, visible characters."""
    return " ".join(visible(text).upper().split())


class BigText(Widget):
    """Text drawn as large as its region allows, in glyphs from `fonts`.

    Where no glyph fits (or a character has none), the plain text is shown, bold, wrapped
    on words: the words are never lost, only their size. A new `value` lays the screen out
    again (the size follows the words); the same value again does nothing."""

    value: reactive[str] = reactive("", layout=True)

    DEFAULT_CSS = """
    BigText {
        width: 1fr;
        height: auto;
        text-style: bold;
        content-align: center middle;
    }
    """

    def __init__(
        self,
        fonts: Sequence[Font] = (SMALL,),
        *,
        max_scale: int | None = None,
        max_lines: int = 1,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.fonts = tuple(fonts)
        self.max_scale = max_scale
        self.max_lines = max_lines

    def fit(self, width: int, height: int) -> Fit | None:
        return best_fit(
            for_glyphs(self.value),
            width,
            height,
            self.fonts,
            max_scale=self.max_scale,
            max_lines=self.max_lines,
        )

    def get_content_width(self, container: Size, viewport: Size) -> int:
        fit = self.fit(container.width, viewport.height)
        return fit.columns if fit else len(self.value)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        fit = self.fit(width, viewport.height)
        if fit is not None:
            return fit.rows
        return len(plain_lines(self.value, width))

    def render(self) -> Content:
        width, height = self.content_size
        fit = self.fit(width, height)
        if fit is None:
            return Content("\n".join(plain_lines(self.value, width)))
        return Content("\n".join(draw(fit)))  # placed in the region by content-align


def plain_lines(text: str, width: int) -> list[str]:
    """`text` on lines of at most `width` columns, broken between words only (a word longer
    than a line keeps its own line, cut by the edge rather than split)."""
    lines: list[str] = []
    for word in visible(text).split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines or [""]


class BigClock(BigText):
    """The countdown: takes the room the layout leaves it and draws the time to fill it."""

    DEFAULT_CSS = """
    BigClock {
        height: 1fr;
    }
    """

    # Its size comes from the layout, never from the time shown: a new second only
    # repaints the clock, without laying out the screen again.
    value: reactive[str] = reactive("", layout=False)

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(CLOCK_FONTS, id=id, classes=classes)
