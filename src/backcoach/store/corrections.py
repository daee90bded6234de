"""Deleting a session so that it can come back: what `history delete` and the history
screen's `d` share. A copy of the session is kept first, in the export's shape, in
`deleted-sessions.csv` in the user's folder (which `backcoach history import` restores,
its check-ins linked again); only once the copy is safe does the session leave the
history, in one transaction."""

from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from pathlib import Path

from backcoach.core import paths
from backcoach.store.csvio import append_csv
from backcoach.store.history import History
from backcoach.store.records import SessionDump, SessionId


@dataclass(frozen=True)
class Deleted:
    dump: SessionDump | None  # what was removed; None when nothing was
    kept: Path | None  # where it can be restored from
    problem: str | None = None  # why nothing was deleted


def deleted_file() -> Path:
    return paths.user_home() / "deleted-sessions.csv"


def delete_and_keep(history: History, session: SessionId) -> Deleted:
    """Keep a copy of the session to restore, then delete it. Nothing is deleted when the
    copy cannot be kept, or when the session may be being played."""
    found = history.session_dump(session)
    if found is None:
        return Deleted(None, None, "there is no such session")
    kept = deleted_file()
    try:
        kept.parent.mkdir(parents=True, exist_ok=True)
        _forget(kept, session)  # deleted before and restored since: one copy, the latest
        append_csv(kept, [found])
    except (OSError, csv.Error) as error:
        reason = error.strerror if isinstance(error, OSError) and error.strerror else error
        return Deleted(None, None, f"a copy could not be kept in {kept} ({reason})")
    removed = history.delete_session(session)
    if removed is None:
        return Deleted(None, kept, "it is being played right now, here or in another window")
    return Deleted(removed, kept)


def _forget(path: Path, session: SessionId) -> None:
    """Drop the rows of an earlier copy of this session, so that the file always imports
    (an import refuses a session given twice)."""
    if not path.exists():
        return
    with path.open(encoding="utf-8", newline="") as source:
        rows = list(csv.reader(source))
    if not rows or "session" not in rows[0]:
        return
    column = rows[0].index("session")
    kept = [rows[0], *(row for row in rows[1:] if len(row) <= column or row[column] != session)]
    if len(kept) == len(rows):
        return
    spare = path.with_name(path.name + ".new")
    with spare.open("w", encoding="utf-8", newline="") as out:
        csv.writer(out).writerows(kept)
    os.replace(spare, path)
