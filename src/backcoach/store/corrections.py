"""Deleting a session so that it can come back: what `history delete` and the history
screen's `d` share. The session leaves the history in one transaction and is appended,
in the export's shape, to `deleted-sessions.csv` in the user's folder, which
`backcoach history import` restores (its check-ins linked again)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from backcoach.core import paths
from backcoach.store.csvio import append_csv
from backcoach.store.history import History
from backcoach.store.records import SessionDump, SessionId


@dataclass(frozen=True)
class Deleted:
    dump: SessionDump
    kept: Path | None  # where it can be restored from; None when it could not be written
    problem: str | None = None  # why it could not be kept there


def deleted_file() -> Path:
    return paths.user_home() / "deleted-sessions.csv"


def delete_and_keep(history: History, session: SessionId) -> Deleted | None:
    """Delete the session and keep a copy to restore; None when there is no such session
    or it is being played."""
    removed = history.delete_session(session)
    if removed is None:
        return None
    kept = deleted_file()
    try:
        kept.parent.mkdir(parents=True, exist_ok=True)
        append_csv(kept, [removed])
    except OSError as error:
        return Deleted(removed, None, f"it could not be kept in {kept}: {error.strerror or error}")
    return Deleted(removed, kept)
