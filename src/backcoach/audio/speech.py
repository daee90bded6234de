"""Spoken cues through whatever speech program the system has; never required."""

from __future__ import annotations

import shutil
import subprocess
import sys


def speech_command() -> list[str] | None:
    """A command that reads text on stdin and speaks it, or None when there is none.

    Text goes through stdin rather than the command line so that an exercise name can
    never be read as an option.
    """
    for program in ("espeak-ng", "espeak"):
        found = shutil.which(program)
        if found:
            return [found, "--stdin", "-s", "165"]
    if sys.platform == "darwin" and shutil.which("say"):
        return ["say"]
    if sys.platform == "win32" and shutil.which("powershell"):
        script = (
            "Add-Type -AssemblyName System.Speech; "
            "(New-Object System.Speech.Synthesis.SpeechSynthesizer).Speak([Console]::In.ReadToEnd())"
        )
        return ["powershell", "-NoProfile", "-Command", script]
    return None


def speak(command: list[str], text: str) -> subprocess.Popen[str]:
    process = subprocess.Popen(
        command,
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdin is not None
        process.stdin.write(text)
        process.stdin.close()
    except OSError:
        pass  # the program died at once; the caller sees it through poll()
    return process
