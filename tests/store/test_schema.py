"""The schema: every migration from every earlier version, pinned migrations, pragmas, indexes."""

from __future__ import annotations

import hashlib
import re
import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from backcoach.store import History, Status, queries
from backcoach.store.database import configure, connect, migrate, user_version
from backcoach.store.schema import MIGRATIONS, SCHEMA_VERSION
from tests.store.builders import at, entry, strength_plan

# What each shipped migration says. A migration that has shipped must never change (every
# database in the world has already run it): add a new one instead, and pin it here.
PINNED = {
    1: "a5acfdd7c682985d99abd8c62d865cf3b9b69b832871c508aa75b86a1ef9029b",
    2: "5e4af091baf2c1cfbed0bddc0dca555211926c16885abbd6a5d4a163b6d13a87",
    3: "a9978927cb67030429ae73f5aac594baada7b8e9ff3b8e7993f66a243986c6e3",
    4: "c5648f84ebc50efb2e9ac2ae8addef02635948862e4b38baea93404331d4c86d",
    5: "8c1b881f871789be84a4f3dd27e6910759753cd18ff290d1e7725ffd41f565cb",
}

# Data as a database at each version held it, in that version's own columns. A new
# migration needs a sample for the version before it: the test below insists.
SAMPLES: dict[int, tuple[str, ...]] = {
    1: (
        """insert into sessions values
        (1, 'aaaa', 'strength', 'bundled', 'Strength', 'hash1',
         '2026-11-16T18:05:00+01:00', 1795021500, '2026-11-16T18:40:00+01:00', 1795023600,
         'finished', 0),
        (2, 'bbbb', 'strength', 'bundled', 'Strength', 'hash1',
         '2026-11-19T07:00:00+05:45', 1795308300, null, null, 'running', 0),
        (3, 'cccc', 'strength', 'user', 'Strength, mine', 'hash2',
         '2026-11-20T18:00:00+01:00', 1795366800, '2026-11-20T18:10:00+01:00', 1795367400,
         'stopped', 1)""",
        """insert into sets values
        (1, 0, 'stiff-legged-deadlift', 'Stiff-legged deadlift', null, 1, 3, 10, 10,
         '20 kg', 20.0, 'kg', 31.5, 'done'),
        (1, 2, 'stiff-legged-deadlift', 'Stiff-legged deadlift', null, 2, 3, 10, 8,
         '20 kg', 20.0, 'kg', 29.0, 'done'),
        (1, 6, 'supine-piriformis-stretch', 'Piriformis stretch', 'left', 1, 1, null, null,
         null, null, null, 30.0, 'skipped'),
        (2, 0, 'stiff-legged-deadlift', 'Stiff-legged deadlift', null, 1, 3, 10, 10,
         '22.5 kg', 22.5, 'kg', 33.0, 'done'),
        (3, 0, 'stiff-legged-deadlift', 'Stiff-legged deadlift', null, 1, 3, 10, 12,
         'bodyweight', null, 'bodyweight', 20.0, 'done')""",
    ),
    2: (
        """insert into sessions values
        (1, 'aaaa', 'strength', 'bundled', 'Strength', 'hash1',
         '2026-11-16T18:05:00+01:00', 1795021500, '2026-11-16T18:40:00+01:00', 1795023600,
         'finished', 0, 2, 1),
        (2, 'bbbb', 'strength', 'bundled', 'Strength', 'hash1',
         '2026-11-19T07:00:00+05:45', 1795308300, null, null, 'running', 0, 1, 0),
        (3, 'cccc', 'strength', 'user', 'Strength, mine', 'hash2',
         '2026-11-20T18:00:00+01:00', 1795366800, '2026-11-20T18:10:00+01:00', 1795367400,
         'stopped', 1, 1, 0)""",
        """insert into sets values
        (1, 0, 'stiff-legged-deadlift', 'Stiff-legged deadlift', null, 1, 3, 10, 10,
         '20 kg', 20.0, 'kg', 31.5, 'done', 1795021500),
        (1, 2, 'stiff-legged-deadlift', 'Stiff-legged deadlift', null, 2, 3, 10, 8,
         '20 kg', 20.0, 'kg', 29.0, 'done', 1795021500),
        (1, 6, 'supine-piriformis-stretch', 'Piriformis stretch', 'left', 1, 1, null, null,
         null, null, null, 30.0, 'skipped', 1795021500),
        (2, 0, 'stiff-legged-deadlift', 'Stiff-legged deadlift', null, 1, 3, 10, 10,
         '22.5 kg', 22.5, 'kg', 33.0, 'done', 1795308300),
        (3, 0, 'stiff-legged-deadlift', 'Stiff-legged deadlift', null, 1, 3, 10, 12,
         'bodyweight', null, 'bodyweight', 20.0, 'done', 1795366800)""",
        """insert into checkins values
        (1, 'c-1', '2026-11-16T18:00:00+01:00', 1795021200, 3, 1, 'buttock', '', 1, 'before')""",
    ),
}
# Version 3 added the sessions' flare column; its sets and check-ins are version 2's.
SAMPLES[3] = (
    """insert into sessions values
        (1, 'aaaa', 'strength', 'bundled', 'Strength', 'hash1',
         '2026-11-16T18:05:00+01:00', 1795021500, '2026-11-16T18:40:00+01:00', 1795023600,
         'finished', 0, 2, 1, 0),
        (2, 'bbbb', 'strength', 'bundled', 'Strength', 'hash1',
         '2026-11-19T07:00:00+05:45', 1795308300, null, null, 'running', 0, 1, 0, 0),
        (3, 'cccc', 'strength', 'user', 'Strength, mine', 'hash2',
         '2026-11-20T18:00:00+01:00', 1795366800, '2026-11-20T18:10:00+01:00', 1795367400,
         'stopped', 1, 1, 0, 0)""",
    *SAMPLES[2][1:],
)
# Version 4 added the top of a set's planned rep range: older sets have none.
SAMPLES[4] = (
    SAMPLES[3][0],
    re.sub(r"(\d{10})\)", r"\1, null)", SAMPLES[2][1]),
    *SAMPLES[2][2:],
)


