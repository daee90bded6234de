"""One file in, its activities out: the format from the name, the bytes capped, and every
failure of a parser turned into one ActivityFileError line, never a traceback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from backcoach.activities import files
from backcoach.activities.errors import ActivityFileError
from backcoach.activities.files import Format
from backcoach.activities.fit import read_fit
from backcoach.activities.gpx import read_gpx
from backcoach.activities.tcx import read_tcx
from backcoach.core.activity import Activity

_READERS: dict[Format, Callable[[bytes, str], list[Activity]]] = {
    Format.FIT: read_fit,
    Format.GPX: read_gpx,
    Format.TCX: read_tcx,
}


def read_activities(path: Path) -> list[Activity]:
    """The activities in one FIT, GPX or TCX file (plain or gzipped), or ActivityFileError
    whose message is the reason on one line, without the path."""
    kind = files.format_of(path)
    if kind is None:
        raise ActivityFileError(files.not_an_activity_file(path))
    form, zipped = kind
    data = files.read_capped(path, zipped)
    try:
        return _READERS[form](data, path.name)
    except ActivityFileError:
        raise
    except Exception as error:  # a parser's surprise is the file's problem, in one line
        raise ActivityFileError(
            f"not a {form.value} file backcoach can read ({type(error).__name__}: {error})"
        ) from None
