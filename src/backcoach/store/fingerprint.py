"""A plan's identity over time: the same work in the same order hashes the same, always."""

from __future__ import annotations

import hashlib
import json

from backcoach.core.plan import Plan, Segment

RECIPE = "backcoach-plan-1"
"""Named in the hashed text, so a future change of what is hashed can never collide."""


def plan_fingerprint(plan: Plan) -> str:
    """The sha256 (hex) of the plan's segments: what is done, for how long, in what order.

    What changes the work changes the hash: a segment's kind and length, the exercise id,
    side, set number and count, reps (and the top of a range), tempo, load, and whether a set waits for the user.
    What only changes the telling does not: exercise names, cues, cautions and pictures,
    countdown ticks, the title, where the file lives. Offsets follow from the lengths.
    Canonical JSON (sorted keys, no spaces, ASCII), so the hash never depends on the
    platform, the Python version or dictionary order.
    """
    text = json.dumps(
        [RECIPE, [_segment(segment) for segment in plan.segments]],
        separators=(",", ":"),
        sort_keys=True,
        ensure_ascii=True,
    )
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def _segment(segment: Segment) -> dict[str, object]:
    load = segment.load
    found: dict[str, object] = {
        "kind": segment.kind.value,
        "seconds": segment.seconds,
        "exercise": None if segment.exercise is None else segment.exercise.id,
        "side": segment.side,
        "set": segment.set_number,
        "sets": segment.set_count,
        "reps": segment.reps,
        "tempo": segment.tempo,
        "load": None if load is None else [load.amount, load.unit],
        "waits": segment.waits_for_user,
    }
    if segment.reps_top is not None:  # only then, so plans without a range keep their hash
        found["reps_top"] = segment.reps_top
    return found
