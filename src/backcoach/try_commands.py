"""`backcoach try`: a trial on oneself between two things, or a thing and nothing.

Blocks of days in a balanced random order (core/experiments.py), the next-morning
check-in as the outcome, and a result that says how sure it is and whether the
difference reaches the 2-point change the check-in rules treat as real.
"""

from __future__ import annotations

import json
import sys
from datetime import date, datetime, timedelta

from backcoach.core.experiments import (
    NOTHING,
    Experiment,
    ExperimentError,
    Result,
    check_design,
    outcomes,
    result,
)
from backcoach.core.insights import MIN_DAYS, Difference, Morning, next_mornings
from backcoach.core.things import ThingError, find_thing
from backcoach.core.wording import one_line, plural
from backcoach.store import History
from backcoach.telling import err, kept_then_told

EXIT_OK, EXIT_INVALID = 0, 1


def _today() -> date:
    return datetime.now().astimezone().date()


def _arm(text: str) -> str:
    words = " ".join(text.split())
    return NOTHING if words.casefold() == NOTHING else find_thing(words).name


def _day_words(experiment: Experiment, arm: str) -> str:
    if arm == NOTHING:
        other = experiment.a if experiment.b == NOTHING else experiment.b
        return f"a day without {other}"
    return f"a day for {arm}"


def start(a: str, b: str, days: int, block: int, first: date | None) -> int:
    try:
        arm_a, arm_b = _arm(a), _arm(b)
        check_design(arm_a, arm_b, days, block)
    except (ThingError, ExperimentError) as error:
        err(f"{error}; nothing was started")
        return EXIT_INVALID
    today = _today()
    begin = first or today
    if begin > today + timedelta(days=30):
        err("--from is more than 30 days ahead; start nearer the time; nothing was started")
        return EXIT_INVALID
    history = History()
    try:
        running = history.experiments.running(today)
        if running is not None:
            err(
                f"{running.a} against {running.b} is still running (one at a time); "
                "'backcoach try stop' ends it; nothing was started"
            )
            return EXIT_INVALID
        experiment = history.experiments.start(arm_a, arm_b, begin, days, block)
    finally:
        history.close()
    if experiment is None:
        for notice in history.notices:
            err(notice)
        err("the experiment could not be saved")
        return EXIT_INVALID
    with kept_then_told():
        print(
            one_line(
                f"Started: {arm_a} against {arm_b}, {days} days from {begin:%a %d %b} in blocks "
                f"of {plural(block, 'day')}, in a random order. 'backcoach try today' says "
                "which one each day is for; check in each morning ('backcoach checkin')."
            )
        )
    return EXIT_OK


def today() -> int:
    history = History()
    try:
        experiment = history.experiments.running(_today())
    finally:
        history.close()
    if experiment is None:
        print("No experiment is running. 'backcoach try start ice nothing' starts one.")
        return EXIT_OK
    day = _today()
    arm = experiment.arm_on(day)
    if arm is None:
        when = "begins" if day < experiment.start else "ended"
        print(one_line(f"The experiment {when} on {experiment.start:%a %d %b}."))
        return EXIT_OK
    number = (day - experiment.start).days + 1
    print(
        one_line(
            f"Today is {_day_words(experiment, arm)} (day {number} of {experiment.days}). "
            "Tomorrow morning's check-in tells how it went."
        )
    )
    return EXIT_OK


def _mornings(history: History) -> dict[date, Morning]:
    return next_mornings((c.taken_at, Morning(c.back, c.leg)) for c in history.checkins())


def status() -> int:
    history = History()
    try:
        every = history.experiments.listed()
        mornings = _mornings(history)
    finally:
        history.close()
    if not every:
        print("No experiment yet. 'backcoach try start ice nothing' starts one.")
        return EXIT_OK
    now = _today()
    for experiment in reversed(every):
        found = outcomes(experiment, mornings, now)
        done = len(found.a) + len(found.b)
        state = "stopped" if experiment.stopped else "running" if found.to_come else "finished"
        print(
            one_line(
                f"{experiment.a} against {experiment.b}, from {experiment.start:%a %d %b}, "
                f"{state}: {plural(done, 'day')} with a next-morning check, "
                f"{found.missing} missed, {found.to_come} to come."
            )
        )
    return EXIT_OK


