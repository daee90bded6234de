"""The helpers that put a user's own text inside a message."""

from __future__ import annotations

from backcoach.core.wording import one_line, quoted


def test_quoted_shows_control_characters_as_escapes_on_one_line():
    assert quoted("red\x1b[31m\nnext") == "'red\\x1b[31m\\nnext'"
    assert one_line("a\rb\u202ec") == "a\\rb\\u202ec"


def test_quoted_cuts_long_text_short_without_splitting_an_escape():
    shown = quoted("\x1b" * 100, limit=10)
    assert shown == "'" + "\\x1b" * 9 + "…'"
    assert quoted("x" * 10, limit=10) == "'" + "x" * 10 + "'"
