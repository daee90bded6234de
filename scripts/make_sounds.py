"""Generate the cue sounds in src/backcoach/sounds/ (run: python scripts/make_sounds.py).

Each cue is a few short sine tones with soft edges, 16 kHz mono 16-bit, and every file is
scaled to the same RMS loudness so no cue startles and none gets lost.
"""

from __future__ import annotations

import math
import struct
import wave
from pathlib import Path

RATE = 16_000
TARGET_RMS = 0.18  # about -15 dBFS: loud enough over music, with headroom for the peaks
OUT = Path(__file__).resolve().parent.parent / "sounds"

# name: list of (frequency Hz, seconds); 0 Hz is silence between tones
CUES: dict[str, list[tuple[float, float]]] = {
    "start": [(660, 0.12), (0, 0.03), (880, 0.18)],  # rising pair: begin
    "tick": [(1000, 0.06)],  # short and neutral: a countdown second
    "go": [(1320, 0.22)],  # higher and longer: the countdown's last second
    "halfway": [(880, 0.09), (0, 0.06), (880, 0.09)],  # double blip: halfway, or switch sides
    "rest": [(880, 0.14), (0, 0.03), (587, 0.24)],  # falling pair: ease off
    "rep": [(740, 0.045)],  # a soft click for each counted rep
    "end": [(523, 0.14), (0, 0.02), (659, 0.14), (0, 0.02), (784, 0.14), (0, 0.02), (1047, 0.3)],
}


def tone(frequency: float, seconds: float) -> list[float]:
    count = int(RATE * seconds)
    fade = min(int(RATE * 0.008), count // 2)  # 8 ms ramps: no clicks at the edges
    samples = []
    for i in range(count):
        value = math.sin(2 * math.pi * frequency * i / RATE) if frequency else 0.0
        if i < fade:
            value *= i / fade
        elif i >= count - fade:
            value *= (count - i) / fade
        samples.append(value)
    return samples


def render(parts: list[tuple[float, float]]) -> list[float]:
    samples = [s for frequency, seconds in parts for s in tone(frequency, seconds)]
    voiced = [s for s in samples if s != 0.0]
    rms = math.sqrt(sum(s * s for s in voiced) / len(voiced))
    gain = min(TARGET_RMS / rms, 0.95 / max(abs(s) for s in samples))
    return [s * gain for s in samples]


def write(path: Path, samples: list[float]) -> None:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(b"".join(struct.pack("<h", round(s * 32767)) for s in samples))


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    total = 0
    for name, parts in CUES.items():
        path = OUT / f"{name}.wav"
        write(path, render(parts))
        total += path.stat().st_size
        print(f"{path.name:12} {path.stat().st_size:6} bytes")
    print(f"{'total':12} {total:6} bytes")


if __name__ == "__main__":
    main()
