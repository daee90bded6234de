"""settings.yaml: typed values, problems said with their line, nothing the user wrote lost."""

from __future__ import annotations

import os

import pytest

from backcoach.core import yamltree
from backcoach.core.settings import (
    MARKER,
    MAX_SETTINGS_BYTES,
    ON_OFF,
    OPTIONAL_TEXT,
    WEEKDAY,
    Settings,
    Text,
    WholeNumber,
    load_settings,
    save_settings,
    setting_fields,
)


@pytest.fixture
def settings_file(isolated_home):
    isolated_home.mkdir(parents=True, exist_ok=True)
    return isolated_home / "settings.yaml"


@pytest.fixture
def backup(settings_file):
    return settings_file.with_name("settings.yaml.bak")


def test_no_file_means_the_defaults_and_nothing_to_say(settings_file):
    settings = load_settings()
    assert (settings.notice_accepted, settings.sound, settings.voice) == (False, True, True)
    assert settings.problems == []


def test_saved_settings_load_back_and_a_second_save_keeps_no_backup(settings_file, backup):
    settings = load_settings()
    settings.sound, settings.notice_accepted = False, True
    save_settings(settings)
    again = load_settings()
    assert (again.sound, again.notice_accepted, again.voice) == (False, True, True)
    assert again.problems == []
    save_settings(again)
    assert not backup.exists()


def test_a_bad_value_is_reported_with_its_line_and_the_default_used(settings_file, backup):
    original = "# mine\nvoice: off\nsound: maybe\n"
    settings_file.write_text(original)
    settings = load_settings()
    assert settings.sound is True and settings.voice is False
    assert settings.problems == [f"{settings_file}:3: 'sound: maybe' is not on or off; using on"]
    save_settings(settings)
    assert backup.read_text() == original  # what the user wrote is kept before it is replaced
    assert load_settings().problems == []


@pytest.mark.parametrize("text", ["yes", "on", "true", "True", "ON", "'on'"])
def test_on_is_said_many_ways(settings_file, text):
    settings_file.write_text(f"notice_accepted: {text}\n")
    assert load_settings().notice_accepted is True


@pytest.mark.parametrize(
    ("text", "what"),
    [
        ("- sound\n- voice\n", "a list"),
        ("just some words\n", "text 'just some words'"),
        ("42\n", "number '42'"),
    ],
)
def test_a_file_that_is_not_key_value_lines_is_reported_and_kept(settings_file, backup, text, what):
    settings_file.write_text(text)
    settings = load_settings()
    assert settings == Settings()
    assert len(settings.problems) == 1
    assert f"holds {what}, not 'key: value' lines" in settings.problems[0]
    assert "using the defaults" in settings.problems[0]
    save_settings(settings)
    assert backup.read_text() == text


def test_keys_backcoach_does_not_know_are_kept_and_written_back(settings_file, backup):
    settings_file.write_text(
        "sound: off\naccent: nord\nrest_day_goal: 3\nfuture: {a: [1, 2], b: null}\n"
    )
    settings = load_settings()
    assert settings.problems == []
    assert settings.extra == {
        "accent": "nord",
        "rest_day_goal": 3,
        "future": {"a": [1, 2], "b": None},
    }
    settings.voice = False
    save_settings(settings)
    again = load_settings()
    assert (again.sound, again.voice) == (False, False)
    assert again.extra == settings.extra


def test_a_misspelt_key_is_pointed_out_and_kept(settings_file):
    settings_file.write_text("sond: off\n")
    settings = load_settings()
    assert settings.sound is True and settings.extra == {"sond": False}
    assert settings.problems == [
        f"{settings_file}:1: 'sond' is not a setting (did you mean 'sound'?); it is kept as it is"
    ]


def test_deep_nesting_is_a_problem_not_a_recursion_error(settings_file, backup):
    settings_file.write_text("a: " + "[" * 5000 + "]" * 5000 + "\n")
    settings = load_settings()
    assert settings == Settings()
    [problem] = settings.problems
    assert problem.startswith(f"{settings_file}:1: {yamltree.TOO_DEEP}; using the defaults")
    save_settings(settings)
    assert backup.exists()


