"""Runs and rides from watch files: FIT, GPX and TCX (plain or gzipped) to Activity values.

No SQL and no UI: the store keeps what these return, the commands print the problems.
"""

from __future__ import annotations

from backcoach.activities.errors import ActivityFileError
from backcoach.activities.files import MAX_BYTES, FileProblem, find_activity_files
from backcoach.activities.reader import read_activities

__all__ = [
    "MAX_BYTES",
    "ActivityFileError",
    "FileProblem",
    "find_activity_files",
    "read_activities",
]
