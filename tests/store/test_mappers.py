"""The mappers: each record's row, CSV cells and JSON, held to what the slow, general ways
(records, csv.writer, json.dumps) would make of them; and the one-pass export."""

from __future__ import annotations

import csv
import io
import json
import sqlite3

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backcoach.core.backcheck import Reach
from backcoach.store import CheckIn, History, Phase, SessionDump, SessionId, queries
from backcoach.store.export import LooseCheckIn, SessionRows
from backcoach.store.mappers import checkins as checkin_mapper
from backcoach.store.mappers import sessions as session_mapper
from backcoach.store.mappers import sets as set_mapper
from backcoach.store.mappers.cells import neutral, quote, restored
from backcoach.store.mappers.jsontext import indented
from tests.store.builders import at, entry, strength_plan
from tests.store.test_csvio import free_text, moments, session_dumps, some_text

similar = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def checkins(draw: st.DrawFn, session: SessionId | None = None) -> CheckIn:
    return CheckIn(
        id=draw(some_text),
        taken_at=draw(moments),
        back=draw(st.integers(0, 10)),
        leg=draw(st.integers(0, 10)),
        reach=draw(st.sampled_from(Reach)),
        note=draw(free_text),
        session=session,
        phase=None if session is None else draw(st.sampled_from(Phase)),
    )


def written(cells: list[str]) -> str:
    out = io.StringIO(newline="")
    csv.writer(out).writerow(cells)
    return out.getvalue()


def cells_of(text: str) -> list[str]:
    return next(csv.reader(io.StringIO(text, newline="")))


@given(free_text, free_text)
def test_a_quoted_cell_is_what_csv_writer_writes_of_its_neutral_text(text, other):
    assert f"{quote(text)},{quote(other)}\r\n" == written([neutral(text), neutral(other)])


@given(free_text)
def test_a_neutral_cell_never_starts_a_formula_and_comes_back_the_same(text):
    cell = neutral(text)
    assert not cell.startswith(("=", "+", "-", "@", "\t", "\r"))
    assert restored(cell) == text


@pytest.mark.parametrize(
    ("text", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("-3", "'-3"),
        ("'=x", "''=x"),
        ("it's", "it's"),
    ],
)
def test_formulas_are_written_as_text(text, cell):
    assert (neutral(text), restored(cell)) == (cell, text)


@similar
@given(session_dumps(), st.booleans(), st.integers(0, 3), st.data())
def test_a_session_renders_as_the_general_writers_would(dump, spread, level, data):
    checks = data.draw(st.lists(checkins(dump.session.id), max_size=3))
    dump = SessionDump(dump.session, dump.sets, tuple(checks))
    row, sets, checks_rows = session_mapper.dump_rows(dump)

    shown = session_mapper.as_json(row, sets, checks_rows, spread)
    assert session_mapper.json_text(row, sets, checks_rows, spread, level) == indented(shown, level)
    assert indented(shown) == json.dumps(shown, indent=2)
    assert shown["sets"] == [set_mapper.as_json(r) for r in sets]

    text = session_mapper.csv_text(row)
    assert written(cells_of(text)) == text + "\r\n"
    for entry_row in sets:
        text = set_mapper.csv_text(entry_row)
        assert written(cells_of(text)) == text + "\r\n"
        top = entry_row[set_mapper.NAMES.index("planned_reps_top")]
        assert cells_of(text)[-1] == ("" if top is None else str(top))
    for checkin_row in checks_rows:
        text = checkin_mapper.csv_text(checkin_row)
        assert written(cells_of(text)) == text + "\r\n"


@similar
@given(checkins(), st.integers(0, 3))
def test_a_loose_checkin_says_its_kind_in_json(checkin, level):
    row = checkin_mapper.to_row(checkin)
    data = checkin_mapper.as_json(row, loose=True)
    assert next(iter(data)) == "kind" and data["kind"] == "checkin"
    assert checkin_mapper.json_text(row, level, loose=True) == indented(data, level)
    assert checkin_mapper.from_row(row) == checkin


@similar
@given(session_dumps())
def test_records_go_to_rows_and_back_unchanged(dump):
    row, sets, _ = session_mapper.dump_rows(dump)
    live = {dump.session.id}  # a running session read where it is played stays running
    assert session_mapper.from_row(row, live) == dump.session
    assert tuple(set_mapper.from_row(r) for r in sets) == dump.sets


def test_a_running_session_exports_as_stopped_where_nobody_plays_it(tmp_path):
    history = History(tmp_path / "h.sqlite3")
    session = history.start_session(strength_plan(), at=at(16))
    (here,) = history.export()
    assert isinstance(here, SessionRows) and here.row[session_mapper.STATUS] == "running"
    elsewhere = History(history.path)
    (there,) = elsewhere.export()
    assert isinstance(there, SessionRows) and there.row[session_mapper.STATUS] == "stopped"
    assert history.session(session) is not None
    elsewhere.close()
    history.close()


def test_the_export_slots_loose_checkins_between_sessions_and_can_stop_early(tmp_path):
    history = History(tmp_path / "h.sqlite3")
    history.add_checkin(1, 1, "none", at=at(16, 9))
    first = history.start_session(strength_plan(), at=at(16))
    history.record_set(first, entry(0), at=at(16, 18, 1))
    history.finish_session(first, at=at(16, 18, 30))
    history.add_checkin(2, 3, "knee", session=first, phase="after", at=at(16, 19))
    history.add_checkin(1, 1, "none", at=at(17, 9))
    history.add_checkin(1, 1, "none", at=at(20, 9))
    second = history.start_session(strength_plan(), at=at(18))
    history.finish_session(second, at=at(18, 18, 30))

    found = list(history.export())
    assert [type(e).__name__ for e in found] == [
        "LooseCheckIn",
        "SessionRows",
        "LooseCheckIn",
        "SessionRows",
        "LooseCheckIn",
    ]
    assert [len(e.sets) for e in found if isinstance(e, SessionRows)] == [1, 0]
    assert found[1].checkins[0][-1] == "after"  # a check-in's row ends with its phase
    assert found[1].spread is True  # knee after, nothing before but a check at none

    for _ in history.export():
        break  # a reader that stops early lets go of the database
    assert history.add_checkin(0, 0, "none", at=at(21)) is not None
    (late,) = history.export(since=at(21).date())
    assert isinstance(late, LooseCheckIn) and late.row[1] == "2026-11-21T18:00:00+01:00"
    history.close()


def test_the_spread_of_every_session_is_one_query_that_agrees_with_asking_by_id(tmp_path):
    history = History(tmp_path / "h.sqlite3")
    sessions = []
    for day, (before, after) in enumerate([("none", "thigh"), ("knee", "thigh"), (None, "foot")]):
        session = history.start_session(strength_plan(), at=at(16 + day))
        history.finish_session(session, at=at(16 + day, 18, 30))
        if before is not None:
            history.add_checkin(1, 1, before, session=session, phase="before", at=at(16 + day, 17))
        history.add_checkin(1, 1, after, session=session, phase="later", at=at(16 + day, 22))
        sessions.append(session)
    by_id = history.spread_sessions(sessions)
    assert by_id == {sessions[0], sessions[2]}  # the third: after the first's later check
    history.close()
    db = sqlite3.connect(history.path)
    assert queries.spread_since(db, None) == by_id
    assert queries.spread_since(db, at(17).date()) == {sessions[2]}
    db.close()
