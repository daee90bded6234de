"""What each block of the player says at one moment: words only, worked out from the
workout's state value and what the person has typed, so that the screen hands each block
its own and lays them out. No widget and no timing here."""

from __future__ import annotations

from dataclasses import dataclass

from textual.content import Content

from backcoach.core import describe
from backcoach.core.durations import format_clock, format_countdown
from backcoach.core.flare import badged_title
from backcoach.core.plan import Kind, Segment
from backcoach.core.progression import Verdict
from backcoach.core.session import State
from backcoach.core.wording import about, stop_rule_lines
from backcoach.ui.text import PHASES, join, lines, one_line, plain
from backcoach.workout import Workout


@dataclass(frozen=True)
class Asides:
    """What the screen knows that the workout does not: reps typed, old loads kept with
    Esc, a pause made by a dialog, and the app's mute."""

    typed: str = ""
    kept: tuple[str, ...] = ()
    held: bool = False
    muted: bool = False


@dataclass(frozen=True)
class Said:
    """The player's blocks, top to bottom, as text."""

    phase: Content  # the banner, before it is padded to the width
    name: str  # the name as one line
    big_name: str  # the name drawn large ("Switch to" beside the side on a switch)
    side: str
    detail: str
    proposal: tuple[str, ...]
    clock: str
    widest: str  # the widest time this step shows: a picture is weighed against it
    hint: str
    picture: str | None
    cues: tuple[str, ...]
    caution: Content
    upcoming: str
    last: str
    times: str


def words_for(workout: Workout, state: State, segment: Segment, asides: Asides) -> Said:
    name = describe.line(segment) if segment.kind is Kind.SWITCH else segment.name
    side = (segment.side or "").upper()
    exercise = segment.exercise
    picture = exercise.picture if exercise and segment.kind is Kind.WORK else None
    cues = exercise.cues if exercise and segment.kind in (Kind.WORK, Kind.PREP) else ()
    # A get-ready shows the set it leads into: that is when the bar is loaded.
    coming = set_ahead(workout, segment)
    plan = workout.plan
    left = format_clock(state.remaining_total if state.started else plan.total)
    return Said(
        phase=phase_text(workout, state, segment, asides),
        name=name,
        # Large, a switch reads "SWITCH TO  RIGHT": the side beside it says which.
        big_name="Switch to" if segment.kind is Kind.SWITCH and side else name,
        side=side,
        detail=describe.detail(coming, workout.load_for(coming)),
        proposal=tuple(proposal_rows(workout, state, asides)),
        clock=timer_text(state, segment),
        widest=widest_time(segment),
        hint=rest_hint(workout, state, segment, asides),
        picture=picture,
        cues=tuple(f"• {cue}" for cue in cues),
        caution=caution(segment),
        upcoming=next_text(workout, segment),
        last=last_time(workout, segment),
        times=f"{format_clock(state.elapsed)} done · {about(left, plan.is_estimate)} to go",
    )


def phase_text(workout: Workout, state: State, segment: Segment, asides: Asides) -> Content:
    title = one_line(badged_title(workout.plan.routine))
    muted = " · muted" if asides.muted else ""
    if workout.practice:  # another speed: said on every screen of it, never missed
        muted += " · PRACTICE"
    # What to press comes before the title: on a narrow screen the title is what is cut.
    if not state.started:
        return join(f"READY · press Enter to start{muted} · ", title)
    if state.paused:
        how = "it carries on when this closes" if asides.held else "press Space to resume"
        return join(f"PAUSED · {how}{muted} · ", title)
    return join(f"{PHASES[segment.kind]}{muted} · ", title)


def last_time(workout: Workout, segment: Segment) -> str:
    """'Last time: 10, 10, 8 reps at 20 kg · Tue 17 Nov', for counted or loaded work."""
    exercise = segment.exercise
    if (
        exercise is None
        or segment.kind not in (Kind.WORK, Kind.PREP)
        or (segment.reps is None and segment.load is None)
    ):
        return ""
    last = workout.last_times.get(exercise.id)
    return f"Last time: {last}" if last else ""


