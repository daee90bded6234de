"""Opening the history database: where it lives, its pragmas, migrations, and corruption.

Everything here raises (sqlite3.Error or OSError); deciding what a failure means for the
user is `History`'s job. Durability is chosen here:

- WAL, so that readers never block the writer and two copies of the app can both record.
- `synchronous = FULL`: in WAL mode each commit is fsynced before it returns. NORMAL
  would survive a crash or kill -9 just as well, but a power cut could take back every
  set since the last checkpoint, and the promise is that a power cut loses at most the
  set in progress. A set ends every half-minute or so, and an fsync costs a few
  milliseconds (see benchmarks/bench_history.py): durability is nearly free here.
- `busy_timeout`, so that a writer waits for another process's write (ours last
  milliseconds) instead of failing.
- foreign keys on, so a set can never point at a session that is not there.
"""

from __future__ import annotations

import errno
import os
import re
import sqlite3
import stat
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from backcoach.core.paths import user_home
from backcoach.store.schema import MIGRATIONS, SCHEMA_VERSION

HISTORY_FILE = "history.sqlite3"
BUSY_TIMEOUT_MS = 5000
SIDE_FILES = ("-wal", "-shm")
"""What SQLite keeps beside the database in WAL mode; they move with it."""

SQLITE_HEADER = b"SQLite format 3\x00"
_CORRUPT_CODES = (11, 26)  # SQLITE_CORRUPT, SQLITE_NOTADB
_BUSY, _LOCKED = 5, 6
_CORRUPT_WORDS = ("malformed", "not a database", "file is encrypted")


def history_path() -> Path:
    """The database in the user folder (BACKCOACH_HOME when set)."""
    return user_home() / HISTORY_FILE


