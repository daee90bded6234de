"""When the player's screen next changes on its own, so that it can sleep until then.

The player shows whole seconds: the countdown rounds up, a set of reps counts up and
rounds down, and so does the "done" clock of the whole routine. Each of those flips
when its own quantity crosses a whole second, and those instants are known exactly from
the session's state. Events (a new segment, a rep, a countdown tick, halfway) can fall
between them, so the next one due is counted too: the cue and the digits then change in
the same refresh.
"""

from __future__ import annotations

import math

from backcoach.core.session import State


def until_next_whole(value: float) -> float:
    """How far a value that grows at one per second is from its next whole number.

    A value already on a whole number is a full second away from the next one: the
    display flipped when it arrived there.
    """
    return math.floor(value) + 1 - value


def until_shown_change(state: State, next_due: float | None) -> float | None:
    """Routine seconds until the player's text would change on its own, or None.

    None means nothing moves until the user acts: before the start, while paused,
    and after the finish. `next_due` is `Session.next_due()`, in active seconds.
    """
    segment = state.segment
    if not state.started or state.paused or state.finished or segment is None:
        return None
    waits = [until_next_whole(state.elapsed)]  # the routine's "done" clock
    remaining = state.segment_remaining
    if remaining is None:
        waits.append(until_next_whole(state.segment_elapsed))  # a set that counts up
    else:
        # The countdown rounds up: it shows 5 until exactly 4 s are left, then 4.
        waits.append(until_next_whole(-remaining))
    if state.rep is not None and segment.tempo:
        into_rep = state.segment_elapsed / segment.tempo
        waits.append(until_next_whole(into_rep) * segment.tempo)
    if next_due is not None:
        waits.append(max(0.0, next_due - state.elapsed))
    return min(waits)