def stop() -> int:
    history = History()
    try:
        experiment = history.experiments.running(_today())
        if experiment is None:
            err("no experiment is running")
            return EXIT_INVALID
        stopped = history.experiments.stop(experiment.id, _today())
    finally:
        history.close()
    if not stopped:
        err("the experiment could not be stopped")
        return EXIT_INVALID
    with kept_then_told():
        print(
            one_line(
                f"Stopped {experiment.a} against {experiment.b}. 'backcoach try result' gives "
                "what its days showed."
            )
        )
    return EXIT_OK


def show_result(as_json: bool) -> int:
    history = History()
    try:
        every = history.experiments.listed()
        mornings = _mornings(history)
    finally:
        history.close()
    if not every:
        err("no experiment yet; 'backcoach try start ice nothing' starts one")
        return EXIT_INVALID
    experiment = every[-1]
    found = result(outcomes(experiment, mornings, _today()))
    if as_json:
        json.dump(_as_dict(experiment, found), sys.stdout, indent=2, ensure_ascii=False)
        print()
        return EXIT_OK
    for line in result_lines(experiment, found):
        print(one_line(line))
    return EXIT_OK


def result_lines(experiment: Experiment, found: Result) -> list[str]:
    a, b = experiment.a, experiment.b
    head = (
        f"{a} against {b}: {found.days_a} days of {a} and {found.days_b} of {b} with a "
        f"next-morning check; {found.missing} missed (left out)."
    )
    if not found.enough or found.leg is None or found.back is None:
        return [
            head,
            f"Not enough days yet: {MIN_DAYS} of each are needed, so at least "
            f"{plural(found.more_needed(), 'more day')} on the side with fewest.",
        ]
    lines = [head]
    for label, diff in (("Back", found.back), ("Leg", found.leg)):
        direction = "less" if diff.mean < 0 else "more"
        lines.append(
            f"{label} pain next morning after {a}: {abs(diff.mean):.1f} points {direction} "
            f"than after {b} (likely between {diff.low:+.1f} and {diff.high:+.1f})."
        )
    assert found.back_a_better is not None and found.back_b_better is not None
    lines.append(
        f"Chance that {a} is better for the back by a point or more: about "
        f"{found.back_a_better:.0%}; that {b} is: about {found.back_b_better:.0%}."
    )
    lines.append(
        "The difference reaches the 2 points the check-ins treat as a real change."
        if found.real
        else "The difference is under the 2 points the check-ins treat as a real change."
    )
    lines.append("This is one person's trial: it says what went with what for you, here.")
    return lines


def _as_dict(experiment: Experiment, found: Result) -> dict[str, object]:
    def diff(d: Difference | None) -> dict[str, float] | None:
        if d is None:
            return None
        return {"mean": round(d.mean, 2), "low": round(d.low, 2), "high": round(d.high, 2)}

    return {
        "a": experiment.a,
        "b": experiment.b,
        "start": experiment.start.isoformat(),
        "days": experiment.days,
        "block": experiment.block,
        "stopped": None if experiment.stopped is None else experiment.stopped.isoformat(),
        "days_a": found.days_a,
        "days_b": found.days_b,
        "missing": found.missing,
        "enough": found.enough,
        "back": diff(found.back),
        "leg": diff(found.leg),
        "back_a_better_by_1": None
        if found.back_a_better is None
        else round(found.back_a_better, 3),
        "back_b_better_by_1": None
        if found.back_b_better is None
        else round(found.back_b_better, 3),
        "real_change": found.real,
        "more_days_needed": found.more_needed(),
    }
