"""The one exception the readers raise: its message is the reason, on one line, without
the path (the caller writes `PATH: reason`)."""

from __future__ import annotations


class ActivityFileError(Exception):
    def __init__(self, reason: str) -> None:
        # Parsers' own messages can span lines; a user sees one line per file.
        super().__init__(" ".join(reason.split()))

    @property
    def reason(self) -> str:
        return str(self)
