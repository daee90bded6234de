"""History records whether a session was played in flare-up mode, and carries it through
CSV export and import; an export made before the column existed still imports."""

from __future__ import annotations

import io

from backcoach.core.flare import flare_variant
from backcoach.core.model import FlareRule
from backcoach.core.plan import build_plan
from backcoach.store import History
from backcoach.store.csvio import COLUMNS, EXTRA_COLUMNS, export_csv, import_csv
from tests.helpers import hold, manual_reps, routine
from tests.store.builders import at, entry

USUAL = routine(manual_reps(10, sets=2, flare=FlareRule(sets=1)), hold(30))


def played(history: History, gentler: bool, day: int = 16) -> str:
    plan = build_plan(flare_variant(USUAL) if gentler else USUAL)
    session = history.start_session(plan, at=at(day))
    history.record_set(session, entry(0), at=at(day, 18, 1))
    history.finish_session(session, at=at(day, 18, 5))
    return session


TAIL = 2 + len(EXTRA_COLUMNS)
"""The cells from `flare` to the end of a row: flare, planned_reps_top, and the extras."""


def export_text(history: History) -> str:
    out = io.StringIO(newline="")
    export_csv(history, out)
    return out.getvalue()


def test_a_session_of_the_flare_variant_is_marked_as_one():
    history = History()
    usual, gentler = played(history, False, 16), played(history, True, 17)
    assert history.session(usual).flare is False
    assert history.session(gentler).flare is True
    assert history.session(gentler).marks == "flare-up"
    assert [s.flare for s in history.recent_sessions()] == [True, False]


def test_the_csv_says_flare_yes_or_no_and_imports_it_back(tmp_path):
    history = History(tmp_path / "one.sqlite3")
    usual, gentler = played(history, False, 16), played(history, True, 17)
    text = export_text(history)
    header, *rows = text.splitlines()
    # flare, then the columns added after it (planned_reps_top, the extras)
    assert header.split(",")[-TAIL] == "flare" == COLUMNS[-TAIL]
    assert [row.rsplit(",", TAIL)[1] for row in rows] == ["no", "yes"]

    path = tmp_path / "history.csv"
    path.write_text(text, encoding="utf-8", newline="")
    other = History(tmp_path / "two.sqlite3")
    assert import_csv(other, path).added == 2
    assert (other.session(usual).flare, other.session(gentler).flare) == (False, True)


def test_an_export_from_before_flare_up_mode_imports_as_not_flare(tmp_path):
    history = History(tmp_path / "one.sqlite3")
    session = played(history, True)
    header, row = export_text(history).splitlines()
    path = tmp_path / "old.csv"
    path.write_text(header.rsplit(",", TAIL)[0] + "\n" + row.rsplit(",", TAIL)[0] + "\n")
    other = History(tmp_path / "two.sqlite3")
    result = import_csv(other, path)
    assert result.problems == () and result.added == 1
    assert other.session(session).flare is False


def test_a_flare_cell_that_is_not_yes_or_no_is_reported_and_nothing_is_written(tmp_path):
    history = History(tmp_path / "one.sqlite3")
    played(history, True)
    after = "," * (TAIL - 1)
    text = export_text(history).replace(f",yes{after}\r\n", f",maybe{after}\r\n")
    path = tmp_path / "bad.csv"
    path.write_text(text, encoding="utf-8", newline="")
    other = History(tmp_path / "two.sqlite3")
    result = import_csv(other, path)
    assert result.problems == (f"{path}:2: flare is 'maybe'; it should be yes or no, or empty",)
    assert other.recent_sessions() == []