def connect(path: Path, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> sqlite3.Connection:
    """The database at `path`, created if need be, configured and migrated.

    The connection is in autocommit mode: callers open their own transactions, writers
    with `begin immediate` so that two processes never deadlock upgrading a read lock.
    """
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    refuse_if_not_a_file(path)
    if not looks_like_sqlite(path):
        # Never hand SQLite a file that is not one: it would delete the -wal and -shm
        # beside it on closing, and they are what a person rescuing it would want.
        raise NotADatabase(f"file is not a database ({path})")
    # How the back feels is nobody else's business; SQLite gives -wal and -shm this mode.
    os.close(os.open(path, os.O_CREAT | os.O_RDWR, 0o600))
    db = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    try:
        configure(db, busy_timeout_ms=busy_timeout_ms)
        migrate(db)
    except BaseException:
        db.close()
        raise
    return db


def refuse_if_not_a_file(path: Path) -> None:
    """Raise OSError for anything but a regular file (or none): opening a pipe blocks until
    someone writes to it, and a device may never end."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return
    if not stat.S_ISREG(mode):
        what = (
            "a pipe"
            if stat.S_ISFIFO(mode)
            else "a folder"
            if stat.S_ISDIR(mode)
            else ("not a regular file")
        )
        raise OSError(
            errno.EINVAL, f"it is {what}, not a file; move it away to keep a history", str(path)
        )


class NotADatabase(sqlite3.DatabaseError):
    """The file does not begin as every SQLite database does."""


def looks_like_sqlite(path: Path) -> bool:
    """True for a file that starts with SQLite's header, an empty one, or none at all."""
    try:
        with path.open("rb") as stream:
            start = stream.read(len(SQLITE_HEADER))
    except FileNotFoundError:
        return True
    return start in (b"", SQLITE_HEADER)


def configure(db: sqlite3.Connection, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> None:
    db.execute(f"pragma busy_timeout = {int(busy_timeout_ms)}")
    # Where WAL is impossible (a network folder) this answers with the old mode and the
    # rollback journal carries on: slower, just as correct.
    _while_busy(lambda: db.execute("pragma journal_mode = wal"), busy_timeout_ms)
    db.execute("pragma synchronous = full")
    db.execute("pragma foreign_keys = on")


def _while_busy(step: Callable[[], object], timeout_ms: int) -> None:
    """Run `step`, again and again while another process holds the lock, up to `timeout_ms`.

    Switching a new database to WAL needs it to itself, and SQLite answers "database is
    locked" at once, without its busy handler, when a second process is opening it too.
    """
    deadline = time.monotonic() + timeout_ms / 1000
    pause = 0.001
    while True:
        try:
            step()
            return
        except sqlite3.OperationalError as error:
            if not is_busy(error) or time.monotonic() >= deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.05)


def is_busy(error: BaseException) -> bool:
    """Another connection held the lock past the busy timeout."""
    if not isinstance(error, sqlite3.Error):
        return False
    code = getattr(error, "sqlite_errorcode", None)  # Python 3.11 and later
    if isinstance(code, int):
        return code & 0xFF in (_BUSY, _LOCKED)
    return "locked" in str(error).lower()


def user_version(db: sqlite3.Connection) -> int:
    (version,) = db.execute("pragma user_version").fetchone()
    return int(version)


def migrate(db: sqlite3.Connection, *, upto: int = SCHEMA_VERSION) -> None:
    """Bring the database up to version `upto`, each migration with its version bump.

    Read first without a lock, so that opening an up-to-date database (every open but
    the first) never waits for another process's write. Then under `begin immediate`,
    so that two processes creating the database at once do not both run a migration.
    A newer database (from a later backcoach) is left alone: its columns are a superset.
    """
    found = user_version(db)
    if found < 0 and _tables(db):
        raise UnknownSchema(f"its version number ({found}) is not one backcoach ever wrote")
    _check_tables(db, min(max(found, 0), SCHEMA_VERSION))  # before building on top of it
    if found >= upto:
        return
    db.execute("begin immediate")
    try:
        version = max(user_version(db), 0)  # negative would re-run migrations
        for index in range(version, upto):
            for statement in MIGRATIONS[index]:
                db.execute(statement)
            db.execute(f"pragma user_version = {index + 1}")  # a pragma takes no parameters
        db.execute("commit")
    except BaseException:
        if db.in_transaction:
            db.execute("rollback")
        raise
    _check_tables(db, upto)


class UnknownSchema(sqlite3.DatabaseError):
    """A database whose tables are not the ones its version says: not backcoach's to read,
    and set aside like a damaged one rather than hiding the history for good."""


def _tables(db: sqlite3.Connection) -> set[str]:
    return {row[0] for row in db.execute("select name from sqlite_master where type = 'table'")}


def _check_tables(db: sqlite3.Connection, version: int) -> None:
    missing = sorted(tables_made_by(version) - _tables(db))
    if missing:
        raise UnknownSchema(f"it has no {', '.join(missing)} table, which its version promises")


def tables_made_by(version: int) -> set[str]:
    """The tables the migrations up to `version` create."""
    return {
        match.group(1)
        for migration in MIGRATIONS[:version]
        for statement in migration
        if (match := _CREATE_TABLE.match(statement))
    }


_CREATE_TABLE = re.compile(r"\s*create table (\w+)")


def is_corruption(error: BaseException) -> bool:
    """Whether SQLite says the file is damaged or is not a database at all."""
    if isinstance(error, UnknownSchema):
        return True
    if not isinstance(error, sqlite3.DatabaseError):
        return False
    code = getattr(error, "sqlite_errorcode", None)  # Python 3.11 and later
    if isinstance(code, int):
        return code & 0xFF in _CORRUPT_CODES
    text = str(error).lower()
    return any(word in text for word in _CORRUPT_WORDS)


def move_aside(path: Path, moment: datetime | None = None) -> Path:
    """Rename a damaged database (and its -wal and -shm) out of the way; returns its new name.

    `history.sqlite3.corrupt-20261117T180500`, with `-wal` and `-shm` beside it under the
    same name, so that SQLite (or a person rescuing it) still finds them together.
    """
    stamp = (moment or datetime.now()).strftime("%Y%m%dT%H%M%S")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    count = 1
    while any(_beside(target, suffix).exists() for suffix in ("", *SIDE_FILES)):
        count += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{count}")
    for suffix in ("", *SIDE_FILES):
        source = _beside(path, suffix)
        if source.exists():
            os.replace(source, _beside(target, suffix))
    return target


def _beside(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)