def database_at(path: Path, version: int) -> None:
    """A database as release `version` left it, holding that version's sample data."""
    db = sqlite3.connect(path, isolation_level=None)
    configure(db)
    migrate(db, upto=version)
    for statement in SAMPLES.get(version, ()):
        db.execute(statement)
    db.close()


def schema_of(path: Path) -> list[tuple[str, str, str]]:
    db = sqlite3.connect(path)
    rows = db.execute(
        "select type, name, sql from sqlite_master where name not like 'sqlite_%' order by name"
    ).fetchall()
    db.close()
    return [(kind, name, re.sub(r"\s+", " ", sql)) for kind, name, sql in rows]


def test_every_version_but_the_first_has_sample_data():
    assert set(SAMPLES) == set(range(1, SCHEMA_VERSION))


@pytest.mark.parametrize("version", range(SCHEMA_VERSION))
def test_a_database_from_every_earlier_version_opens_with_its_data(tmp_path, version):
    old, fresh = tmp_path / "old.sqlite3", tmp_path / "fresh.sqlite3"
    database_at(old, version)
    database_at(fresh, SCHEMA_VERSION)

    history = History(old)
    recent = history.recent_sessions()
    assert history.notice is None
    if version >= 1:
        assert [s.id for s in recent] == ["cccc", "bbbb", "aaaa"]
        first = history.session("aaaa")
        assert first is not None
        assert first.started_at.isoformat() == "2026-11-16T18:05:00+01:00"
        assert (first.sets_done, first.sets_skipped, first.status) == (2, 1, Status.FINISHED)
        assert str(first.duration) == "0:35:00"
        assert history.session("bbbb").status is Status.STOPPED  # left running: cut off
        assert [s.reps for s in history.sets("aaaa")] == [10, 8, None]
        # Last time needs each set's session start, which version 2 copied into the sets.
        last = history.last_time("stiff-legged-deadlift")
        assert last is not None and last.session == "bbbb"  # cccc was practice
        assert last.started_at.isoformat() == "2026-11-19T07:00:00+05:45"
        assert str(last.sets[0].load) == "22.5 kg"
        assert history.last_time("stiff-legged-deadlift", before="bbbb").session == "aaaa"
        assert history.last_time("supine-piriformis-stretch") is None  # only ever skipped
        # Version 3 added flare-up mode: nothing played before it was played in it.
        assert not any(s.flare for s in recent)
        # Version 4 kept the top of a rep range: sets planned before it had none.
        assert all(s.planned_reps_top is None for s in history.sets("aaaa"))
    else:
        assert recent == []
    # New writes work on top of what was there.
    session = history.start_session(strength_plan(), at=at(23))
    history.record_set(session, entry(0), at=at(23, 18, 5))
    history.finish_session(session, at=at(23, 18, 30))
    assert history.recent_sessions(1)[0].sets_done == 1
    history.close()

    assert schema_of(old) == schema_of(fresh)
    db = sqlite3.connect(old)
    assert user_version(db) == SCHEMA_VERSION
    assert db.execute("pragma integrity_check").fetchall() == [("ok",)]
    assert db.execute("pragma foreign_key_check").fetchall() == []
    db.close()