def test_a_huge_file_is_not_read(settings_file, backup):
    settings_file.write_text("a: " + "x" * (10 * 1024 * 1024) + "\n")
    settings = load_settings()
    assert settings == Settings()
    assert f"at most {MAX_SETTINGS_BYTES // 1024} KiB" in settings.problems[0]
    save_settings(settings)
    assert backup.stat().st_size > 10 * 1024 * 1024


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"sound: off\n\xff\n", "not UTF-8"),
        (b"sound: [off\n", "YAML syntax"),
        (b"a: &x 1\nb: *x\n", "anchor"),
        (b"sound: off\n---\nsound: on\n", "second YAML document"),
    ],
)
def test_an_unreadable_file_gives_the_defaults_and_a_line(settings_file, backup, data, expected):
    settings_file.write_bytes(data)
    settings = load_settings()
    assert settings == Settings()
    assert len(settings.problems) == 1 and expected in settings.problems[0]
    assert settings.problems[0].startswith(f"{settings_file}:")
    save_settings(settings)
    assert backup.read_bytes() == data


def test_a_key_given_twice_is_reported(settings_file):
    settings_file.write_text("sound: off\nsound: on\n")
    problems = load_settings().problems
    assert len(problems) == 1 and "'sound' is given twice" in problems[0]


def test_a_mapping_where_on_or_off_belongs(settings_file):
    settings_file.write_text("voice:\n  loud: yes\n")
    settings = load_settings()
    assert settings.voice is True
    assert (
        "'voice' (a mapping (key: value lines)) is not on or off; using on" in settings.problems[0]
    )


def test_comments_are_kept_in_the_backup_before_the_first_save(settings_file, backup):
    original = "# my notes about why sound is off\nsound: off\n"
    settings_file.write_text(original)
    settings = load_settings()
    assert settings.problems == []
    save_settings(settings)
    assert backup.read_text() == original


def test_an_empty_file_is_the_defaults_with_no_backup(settings_file, backup):
    settings_file.write_text("\n")
    settings = load_settings()
    assert settings == Settings() and settings.problems == []
    save_settings(settings)
    assert not backup.exists()


def test_a_folder_named_settings_yaml_is_reported_and_saving_raises_oserror(settings_file):
    settings_file.mkdir()
    settings = load_settings()
    assert "is a folder" in settings.problems[0]
    with pytest.raises(OSError):
        save_settings(settings)
    assert settings_file.is_dir()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_named_settings_yaml_is_reported_not_waited_on(settings_file):
    os.mkfifo(settings_file)
    settings = load_settings()  # reading a FIFO with no writer would wait for ever
    assert settings == Settings() and "is not a plain file" in settings.problems[0]


def test_an_unknown_tag_on_an_unknown_key_is_kept_as_text(settings_file):
    settings_file.write_text("mine: !custom 12\n")
    assert load_settings().extra == {"mine": "12"}


# -- the kinds a setting can be ------------------------------------------------------


def scalar(text: str, tag: str = yamltree.STR) -> yamltree.Scalar:
    return yamltree.Scalar(1, 1, text, tag)


def test_the_table_is_the_dataclass():
    assert [(f.name, f.kind, f.default) for f in setting_fields()] == [
        ("notice_accepted", ON_OFF, False),
        ("sound", ON_OFF, True),
        ("voice", ON_OFF, True),
        ("week_starts", WEEKDAY, "monday"),
        ("flare_days", WholeNumber(1, 14), 3),
        ("theme", Text(40), "textual-dark"),
        ("checkins", ON_OFF, True),
        ("shoes", OPTIONAL_TEXT, ""),
        ("shoes_km_limit", WholeNumber(50, 5000), 600),
        ("later_check_asked", MARKER, ""),
    ]


def test_a_marker_is_an_id_or_nothing():
    assert MARKER.parse(scalar("9b2f4c1e-8a7d")) == "9b2f4c1e-8a7d"
    assert MARKER.parse(scalar("", yamltree.NULL)) == ""
    assert MARKER.parse(scalar("")) == ""
    assert MARKER.parse(scalar("a b")) is None


def test_whole_numbers_within_their_range():
    weekly = WholeNumber(1, 14)
    assert weekly.parse(scalar("3", yamltree.INT)) == 3
    for bad in ("0", "15", "-2", "2.5", "0x3", "1_0", "three", "1:30", "٣"):
        assert weekly.parse(scalar(bad)) is None, bad
    assert weekly.allowed() == "a whole number from 1 to 14"


def test_weekdays_in_any_case():
    assert WEEKDAY.parse(scalar("Monday")) == "monday"
    assert WEEKDAY.parse(scalar("mon")) is None
    assert WEEKDAY.allowed().startswith("one of monday, tuesday")


def test_text_is_one_printable_line():
    theme = Text(max_length=20)
    assert theme.parse(scalar("nord")) == "nord"
    assert theme.parse(scalar("", yamltree.NULL)) is None
    assert theme.parse(scalar("\x1b[31mred")) is None
    assert theme.parse(scalar("x" * 21)) is None
