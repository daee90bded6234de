from __future__ import annotations

import json

import jsonschema
import pytest
import yaml

from backcoach.core import paths
from backcoach.core.fields import STEP_FIELDS
from backcoach.core.library import yaml_files
from backcoach.core.schema import routine_schema, schema_text


def test_committed_schema_matches_the_model():
    assert paths.SCHEMA_FILE.read_text() == schema_text(), (
        "regenerate with: backcoach schema > routine.schema.json"
    )


def test_schema_knows_every_step_key_the_loader_accepts():
    step_schema = routine_schema()["properties"]["steps"]["items"]["oneOf"][0]
    assert set(step_schema["properties"]) == set(STEP_FIELDS)


@pytest.mark.parametrize("path", yaml_files(paths.BUNDLED_ROUTINES), ids=lambda p: p.stem)
def test_bundled_routines_satisfy_the_schema(path):
    jsonschema.validate(yaml.safe_load(path.read_text()), routine_schema())


def test_bundled_routines_carry_the_schema_modeline():
    for path in yaml_files(paths.BUNDLED_ROUTINES):
        assert path.read_text().startswith("# yaml-language-server: $schema=../routine.schema.json")


def test_schema_is_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(json.loads(schema_text()))
