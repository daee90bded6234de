"""History in SQLite: sessions, sets and check-ins. The only place in backcoach with SQL."""

from backcoach.store.fingerprint import plan_fingerprint
from backcoach.store.history import History
from backcoach.store.records import (
    CheckIn,
    ExerciseDay,
    LastTime,
    Phase,
    Reach,
    RestoreResult,
    SessionDump,
    SessionId,
    SessionSummary,
    SetEntry,
    Status,
)

__all__ = [
    "CheckIn",
    "ExerciseDay",
    "History",
    "LastTime",
    "Phase",
    "Reach",
    "RestoreResult",
    "SessionDump",
    "SessionId",
    "SessionSummary",
    "SetEntry",
    "Status",
    "plan_fingerprint",
]
