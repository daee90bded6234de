"""Which sound and which words go with each session event, and how much each matters."""

from __future__ import annotations

from dataclasses import dataclass

from backcoach.core.describe import spoken
from backcoach.core.durations import spoken_duration
from backcoach.core.plan import Kind, Segment
from backcoach.core.session import (
    CountdownTick,
    Event,
    Finished,
    Halfway,
    Rep,
    RestStarted,
    SegmentStarted,
    SwitchSides,
)
from backcoach.core.wording import finish_words, stop_rules

# Higher wins: a tick never cuts off the announcement of a new step.
LOW, MEDIUM, HIGH, TOP = 1, 2, 3, 4

SOUND_NAMES = ("start", "tick", "go", "halfway", "rest", "rep", "end")


@dataclass(frozen=True)
class Cue:
    sound: str
    priority: int
    speech: str | None = None
    at: float = 0.0


def cue_for(event: Event) -> Cue | None:
    segment = event.segment
    if isinstance(event, Finished):
        words = finish_words(event.sets_done, event.sets_total, event.completed)
        return Cue("end", TOP, words.spoken, event.at)
    if isinstance(event, SwitchSides):
        return Cue("halfway", HIGH, "Switch sides." + _next_words(event.next), event.at)
    if isinstance(event, RestStarted):
        return Cue(
            "rest",
            HIGH,
            f"Rest, {spoken_duration(segment.seconds)}." + _next_words(event.next),
            event.at,
        )
    if isinstance(event, SegmentStarted):
        if segment.kind is Kind.PREP:
            return Cue("start", HIGH, "Get ready." + _next_words(event.next), event.at)
        return Cue("start", HIGH, _work_words(segment), event.at)
    if isinstance(event, CountdownTick):
        return Cue(
            "go" if event.seconds_left == 1 else "tick",
            MEDIUM if event.seconds_left == 1 else LOW,
            None,
            event.at,
        )
    if isinstance(event, Halfway):
        return Cue("halfway", MEDIUM, "Halfway.", event.at)
    if isinstance(event, Rep):
        return Cue("rep", LOW, None, event.at)
    return None  # SetDone: the rest or next step that follows says it


def _next_words(segment: Segment | None) -> str:
    if segment is None or segment.kind is not Kind.WORK:
        return ""
    return " Next: " + spoken(segment) + "."


def _work_words(segment: Segment) -> str:
    assert segment.exercise is not None
    words = spoken(segment)
    words = words[0].upper() + words[1:] + "."
    if segment.set_count > 1 and segment.set_number == segment.set_count:
        words += " Last set."
    if segment.first_in_step and segment.exercise.stop_if:
        words += " " + stop_rules(segment.exercise.stop_if[:1])
    if segment.waits_for_user:
        words += " Press Enter when the set is done."
    return words
