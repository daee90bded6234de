"""What the history says went with better or worse mornings: diary things, sports and
routines, each against the next-morning check-ins."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

from backcoach.coach.what_helps import insights
from backcoach.core.activity import Activity, Sport
from backcoach.core.insights import words
from backcoach.core.things import find_thing
from backcoach.store import History

UTC = timezone.utc
DAY0 = datetime(2026, 9, 1, 19, tzinfo=UTC)


def test_each_thing_sport_and_routine_is_compared_enough_ones_first(tmp_path):
    history = History(tmp_path / "history.sqlite3")
    for day in range(28):
        evening = DAY0 + timedelta(days=day)
        iced = day % 2 == 0
        if iced:
            history.things.add(find_thing("ice"), 20, evening)
        if day % 7 == 0:
            history.activities.add([Activity(Sport.RIDE, evening, 3600, 30_000)])
        back = 2 if iced else 5
        history.add_checkin(back, 1, "buttock", at=evening + timedelta(hours=12))
    found = insights(history)
    assert [i.thing for i in found] == ["ice", "ride"]
    ice, ride = found
    assert (ice.days_with, ice.days_without) == (14, 14)
    assert ice.back is not None and ice.back.mean == -3.0 and ice.back.clear
    assert not ride.enough  # 4 days with: not enough
    assert words(ride) == "ride: not enough days yet (4 with, 24 without; 5 of each are needed)."


def test_no_check_ins_means_nothing_to_compare(tmp_path):
    history = History(tmp_path / "history.sqlite3")
    history.things.add(find_thing("heat"), 15, DAY0)
    (only,) = insights(history)
    assert (only.thing, only.days_with, only.days_without, only.enough) == ("heat", 0, 0, False)
