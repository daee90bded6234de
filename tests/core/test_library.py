from __future__ import annotations

import subprocess
import sys

from backcoach.core import paths
from backcoach.core.library import load_catalogue, load_library, resolve


def test_user_exercise_overrides_bundled_and_says_so(isolated_home):
    folder = isolated_home / "exercises"
    folder.mkdir(parents=True)
    (folder / "mine.yaml").write_text(
        "exercises:\n  - id: prone-press-up\n    name: My press-up\n  - id: wall-sit\n    name: Wall sit\n"
    )
    catalogue = load_catalogue()
    assert catalogue.exercises["prone-press-up"].name == "My press-up"
    assert catalogue.exercises["wall-sit"].source == "user"
    (note,) = catalogue.overrides
    assert (note.line, note.severity) == (2, "note") and "replaces the bundled" in note.message


def test_user_routine_with_a_bundled_id_wins_and_is_flagged(isolated_home):
    folder = isolated_home / "routines"
    folder.mkdir(parents=True)
    (folder / "core.yaml").write_text(
        "title: My core\nsteps:\n  - exercise: pelvic-tilt\n    reps: 5\n"
    )
    library = load_library()
    entry = library.find("core")
    assert entry.source == "user" and entry.shadows_bundled
    assert entry.routine.title == "My core"


def test_invalid_user_routine_stays_in_the_library_with_its_problem(isolated_home):
    folder = isolated_home / "routines"
    folder.mkdir(parents=True)
    (folder / "broken.yaml").write_text("title: Broken\nsteps:\n  - exercise: nope\n    reps: 5\n")
    entry = load_library().find("broken")
    assert entry.routine is None and entry.first_problem.line == 3


def test_resolve_by_id_by_path_and_unknown(tmp_path):
    library = load_library()
    loaded, _ = resolve(library, "strength")
    assert loaded.routine.id == "strength"
    loaded, _ = resolve(library, str(paths.BUNDLED_ROUTINES / "core.yaml"))
    assert loaded.routine.id == "core"
    loaded, message = resolve(library, "strenght")
    assert loaded is None and "did you mean 'strength'" in message


def test_core_does_not_import_textual_or_audio():
    code = (
        "import sys, backcoach.core.library, backcoach.core.session, backcoach.core.plan, "
        "backcoach.core.schema; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] in ('textual', 'playsound3', 'rich')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_settings_survive_a_broken_file(isolated_home):
    from backcoach.core.settings import Settings, load_settings, save_settings

    isolated_home.mkdir(parents=True)
    (isolated_home / "settings.yaml").write_text("sound: [unclosed\n")
    assert load_settings() == Settings()
    save_settings(Settings(notice_accepted=True))
    assert load_settings().notice_accepted
    assert (isolated_home / "settings.yaml.bak").read_text() == "sound: [unclosed\n"
