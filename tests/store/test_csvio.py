"""CSV export and import: exact round trips, no duplicates, and bad files named by line."""

from __future__ import annotations

import csv
import io
import tempfile
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from backcoach.core.durations import BODYWEIGHT, Load
from backcoach.core.session import Outcome
from backcoach.store import (
    History,
    SessionDump,
    SessionId,
    SessionSummary,
    SetEntry,
    Status,
)
from backcoach.store.csvio import (
    COLUMNS,
    SESSION_COLUMNS,
    SET_COLUMNS,
    export_csv,
    import_csv,
)
from backcoach.store.times import to_text, to_utc
from tests.store.builders import KATHMANDU, NEWFOUNDLAND, at, entry, strength_plan

# -- strategies: everything a spreadsheet or a careless hand could make awkward ----------

AWKWARD = [
    ",",
    '"',
    "'",
    "\n",
    "\r\n",
    "a, b",
    'say "hi"',
    "línea\nnueva",
    "日本語",
    "🦵",
    " ",
    "=",
]
OFFSETS = [0, 60, -60, 345, -210, 330, 840, -720, 525, -570]  # +05:45, -03:30, +14:00 ...

characters = st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00")
free_text = st.one_of(st.sampled_from(AWKWARD), st.text(characters, max_size=20))
some_text = free_text.filter(lambda text: text.strip() != "")
moments = st.builds(
    lambda moment, minutes: moment.replace(tzinfo=timezone(timedelta(minutes=minutes))),
    # Up to a day before now: an import refuses a moment later than tomorrow.
    st.datetimes(datetime(2000, 1, 1), datetime.now() - timedelta(days=1)).map(
        lambda moment: moment.replace(microsecond=0)
    ),
    st.sampled_from(OFFSETS),
)
loads = st.one_of(
    st.none(),
    st.just(BODYWEIGHT),
    st.builds(Load, st.integers(0, 50_000).map(lambda n: n / 100), st.sampled_from(["kg", "lb"])),
)
counts = st.one_of(st.none(), st.integers(0, 200))


@st.composite
def set_entries(draw: st.DrawFn, position: int) -> SetEntry:
    return SetEntry(
        position=position,
        exercise_id=draw(some_text),
        exercise_name=draw(free_text),
        side=draw(st.sampled_from([None, "left", "right"])),
        set_number=draw(st.integers(1, 10)),
        set_count=draw(st.integers(1, 10)),
        planned_reps=draw(counts),
        reps=draw(counts),
        load=draw(loads),
        seconds=draw(st.integers(0, 4 * 3600 * 1000)) / 1000,
        outcome=draw(st.sampled_from(Outcome)),
    )


@st.composite
def session_dumps(draw: st.DrawFn) -> SessionDump:
    started = draw(moments)
    ended = draw(st.one_of(st.none(), st.integers(0, 3 * 3600)))
    positions = sorted(draw(st.sets(st.integers(0, 300), max_size=5)))
    return SessionDump(
        SessionSummary(
            id=SessionId(str(draw(st.uuids()))),
            routine_id=draw(some_text),
            routine_source=draw(st.sampled_from(["bundled", "user"])),
            title=draw(free_text),
            plan_hash=draw(st.sampled_from(["", "0" * 64, "ab" * 32])),
            started_at=started,
            ended_at=None
            if ended is None
            else (started + timedelta(seconds=ended)).astimezone(
                timezone(timedelta(minutes=draw(st.sampled_from(OFFSETS))))
            ),
            status=draw(st.sampled_from(Status)),
            practice=draw(st.booleans()),
            flare=draw(st.booleans()),
        ),
        tuple(draw(set_entries(position)) for position in positions),
    )


def exactly(dump: SessionDump) -> tuple[object, ...]:
    """Everything about a session, its times as text so that offsets count too."""
    session = dump.session
    return (
        session.id,
        session.routine_id,
        session.routine_source,
        session.title,
        session.plan_hash,
        to_text(session.started_at),
        None if session.ended_at is None else to_text(session.ended_at),
        session.status,
        session.practice,
        session.flare,
        dump.sets,
    )


