"""`play --plain` follows the saved settings as the app does."""

from __future__ import annotations


def test_plain_play_honours_a_saved_sound_off(run, isolated_home, tmp_path):
    isolated_home.mkdir(parents=True, exist_ok=True)
    (isolated_home / "settings.yaml").write_text("sound: off\n", encoding="utf-8")
    path = tmp_path / "short.yaml"
    path.write_text("title: Short\nsteps:\n  - exercise: brisk-walk\n    duration: 3s\n")
    empty = tmp_path / "empty-bin"
    empty.mkdir()
    # With no player program, sound that was wanted would say it is unavailable: with
    # sound off, the cue player is never started, so nothing is said.
    result = run("play", str(path), "--plain", "--speed", "100", env={"PATH": str(empty)})
    assert result.returncode == 0 and "Finished: Short" in result.stdout
    assert result.stderr == ""
