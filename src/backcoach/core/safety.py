"""What the app says about safety, written for people in pain.

Sources: docs/SOURCES.md#red-flags-and-stop-rules (the warning signs, stop rules and guidance).
"""

from __future__ import annotations

NOTICE_TITLE = "Before you start"

NOTICE = (
    "backcoach is an exercise timer, not a medical device, and it does not treat anything. "
    "If you have sciatica, talk to a doctor or physiotherapist before you run or start "
    "these exercises. Stop any exercise that hurts, that makes your symptoms worse, or "
    "that brings on new pain."
)

EMERGENCY_TITLE = "Get emergency help now (call 999 or 911, or go to A&E) if:"
EMERGENCY = (
    "the skin around your genitals, buttocks or inner thighs goes numb or tingles;",
    "you suddenly cannot pee, struggle to start, or cannot control your bladder or bowels;",
    "both legs have sciatica, or both legs are weak or numb and it is severe or getting worse;",
    "back or leg pain comes on suddenly and severely together with leg numbness or weakness;",
    "the pain began after a violent injury such as a car crash;",
    "your sexual function has changed, or you are having trouble walking.",
)

URGENT_TITLE = "See a doctor urgently if:"
URGENT = (
    "back pain comes with a fever, weight loss you cannot explain, a lump or a change in "
    "the shape of your back, or pain that rest does not ease and that is worse at night.",
)

SOON_TITLE = "See a doctor soon if:"
SOON = (
    "a few weeks of looking after yourself at home have not helped, the pain is getting "
    "worse, or it stops you doing your usual things.",
)

GUIDANCE_TITLE = "While you exercise"
GUIDANCE = (
    "Stop straight away if pain spreads down your leg, or you feel numbness or tingling.",
    "While you have symptoms, run less and more gently; build back up slowly.",
    "In a bad flare-up, take a few days off exercise.",
    "Keep moving through the day: long spells of sitting or lying down don't help, and gentle movement is not harmful.",
    "Relief from running can fade hours later; note how you feel the next morning.",
    "What helps differs from person to person: change one thing at a time.",
)


def red_flag_text() -> str:
    """The full red-flag list as plain text, for help screens and the notice."""
    sections = [
        (EMERGENCY_TITLE, EMERGENCY),
        (URGENT_TITLE, URGENT),
        (SOON_TITLE, SOON),
    ]
    lines = []
    for title, items in sections:
        lines.append(title)
        lines += [f"  • {item}" for item in items]
        lines.append("")
    return "\n".join(lines).rstrip()