def export_text(history: History) -> str:
    out = io.StringIO(newline="")
    export_csv(history, out)
    return out.getvalue()


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8", newline="")
    return path


# -- the round trip -----------------------------------------------------------------------


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(session_dumps(), max_size=5, unique_by=lambda dump: dump.session.id))
def test_export_then_import_gives_back_exactly_what_was_there(dumps):
    with tempfile.TemporaryDirectory() as folder:
        here = History(Path(folder) / "here.sqlite3")
        there = History(Path(folder) / "there.sqlite3")
        assert here.restore(dumps).added == len(dumps)
        exported = write(Path(folder) / "history.csv", export_text(here))

        result = import_csv(there, exported)
        assert result.problems == ()
        assert (result.added, result.skipped) == (len(dumps), 0)
        assert result.sets == sum(len(dump.sets) for dump in dumps)
        assert export_text(there) == exported.read_bytes().decode("utf-8")

        # Oldest first, and as generated: nothing lost, rounded, reordered or re-zoned.
        expected = sorted(dumps, key=lambda dump: to_utc(dump.session.started_at))
        assert [exactly(d) for d in there.dump()] == [
            exactly(d) for d in _nothing_running(expected)
        ]
        for dump in there.dump():
            done = sum(entry.outcome is Outcome.DONE for entry in dump.sets)
            assert (dump.session.sets_done, dump.session.sets_skipped) == (
                done,
                len(dump.sets) - done,
            )
        again = import_csv(there, exported)  # a second import adds nothing
        assert (again.added, again.skipped, again.problems) == (0, len(dumps), ())
        here.close()
        there.close()


def _nothing_running(dumps: list[SessionDump]) -> list[SessionDump]:
    """A session read back as running elsewhere reads as stopped: nobody there is playing it."""
    return [
        replace(d, session=replace(d.session, status=Status.STOPPED))
        if d.session.status is Status.RUNNING
        else d
        for d in dumps
    ]


def test_a_session_without_sets_is_one_row_with_empty_set_columns(tmp_path):
    history = History()
    session = history.start_session(strength_plan(), at=at(16))
    history.finish_session(session, completed=False, at=at(16, 18, 1))
    rows = list(csv.reader(io.StringIO(export_text(history))))
    assert rows[0] == list(COLUMNS)
    assert len(rows) == 2
    row = dict(zip(COLUMNS, rows[1], strict=True))
    assert row["session"] == session and row["status"] == "stopped"
    assert row["started_at"] == "2026-11-16T18:00:00+01:00"
    assert row["practice"] == "no"
    assert all(row[name] == "" for name in SET_COLUMNS) and row["kind"] == "set"
    assert row["flare"] == "no"
    other = History(tmp_path / "other.sqlite3")
    assert import_csv(other, write(tmp_path / "h.csv", export_text(history))).added == 1
    assert other.session(session).sets_done == 0


def test_a_set_row_says_what_was_done(tmp_path):
    history = History()
    session = history.start_session(strength_plan(), at=at(16, 7, 0, tz=KATHMANDU))
    history.record_set(session, entry(0, reps=8, load="22.5 kg", seconds=31.25))
    history.record_set(
        session,
        entry(
            6,
            exercise="supine-piriformis-stretch",
            name="Piriformis stretch",
            reps=None,
            load=None,
            side="left",
            outcome=Outcome.SKIPPED,
        ),
    )
    rows = list(csv.DictReader(io.StringIO(export_text(history))))
    assert [(r["position"], r["exercise"], r["side"], r["set"], r["sets"]) for r in rows] == [
        ("0", "stiff-legged-deadlift", "", "1", "3"),
        ("6", "supine-piriformis-stretch", "left", "1", "3"),
    ]
    assert [
        (r["planned_reps"], r["reps"], r["load"], r["seconds"], r["outcome"]) for r in rows
    ] == [
        ("10", "8", "22.5 kg", "31.25", "done"),
        ("", "", "", "30.0", "skipped"),
    ]
    assert rows[0]["status"] == "running"  # still playing, here
    assert rows[0]["started_at"] == "2026-11-16T07:00:00+05:45"