def proposal_rows(workout: Workout, state: State, asides: Asides) -> list[str]:
    """Before the start: the load each progressing exercise lifts today, and why; a
    new one waits for Enter (take it) or Esc (keep the old), one exercise at a time."""
    if state.started:
        return []
    names = {s.exercise.id: s.name for s in workout.plan.work_segments() if s.exercise}
    rows = [
        f"{names.get(p.exercise_id, '')}: {p.reason}"
        for p in workout.proposals
        if p.verdict is not Verdict.FIRST
    ]
    changes = workout.changes
    if len(changes) > 1:
        asked = changes[0]
        name = names.get(asked.exercise_id, "")
        rows.append(f"{name}: Enter: lift {asked.proposed} · Esc: keep {asked.current}")
    elif changes:
        (asked,) = changes
        rows.append(f"Enter: lift {asked.proposed} and start · Esc: keep {asked.current}")
    elif asides.kept:
        rows.append(f"Keeping {', '.join(asides.kept)} this time")
    return rows


def set_ahead(workout: Workout, segment: Segment) -> Segment:
    """The segment itself, or for a get-ready the work it leads into."""
    segments = workout.plan.segments
    index = segment.position + 1
    if segment.kind is Kind.PREP and index < len(segments):
        following = segments[index]
        if following.kind is Kind.WORK:
            return following
    return segment


def next_text(workout: Workout, segment: Segment) -> str:
    """'Next: …', the step after the one on screen. A get-ready shows the exercise it
    leads into (its name, its cues), so Next looks past that exercise's set."""
    segments = workout.plan.segments
    index = segment.position + (2 if segment.kind is Kind.PREP else 1)
    if index >= len(segments):
        return "Next: the end of the routine"
    following = segments[index]
    # A load corrected with e carries forward: Next names the load that will be used.
    following = following._replace(load=workout.load_for(following))
    return f"Next: {describe.line(following)}"


def widest_time(segment: Segment) -> str:
    """The time this step starts from, the widest it counts down through."""
    if segment.kind is Kind.WORK and segment.tempo and segment.reps:
        return str(segment.reps)
    return format_clock(segment.seconds)


def timer_text(state: State, segment: Segment) -> str:
    if not state.started:
        return format_clock(segment.seconds)
    if segment.kind is Kind.WORK and segment.tempo and state.rep:
        return str(state.rep)
    remaining = state.segment_remaining
    if remaining is None:
        return format_clock(state.segment_elapsed)  # counts up while the user works
    return format_countdown(remaining)


def hint(state: State, segment: Segment) -> str:
    if segment.kind is Kind.WORK and segment.tempo and segment.reps:
        return f"rep {state.rep or 1} of {segment.reps} · {segment.tempo}s each"
    if segment.waits_for_user:
        return "Press Enter when the set is done"
    if segment.kind is Kind.REST and not state.paused:
        return "Breathe. Enter ends the rest early, + adds 15 s"
    return ""


def rest_hint(workout: Workout, state: State, segment: Segment, asides: Asides) -> str:
    if state.started and segment.waits_for_user and segment.reps is not None:
        if asides.typed:
            return f"Reps done: {asides.typed} · Enter records it, Backspace edits"
        if segment.reps_top is not None and not state.paused:
            return f"Type the reps you did, then Enter (Enter alone: {segment.reps})"
    said = hint(state, segment)
    if segment.kind is Kind.REST and any(r.reps is not None for r in workout.records.values()):
        said = f"{said}, e corrects the last set" if said else "e corrects the last set"
    return said


def caution(segment: Segment) -> Content:
    exercise = segment.exercise
    if exercise is None or segment.kind not in (Kind.WORK, Kind.PREP):
        return Content()
    rows = [f"⚠ {exercise.caution}"] if exercise.caution else []
    rows += stop_rule_lines(exercise.stop_if)
    return lines([plain(row) for row in rows])
