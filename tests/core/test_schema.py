from __future__ import annotations

import json
import re

import jsonschema
import pytest
import yaml

from backcoach.core import paths
from backcoach.core.durations import DURATION_PATTERN, DurationError, parse_duration
from backcoach.core.fields import STEP_FIELDS
from backcoach.core.library import yaml_files
from backcoach.core.loader import load_routine
from backcoach.core.schema import routine_schema, schema_text
from tests.conftest import CORPUS


def test_committed_schema_matches_the_model():
    assert paths.SCHEMA_FILE.read_text() == schema_text(), (
        "regenerate with: backcoach schema > routine.schema.json"
    )


def test_schema_knows_every_step_key_the_loader_accepts():
    step_schema = routine_schema()["properties"]["steps"]["items"]["oneOf"][0]
    assert set(step_schema["properties"]) == set(STEP_FIELDS)


ACCEPTED = yaml_files(paths.BUNDLED_ROUTINES) + yaml_files(CORPUS / "valid")


def committed_schema() -> dict:
    return json.loads(paths.SCHEMA_FILE.read_text())


@pytest.mark.parametrize("path", ACCEPTED, ids=lambda p: p.stem)
def test_every_routine_the_loader_accepts_satisfies_the_committed_schema(path, exercises):
    assert load_routine(path, exercises).routine is not None, "the loader must accept it first"
    jsonschema.validate(yaml.safe_load(path.read_text()), committed_schema())


@pytest.mark.parametrize(
    "text",
    ["45", "45s", "1m30s", " 2m ", "1h", "1h30m", "90"],
)
def test_schema_and_loader_read_the_same_durations(text):
    parse_duration(text)
    assert re.match(DURATION_PATTERN, text)


@pytest.mark.parametrize("text", ["", " ", "s", "1.5s", "30 secs", "1:30", "٣s"])
def test_schema_and_loader_refuse_the_same_durations(text):
    with pytest.raises(DurationError):
        parse_duration(text)
    assert not re.match(DURATION_PATTERN, text)


def test_bundled_routines_carry_the_schema_modeline():
    for path in yaml_files(paths.BUNDLED_ROUTINES):
        assert path.read_text().startswith("# yaml-language-server: $schema=../routine.schema.json")


def test_schema_is_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(json.loads(schema_text()))