def test_import_merges_into_an_existing_history_without_duplicates(tmp_path):
    mine, theirs = History(), History(tmp_path / "laptop.sqlite3")
    shared = mine.start_session(strength_plan(), at=at(16))
    mine.record_set(shared, entry(0))
    mine.finish_session(shared, at=at(16, 18, 30))
    theirs.restore(mine.dump())
    only_theirs = theirs.start_session(strength_plan(), at=at(17, tz=NEWFOUNDLAND))
    theirs.finish_session(only_theirs, at=at(17, 18, 20, tz=NEWFOUNDLAND))
    result = import_csv(mine, write(tmp_path / "laptop.csv", export_text(theirs)))
    assert (result.added, result.skipped, result.sets) == (1, 1, 0)
    assert [s.id for s in mine.recent_sessions()] == [only_theirs, shared]
    assert len(mine.sets(shared)) == 1


# -- bad files -----------------------------------------------------------------------------

# The header of an export made before flare-up mode and check-ins: every file below is one
# of those, and must still import (the flare column is tested in
# tests/store/test_flare_history.py, check-ins in tests/cli/test_checkin.py).
HEADER = ",".join(SESSION_COLUMNS + SET_COLUMNS)
GOOD = (
    "s-1,2026-11-16T18:05:00+01:00,2026-11-16T18:40:00+01:00,finished,strength,bundled,"
    "Strength,abc,no,0,stiff-legged-deadlift,Stiff-legged deadlift,,1,3,10,10,20 kg,31.5,done"
)


def bad(tmp_path: Path, *lines: str) -> list[str]:
    """Import the lines into a history that has one session, check nothing changed, return problems."""
    history = History()
    kept = history.start_session(strength_plan(), at=at(16))
    path = write(tmp_path / "bad.csv", "\r\n".join(lines) + "\r\n")
    result = import_csv(history, path)
    assert result.added == 0 and result.problems
    assert [s.id for s in history.recent_sessions(None)] == [kept]  # nothing written
    assert all(p.startswith(f"{path}:") for p in result.problems)
    return [p[len(str(path)) + 1 :] for p in result.problems]


def test_a_good_file_imports(tmp_path):
    history = History()
    result = import_csv(history, write(tmp_path / "good.csv", f"{HEADER}\r\n{GOOD}\r\n"))
    assert (result.added, result.sets, result.problems) == (1, 1, ())
    assert history.sets(SessionId("s-1"))[0].load == Load(20.0, "kg")


def test_a_missing_header_column_is_named(tmp_path):
    header = HEADER.replace(",outcome", "").replace("started_at,", "")
    (problem,) = bad(tmp_path, header, GOOD)
    assert problem.startswith("1: the header has no column started_at, outcome")


def test_a_bad_date_names_its_line(tmp_path):
    (problem,) = bad(
        tmp_path, HEADER, GOOD, GOOD.replace("s-1,2026-11-16T18:05", "s-2,2026-13-16T18:05")
    )
    assert problem.startswith("3: started_at is '2026-13-16T18:05:00+01:00'; it should be a date")


def test_a_date_without_an_offset_is_refused(tmp_path):
    (problem,) = bad(
        tmp_path, HEADER, GOOD.replace("2026-11-16T18:40:00+01:00", "2026-11-16T18:40:00")
    )
    assert problem.startswith("2: ended_at is '2026-11-16T18:40:00'")


def test_a_bad_number_names_its_line(tmp_path):
    problems = bad(
        tmp_path, HEADER, GOOD.replace(",10,10,", ",10,ten,"), GOOD.replace(",31.5,", ",-3,")
    )
    assert problems == [
        "2: reps is 'ten'; it should be a whole number from 0 to 10000",
        "3: seconds is '-3'; it should be a number of seconds from 0 to 86400, like 31.5",
    ]