def test_shipped_migrations_never_change():
    for number, statements in enumerate(MIGRATIONS, start=1):
        text = "\n;\n".join(re.sub(r"\s+", " ", s).strip() for s in statements)
        digest = hashlib.sha256(text.encode()).hexdigest()
        assert PINNED[number] == digest, f"migration {number} changed: add a new one instead"


def test_a_newer_database_is_left_alone(tmp_path):
    path = tmp_path / "h.sqlite3"
    database_at(path, SCHEMA_VERSION)
    db = sqlite3.connect(path)
    db.execute(f"pragma user_version = {SCHEMA_VERSION + 5}")
    db.commit()
    db.close()
    history = History(path)
    session = history.start_session(strength_plan())
    assert history.session(session) is not None
    assert history.notice is None
    db = sqlite3.connect(path)
    assert user_version(db) == SCHEMA_VERSION + 5


def test_two_processes_creating_the_database_at_once_migrate_it_once(tmp_path):
    path = tmp_path / "h.sqlite3"
    first, second = connect(path), connect(path)  # the second finds it migrated
    assert user_version(first) == user_version(second) == SCHEMA_VERSION
    first.close()
    second.close()


def test_the_connection_is_set_up_for_durability_and_a_second_writer(tmp_path):
    db = connect(tmp_path / "h.sqlite3")
    assert db.execute("pragma journal_mode").fetchone() == ("wal",)
    assert db.execute("pragma synchronous").fetchone() == (2,)  # FULL: fsync every commit
    assert db.execute("pragma foreign_keys").fetchone() == (1,)
    assert db.execute("pragma busy_timeout").fetchone() == (5000,)
    with pytest.raises(sqlite3.IntegrityError):
        db.execute(
            "insert into sets (session_id, position, exercise_id, exercise_name, set_number,"
            " set_count, seconds, outcome) values (99, 0, 'x', 'x', 1, 1, 1.0, 'done')"
        )


class Explaining:
    """Stands in for a connection: records the plan of every query before running it."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db
        self.plans: list[str] = []

    def execute(self, sql: str, params: Any = ()) -> sqlite3.Cursor:
        self.plans += [row[3] for row in self.db.execute("explain query plan " + sql, params)]
        return self.db.execute(sql, params)


def test_reads_never_scan_a_table_or_sort(tmp_path):
    """The library, `history` and last time stay as fast with ten years as with ten sessions."""
    path = tmp_path / "h.sqlite3"
    database_at(path, 1)
    History(path).recent_sessions()  # migrates
    spy = Explaining(sqlite3.connect(path))
    db: Any = spy
    live: frozenset[str] = frozenset()
    queries.recent(db, live, 20, None)
    queries.recent(db, live, 20, date(2026, 11, 1))
    queries.between(db, live, date(2026, 11, 16), date(2026, 11, 22), False)
    queries.between(db, live, date(2026, 11, 16), date(2026, 11, 22), True)
    queries.one(db, live, "aaaa")
    queries.sets(db, "aaaa")
    queries.last_time(db, "stiff-legged-deadlift", None)
    queries.last_time(db, "stiff-legged-deadlift", "bbbb")
    queries.checkins(db, date(2026, 11, 1))
    queries.checkins(db, None)
    for plan in spy.plans:
        assert "TEMP B-TREE" not in plan, plan
        if plan.startswith("SCAN"):
            assert "USING INDEX" in plan or "USING COVERING INDEX" in plan, plan
    assert any("sets_last_done" in plan for plan in spy.plans)
    assert any("sessions_by_start" in plan for plan in spy.plans)
