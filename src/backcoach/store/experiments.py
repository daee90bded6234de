"""The SQL of experiments (trials on oneself), and the mapping between a row and one."""

from __future__ import annotations

import random
import sqlite3
import uuid
from datetime import date
from typing import Any

from backcoach.core.experiments import Experiment
from backcoach.store.guard import GuardedDatabase

_COLUMNS = "uuid, a, b, start_day, days, block, seed, stopped_day"


def _from_row(row: tuple[Any, ...]) -> Experiment:
    uid, a, b, start, days, block, seed, stopped = row
    return Experiment(
        str(uid),
        str(a),
        str(b),
        date.fromisoformat(start),
        int(days),
        int(block),
        int(seed),
        None if stopped is None else date.fromisoformat(stopped),
    )


def listed(db: sqlite3.Connection) -> list[Experiment]:
    """Oldest first."""
    rows = db.execute(f"select {_COLUMNS} from experiments order by start_day, id")
    return [_from_row(row) for row in rows]


def insert(db: sqlite3.Connection, experiment: Experiment) -> Experiment:
    db.execute(
        f"insert into experiments ({_COLUMNS}) values (?, ?, ?, ?, ?, ?, ?, ?)",
        (
            experiment.id,
            experiment.a,
            experiment.b,
            experiment.start.isoformat(),
            experiment.days,
            experiment.block,
            experiment.seed,
            None,
        ),
    )
    return experiment


def stop(db: sqlite3.Connection, experiment_id: str, day: date) -> bool:
    cursor = db.execute(
        "update experiments set stopped_day = ? where uuid = ? and stopped_day is null",
        (day.isoformat(), experiment_id),
    )
    return cursor.rowcount > 0


class ExperimentStore:
    """Experiments in the history's database, through its guard (it never raises)."""

    def __init__(self, db: GuardedDatabase) -> None:
        self._db = db

    def listed(self) -> list[Experiment]:
        return self._db.read(listed, [])

    def running(self, today: date) -> Experiment | None:
        """The experiment not stopped whose days are not over; one runs at a time."""
        for experiment in reversed(self.listed()):
            if experiment.stopped is None and experiment.end >= today - date.resolution:
                return experiment
        return None

    def start(self, a: str, b: str, start: date, days: int, block: int) -> Experiment | None:
        """Keep a new experiment, its order drawn now; None when it could not be written."""
        experiment = Experiment(
            str(uuid.uuid4()), a, b, start, days, block, random.SystemRandom().randrange(2**31)
        )
        return self._db.write(lambda db: insert(db, experiment))

    def stop(self, experiment_id: str, day: date) -> bool:
        return bool(self._db.write(lambda db: stop(db, experiment_id, day)))
