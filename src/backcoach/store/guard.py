"""One database connection whose every failure becomes a notice for the user, never an exception.

Opened on first use; reading a database that does not exist creates nothing. A damaged
file is moved aside once and a fresh one started (`after_move` then `on_open` let the owner
write again what it had in the old file); anything else that fails turns the database
off for good: writes do nothing, reads find nothing, and `notice` says why.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import suppress
from pathlib import Path
from typing import TypeVar

from backcoach.store.database import (
    BUSY_TIMEOUT_MS,
    connect,
    history_path,
    is_busy,
    is_corruption,
)
from backcoach.store.database import move_aside as move_database_aside

T = TypeVar("T")

BUSY_NOTICE = (
    "Another program is holding your history (a database browser or a backup, perhaps): "
    "what you do is kept in memory and written as soon as it lets go."
)

PROBLEMS = (sqlite3.Error, OSError, ValueError, OverflowError)
"""What a database, or what is in it, can throw: all caught, all turned into the notice."""


def _nothing() -> None:
    pass


def _opened(db: sqlite3.Connection) -> None:
    pass


class GuardedDatabase:
    def __init__(
        self,
        path: Path | None = None,
        *,
        enabled: bool = True,
        busy_timeout_ms: int = BUSY_TIMEOUT_MS,
        after_move: Callable[[], None] = _nothing,
        on_open: Callable[[sqlite3.Connection], None] = _opened,
    ) -> None:
        self.lock = threading.RLock()  # one connection, used from any thread
        self._path = path
        self._enabled = enabled
        self._busy_timeout_ms = busy_timeout_ms
        self._after_move = after_move
        self._on_open = on_open
        self._db: sqlite3.Connection | None = None
        self.behind = False
        """The last write found the database locked by another program: not written yet."""
        self._notices: list[str] = []
        self._moved_aside = False

    @property
    def path(self) -> Path:
        if self._path is None:
            self._path = history_path()
        return self._path

    @property
    def enabled(self) -> bool:
        return self._enabled

    @property
    def notice(self) -> str | None:
        return " ".join(self._notices) or None

    @property
    def notices(self) -> tuple[str, ...]:
        return tuple(self._notices)

    def close(self) -> None:
        with self.lock:
            if self._db is not None:
                with suppress(sqlite3.Error):
                    self._db.close()
                self._db = None

    def read(self, query: Callable[[sqlite3.Connection], T], empty: T) -> T:
        """`query` in one read transaction; `empty` when there is nothing to read or it failed."""
        with self.lock:
            db = self._open(create=False)
            if db is None:
                return empty
            try:
                return transaction(db, query, immediate=False)
            except PROBLEMS as error:
                self._read_failed(error)
                return empty

    def stream(self, query: Callable[[sqlite3.Connection], Iterator[T]]) -> Iterator[T]:
        """`query`'s items in one read transaction, held (with the lock) while the caller
        takes them; they stop early, and `notice` says why, when reading fails."""
        with self.lock:
            db = self._open(create=False)
            if db is None:
                return
            try:
                db.execute("begin")
                try:
                    yield from query(db)
                finally:  # also when the caller stops taking them
                    if db.in_transaction:
                        db.execute("commit")
            except PROBLEMS as error:
                self._read_failed(error)

    def _read_failed(self, error: BaseException) -> None:
        if not is_corruption(error):
            self._note(f"History could not be read: {_reason(error, self.path)}.")
        elif not self._move_aside(error):
            self._disable(error)

    def write(self, change: Callable[[sqlite3.Connection], T]) -> T | None:
        """`change` in one write transaction, committed (and fsynced); None when it could not be."""
        with self.lock:
            for attempt in range(2):
                db = self._open(create=True)
                if db is None:
                    return None
                try:
                    result = transaction(db, change, immediate=True)
                except PROBLEMS as error:
                    if attempt == 0 and is_corruption(error) and self._move_aside(error):
                        continue  # once more, into a fresh database
                    if is_busy(error):
                        # Another program holds the lock (a database browser, a backup):
                        # the owner keeps what is pending and writes it with the next write.
                        self.behind = True
                        self._note(BUSY_NOTICE)
                        return None
                    self._disable(error)
                    return None
                self.behind = False
                return result
            return None

    def _open(self, *, create: bool) -> sqlite3.Connection | None:
        if not self._enabled:
            return None
        if self._db is not None:
            return self._db
        path = self.path
        try:
            if not create and not path.exists():
                return None
        except OSError:
            return None
        for attempt in range(2):
            try:
                db = connect(path, busy_timeout_ms=self._busy_timeout_ms)
            except PROBLEMS as error:
                if attempt == 0 and is_corruption(error) and self._move_aside(error):
                    continue
                self._disable(error)
                return None
            try:
                self._on_open(db)
            except PROBLEMS as error:
                db.close()
                self._disable(error)
                return None
            self._db = db
            return db
        return None

    def _move_aside(self, error: BaseException) -> bool:
        """Put a damaged database out of the way, once; False when that is not possible."""
        if self._moved_aside:
            return False
        self._moved_aside = True
        self.close()
        try:
            target = move_database_aside(self.path)
        except OSError:
            return False
        self._after_move()
        self._note(
            f"Your history could not be read ({error}), so it was moved aside to {target} "
            "and a fresh one was started."
        )
        return True

    def _disable(self, error: BaseException) -> None:
        self.close()
        self._enabled = False
        self._note(
            f"History is not being saved: {_reason(error, self.path)}; the routine plays on."
        )

    def _note(self, message: str) -> None:
        if message not in self._notices:
            self._notices.append(message)


def transaction(
    db: sqlite3.Connection, work: Callable[[sqlite3.Connection], T], *, immediate: bool
) -> T:
    """`work` between begin and commit; rolled back if it raises.

    Writers begin immediate: they take the write lock up front, so two processes never
    both hold a read lock and deadlock trying to upgrade it (busy_timeout covers the wait).
    """
    db.execute("begin immediate" if immediate else "begin")
    try:
        result = work(db)
        db.execute("commit")
    except BaseException:
        if db.in_transaction:
            with suppress(sqlite3.Error):
                db.execute("rollback")
        raise
    return result


def _reason(error: BaseException, path: Path) -> str:
    if isinstance(error, OSError) and error.filename:
        return f"{error.strerror or error} ({error.filename})"
    return f"{error} ({path})"
