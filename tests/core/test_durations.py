import pytest

from backcoach.core.durations import (
    DurationError,
    Load,
    format_clock,
    format_countdown,
    format_duration,
    parse_duration,
    parse_load,
    spoken_duration,
)


@pytest.mark.parametrize("text", ["", "abc", "1.5s", "m", "30 sec"])
def test_unreadable_durations_explain_the_format(text):
    with pytest.raises(DurationError, match="1m30s"):
        parse_duration(text)


def test_clock_formats():
    assert format_clock(0) == "0:00"
    assert format_clock(180) == "3:00"
    assert format_clock(3725) == "1:02:05"
    assert format_countdown(4.2) == "0:05"
    assert format_countdown(4.0) == "0:04"
    assert (
        format_duration(90) == "1m30s"
        and format_duration(60) == "1m"
        and format_duration(5) == "5s"
    )
    assert spoken_duration(90) == "1 minute 30 seconds" and spoken_duration(1) == "1 second"


def test_loads():
    assert parse_load("20 kg") == Load(20.0, "kg")
    assert str(parse_load("45 lbs")) == "45 lb"
    assert str(parse_load("2.5kg")) == "2.5 kg"
    assert str(parse_load("Bodyweight")) == "bodyweight"