def test_numbers_and_moments_no_history_could_hold_are_refused_with_their_line(tmp_path):
    problems = bad(
        tmp_path,
        HEADER,
        GOOD.replace(",31.5,", ",1e308,"),
        GOOD.replace(",10,10,", ",10,99999999,"),
        GOOD.replace("s-1,2026-11-16T18:05:00", "s-3,2099-11-16T18:05:00"),
    )
    assert problems[:2] == [
        "2: seconds is '1e308'; it should be a number of seconds from 0 to 86400, like 31.5",
        "3: reps is '99999999'; it should be a whole number from 0 to 10000",
    ]
    assert problems[2].startswith("4: started_at is '2099-11-16T18:05:00")
    assert problems[2].endswith("and not after today")


def test_a_wrong_outcome_names_its_line(tmp_path):
    (problem,) = bad(
        tmp_path, HEADER, GOOD, GOOD.replace("0,stiff", "2,stiff").replace(",done", ",maybe")
    )
    assert problem == "3: outcome is 'maybe'; it should be done or skipped"


def test_line_numbers_count_the_lines_inside_quoted_cells(tmp_path):
    multiline = GOOD.replace(",Strength,", ',"Strength,\nwith a second line",')
    broken = multiline.replace("0,stiff", "1,stiff").replace(",20 kg,", ",20 stone,")
    problems = bad(tmp_path, HEADER, multiline, broken)
    assert problems == ["4: load is '20 stone'; it should be like 20 kg, 45 lb or bodyweight"]


def test_rows_of_one_session_must_agree_and_not_repeat_a_position(tmp_path):
    problems = bad(
        tmp_path,
        HEADER,
        GOOD,
        GOOD.replace(",Strength,", ",Other title,").replace("0,stiff", "2,stiff"),
        GOOD,
    )
    assert problems == [
        "3: session s-1 has a different title here than on line 2",
        "4: session s-1 has position 0 twice (also on line 2)",
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (b"", "1: the file is empty"),
        (
            HEADER.encode() + b"\r\n" + GOOD.encode().replace(b"Strength", b"Str\xe9ngth"),
            "2: the file is not UTF-8",
        ),
        (
            f"{HEADER}\r\n{GOOD},extra\r\n".encode(),
            "2: this row has 21 cells where the header has 20",
        ),
        (
            f"{HEADER}\r\n{GOOD.replace(',no,', ',maybe,')}\r\n".encode(),
            "2: practice is 'maybe'; it should be yes or no",
        ),
        (f"{HEADER}\r\n{GOOD.replace('s-1,', ',')}\r\n".encode(), "2: session is empty"),
        (
            f"{HEADER}\r\n{GOOD.replace(',,1,3,', ',middle,1,3,')}\r\n".encode(),
            "2: side is 'middle'",
        ),
        (f"{HEADER}\r\n{GOOD.replace(',,1,3,', ',,0,3,')}\r\n".encode(), "2: set is '0'"),
    ],
)
def test_other_bad_files(tmp_path, text, expected):
    path = tmp_path / "bad.csv"
    path.write_bytes(text)
    history = History()
    result = import_csv(history, path)
    assert result.problems and result.problems[0].startswith(f"{path}:{expected}")
    assert history.recent_sessions() == []


def test_a_file_that_is_not_there_is_a_problem_not_a_crash(tmp_path):
    result = import_csv(History(), tmp_path / "missing.csv")
    assert result.problems == (
        f"{tmp_path / 'missing.csv'}: cannot be read: No such file or directory",
    )


def test_importing_into_a_history_that_cannot_be_written_says_so(tmp_path, monkeypatch):
    (tmp_path / "a-file").write_text("")
    monkeypatch.setenv("BACKCOACH_HOME", str(tmp_path / "a-file"))
    result = import_csv(History(), write(tmp_path / "good.csv", f"{HEADER}\r\n{GOOD}\r\n"))
    (problem,) = result.problems
    assert "nothing was imported" in problem and "History is not being saved" in problem


def test_a_byte_order_mark_from_a_spreadsheet_is_fine(tmp_path):
    path = tmp_path / "excel.csv"
    path.write_bytes(b"\xef\xbb\xbf" + f"{HEADER}\r\n{GOOD}\r\n".encode())
    assert import_csv(History(), path).added == 1
