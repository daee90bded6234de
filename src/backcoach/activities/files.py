"""Which files are activity files, and their bytes: capped, gunzipped, never a hang.

Folders are walked recursively and pass over whatever is not a FIT, GPX or TCX file
(plain or gzipped); a file named on its own with another extension is a problem. Only
regular files are opened (a FIFO blocks, /dev/zero never ends), without blocking, and no
read goes past the cap, before or after gunzip: a gzip bomb stops at the cap.
"""

from __future__ import annotations

import errno
import gzip
import os
import stat
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import IO

from backcoach.activities.errors import ActivityFileError

MAX_BYTES = 200_000_000
"""The most a file may hold, also once unpacked (the largest real FIT files are ~20 MB)."""

_CHUNK = 1 << 20


class Format(Enum):
    FIT = "FIT"
    GPX = "GPX"
    TCX = "TCX"


@dataclass(frozen=True)
class FileProblem:
    path: Path
    reason: str

    def __str__(self) -> str:
        return f"{self.path}: {self.reason}"


def format_of(path: Path) -> tuple[Format, bool] | None:
    """The format its name says and whether it is gzipped; None when it is no activity file."""
    suffixes = [suffix.lower() for suffix in path.suffixes[-2:]]
    zipped = bool(suffixes) and suffixes[-1] == ".gz"
    if zipped:
        suffixes = suffixes[:-1]
    if not suffixes:
        return None
    for known in Format:
        if suffixes[-1] == "." + known.value.lower():
            return known, zipped
    return None


def not_an_activity_file(path: Path) -> str:
    shown = "".join(path.suffixes[-2:]) or "no extension"
    return f"not a FIT, GPX or TCX file ({shown})"


def find_activity_files(paths: Iterable[Path]) -> tuple[list[Path], list[FileProblem]]:
    """Every activity file named or inside a named folder (recursively), each once, in order."""
    found: list[Path] = []
    problems: list[FileProblem] = []
    seen: set[Path] = set()

    def unreadable(error: OSError) -> None:
        where = Path(error.filename) if error.filename else Path()
        reason = (error.strerror or type(error).__name__).lower()
        problems.append(FileProblem(where, f"cannot read this folder ({reason})"))

    def add(path: Path) -> None:
        key = path.resolve()
        if key not in seen:
            seen.add(key)
            found.append(path)

    for path in paths:
        if path.is_dir():
            # followlinks=False: a link back up the tree would loop for ever.
            for folder, folders, names in os.walk(path, onerror=unreadable):
                folders.sort()
                for name in sorted(names):
                    inside = Path(folder) / name
                    if format_of(inside) is not None:
                        add(inside)
        elif not path.exists() and not path.is_symlink():
            problems.append(FileProblem(path, "no such file or folder"))
        elif format_of(path) is None:
            problems.append(FileProblem(path, not_an_activity_file(path)))
        else:
            add(path)
    return found, problems


_OPEN_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)  # a FIFO swapped in after the check must not block the open
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)


def read_capped(path: Path, zipped: bool) -> bytes:
    """The file's bytes (unpacked when gzipped), at most MAX_BYTES, or ActivityFileError."""
    cap = MAX_BYTES  # read at call time, so a test can lower it
    try:
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        raise ActivityFileError(_cannot_read(error)) from None
    try:
        info = os.fstat(descriptor)
        if not stat.S_ISREG(info.st_mode):
            raise ActivityFileError("not a regular file (a folder, pipe or device)")
        if info.st_size > cap:
            raise ActivityFileError(f"over {_megabytes(cap)}; activity files are limited to that")
        with os.fdopen(os.dup(descriptor), "rb") as raw:
            data = _unpack(raw, cap) if zipped else raw.read(cap + 1)
    except OSError as error:
        raise ActivityFileError(_cannot_read(error)) from None
    finally:
        os.close(descriptor)
    if len(data) > cap:
        where = "once unpacked" if zipped else "(it grew while being read)"
        raise ActivityFileError(
            f"over {_megabytes(cap)} {where}; activity files are limited to that"
        )
    return data


def _unpack(raw: IO[bytes], cap: int) -> bytes:
    """Gunzip chunk by chunk, stopping one byte past the cap."""
    chunks: list[bytes] = []
    size = 0
    try:
        with gzip.GzipFile(fileobj=raw, mode="rb") as unpacked:
            while size <= cap:
                chunk = unpacked.read(min(_CHUNK, cap + 1 - size))
                if not chunk:
                    break
                chunks.append(chunk)
                size += len(chunk)
    except (gzip.BadGzipFile, EOFError, zlib.error) as error:
        raise ActivityFileError(
            f"not a complete gzip file ({error or 'it ends too soon'})"
        ) from None
    return b"".join(chunks)


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:g} MB"


def _cannot_read(error: OSError) -> str:
    if error.errno in (errno.EACCES, errno.EPERM):
        return "cannot read the file (permission denied)"
    if error.errno == errno.ENOENT:
        return "no such file (it was moved or deleted)"
    if error.errno == errno.ELOOP:
        return "the link loops back on itself"
    reason = error.strerror or type(error).__name__
    return f"cannot read the file ({reason.lower()})"
