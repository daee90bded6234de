"""Reading watch files: a ~1 MB multisport FIT, and a folder of 500 activity files.

Every file is made here, with the same encoders the tests use (the FIT SDK's, gpxpy's) and
the shapes real exports have: one record a second with position, distance, height, speed,
heart rate and cadence; GPX with Garmin's heart-rate extension; TCX with trackpoints. The
folder mixes formats as a Strava or Garmin bulk export does: half FIT (half of those
gzipped), a third GPX, the rest TCX, each 30 to 60 minutes long.

    .venv/bin/python benchmarks/bench_activities.py           # about a minute
    .venv/bin/python benchmarks/bench_activities.py --smoke   # tiny files, a few of them
"""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import gpxpy.geo
import gpxpy.gpx
from common import backcoach_command, median, row, sized
from garmin_fit_sdk import Encoder, Profile

from backcoach.activities import find_activity_files, read_activities
from backcoach.activity_commands import check_lines
from backcoach.core.activity import Activity, Sport
from backcoach.store import History

MESG = Profile["mesg_num"]
START = datetime(2026, 11, 1, 7, 0, tzinfo=timezone.utc)
MULTISPORT_SECONDS = sized((6000, 14400, 6000), (60, 60, 60))  # run, ride, run: ~1 MB
FOLDER_FILES = sized(500, 12)
FILE_SECONDS = sized((1800, 3600), (60, 120))
REPEATS = sized(3, 1)
TEN_YEARS_DAYS = sized(3652, 60)


def fit_file(parts: list[tuple[str, int]], start: datetime) -> bytes:
    encoder = Encoder()
    encoder.write_mesg(
        {
            "mesg_num": MESG["FILE_ID"],
            "type": "activity",
            "manufacturer": "development",
            "product": 1,
            "serial_number": 1,
            "time_created": start,
        }
    )
    moment = start
    for sport, seconds in parts:
        began, metres = moment, 0.0
        for second in range(seconds):
            moment = began + timedelta(seconds=second)
            metres += 3.0 if sport == "running" else 7.5
            encoder.write_mesg(
                {
                    "mesg_num": MESG["RECORD"],
                    "timestamp": moment,
                    "distance": metres,
                    "position_lat": 550_000_000 + second * 40,
                    "position_long": 120_000_000,
                    "altitude": 100.0 + (second % 50) / 10,
                    "speed": 3.0,
                    "heart_rate": 150,
                    "cadence": 85,
                    "fractional_cadence": 0.5,
                    "temperature": 12,
                    "power": 250,
                    "vertical_oscillation": 85.0,
                    "stance_time": 240.0,
                    "enhanced_speed": 3.0,
                    "enhanced_altitude": 100.0 + (second % 50) / 10,
                }
            )
        summary = {
            "timestamp": moment,
            "start_time": began,
            "total_timer_time": float(seconds),
            "total_elapsed_time": float(seconds),
            "total_distance": metres,
            "sport": sport,
            "total_ascent": 40,
            "avg_heart_rate": 150,
        }
        encoder.write_mesg({"mesg_num": MESG["LAP"], "event": "lap", **summary})
        encoder.write_mesg(
            {"mesg_num": MESG["SESSION"], "first_lap_index": 0, "num_laps": 1, **summary}
        )
        moment += timedelta(seconds=60)
    encoder.write_mesg(
        {
            "mesg_num": MESG["ACTIVITY"],
            "timestamp": moment,
            "num_sessions": len(parts),
            "type": "manual",
            "event": "activity",
            "event_type": "stop",
            "local_timestamp": int(
                (moment - datetime(1989, 12, 31, tzinfo=timezone.utc)).total_seconds()
            )
            + 3600,
        }
    )
    return bytes(encoder.close())


def gpx_file(seconds: int, start: datetime) -> bytes:
    import xml.etree.ElementTree as ElementTree

    namespace = "{http://www.garmin.com/xmlschemas/TrackPointExtension/v1}"
    document = gpxpy.gpx.GPX()
    document.nsmap["gpxtpx"] = namespace[1:-1]
    track = gpxpy.gpx.GPXTrack()
    track.type = "running"
    segment = gpxpy.gpx.GPXTrackSegment()
    track.segments.append(segment)
    document.tracks.append(track)
    for second in range(seconds):
        point = gpxpy.gpx.GPXTrackPoint(
            latitude=55.0 + 3.0 * second / gpxpy.geo.ONE_DEGREE,
            longitude=12.0,
            elevation=100.0 + (second % 50) / 10,
            time=start + timedelta(seconds=second),
        )
        extension = ElementTree.Element(namespace + "TrackPointExtension")
        ElementTree.SubElement(extension, namespace + "hr").text = "150"
        point.extensions.append(extension)
        segment.points.append(point)
    return document.to_xml().encode()


def tcx_file(seconds: int, start: datetime) -> bytes:
    points = "".join(
        f"<Trackpoint><Time>{(start + timedelta(seconds=s)).strftime('%Y-%m-%dT%H:%M:%SZ')}</Time>"
        f"<Position><LatitudeDegrees>{55 + s * 3e-5:.7f}</LatitudeDegrees>"
        f"<LongitudeDegrees>12.0</LongitudeDegrees></Position>"
        f"<AltitudeMeters>{100 + (s % 50) / 10}</AltitudeMeters>"
        f"<DistanceMeters>{3.0 * s}</DistanceMeters>"
        f"<HeartRateBpm><Value>150</Value></HeartRateBpm></Trackpoint>"
        for s in range(seconds)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><TrainingCenterDatabase '
        'xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"><Activities>'
        f'<Activity Sport="Running"><Id>{start:%Y-%m-%dT%H:%M:%SZ}</Id>'
        f'<Lap StartTime="{start:%Y-%m-%dT%H:%M:%SZ}"><TotalTimeSeconds>{seconds}</TotalTimeSeconds>'
        f"<DistanceMeters>{3.0 * seconds}</DistanceMeters><AverageHeartRateBpm><Value>150</Value>"
        f"</AverageHeartRateBpm><Track>{points}</Track></Lap></Activity></Activities>"
        "</TrainingCenterDatabase>"
    ).encode()


def folder_of_files(folder: Path) -> dict[str, int]:
    low, high = FILE_SECONDS
    counts: dict[str, int] = {}
    made: dict[str, bytes] = {}
    for index in range(FOLDER_FILES):
        seconds = low + (high - low) * (index % 7) // 6
        start = START - timedelta(days=index)
        share = index % 6
        if share < 3:
            name, maker = ("fit.gz" if share == 0 else "fit"), "fit"
        elif share < 5:
            name, maker = "gpx", "gpx"
        else:
            name, maker = ("tcx.gz" if index % 12 == 5 else "tcx"), "tcx"
        # One file per format and length, its start moved by rewriting only the date: the
        # encoders take a second or more for an hour, and 500 of them would take minutes.
        key = f"{maker}-{seconds}"
        if key not in made:
            if maker == "fit":
                made[key] = fit_file([("running", seconds)], START)
            elif maker == "gpx":
                made[key] = gpx_file(seconds, START)
            else:
                made[key] = tcx_file(seconds, START)
        data = made[key] if maker == "fit" else _moved(made[key], start)
        if name.endswith(".gz"):
            data = gzip.compress(data, compresslevel=6)
        sub = folder / f"{start:%Y}" / f"{start:%m}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"activity_{index:04}.{name}").write_bytes(data)
        counts[name] = counts.get(name, 0) + 1
    return counts


def _moved(data: bytes, start: datetime) -> bytes:
    return data.replace(f"{START:%Y-%m-%d}".encode(), f"{start:%Y-%m-%d}".encode())


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-activities-") as temp:
        root = Path(temp)
        multisport = root / "brick.fit"
        parts = list(zip(("running", "cycling", "running"), MULTISPORT_SECONDS, strict=True))
        multisport.write_bytes(fit_file(parts, START))
        size = multisport.stat().st_size
        times, cpus = [], []
        for _ in range(REPEATS):
            began, cpu = time.perf_counter(), time.process_time()
            activities = read_activities(multisport)
            times.append(time.perf_counter() - began)
            cpus.append(time.process_time() - cpu)
        print(f"multisport FIT: {size / 1e6:.2f} MB, {len(activities)} activities")
        row(
            f"read a {size / 1e6:.1f} MB multisport FIT (median of {REPEATS})",
            f"{median(times):.2f} s (CPU {median(cpus):.2f} s)",
            "≤ 2 s",
        )

        folder = root / "export"
        counts = folder_of_files(folder)
        total = sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())
        print(
            "folder: "
            + ", ".join(f"{n} .{k}" for k, n in sorted(counts.items()))
            + f"; {total / 1e6:.0f} MB on disk"
        )
        began, cpu = time.perf_counter(), time.process_time()
        found, problems = find_activity_files([folder])
        read = 0
        for path in found:
            read += len(read_activities(path))
        took, cpu = time.perf_counter() - began, time.process_time() - cpu
        assert not problems and read == FOLDER_FILES, (problems, read)
        # On a machine shared with other work the wall time says little; the CPU time is
        # what the same read takes on an idle core.
        row(
            f"find and read a folder of {len(found)} activity files",
            f"{took:.1f} s (CPU {cpu:.1f} s)",
            "≤ 30 s",
        )

        home = root / "home"
        environment = {**os.environ, "BACKCOACH_HOME": str(home)}
        for label, goal in (("import the folder", "≤ 30 s"), ("import it again", "≤ 5 s")):
            began = time.perf_counter()
            done = subprocess.run(
                backcoach_command("activity", "import", str(folder)),
                env=environment,
                capture_output=True,
                text=True,
            )
            assert done.returncode == 0, done.stderr
            row(
                f"backcoach activity import: {label}",
                f"{time.perf_counter() - began:.1f} s",
                goal,
            )
        check_with_ten_years(root / "ten-years", environment)


def check_with_ten_years(home: Path, environment: dict[str, str]) -> None:
    """`activity check` against ten years of runs, five a week: in process (the history's
    read and the rule) and as the command (with Python's own start-up)."""
    environment = {**environment, "BACKCOACH_HOME": str(home)}
    now = datetime.now().astimezone()
    runs = [
        Activity(Sport.RUN, now - timedelta(days=day, hours=2), 3000.0, 8000.0 + day % 7 * 500)
        for day in range(TEN_YEARS_DAYS)
        if day % 7 not in (2, 5)
    ]
    history = History(home / "history.sqlite3")
    history.activities.add(runs)
    history.close()
    times = []
    for _ in range(REPEATS * 3):
        began = time.perf_counter()
        history = History(home / "history.sqlite3")
        recent = [
            k.activity for k in history.activities.listed(since=now.date() - timedelta(days=40))
        ]
        lines = list(check_lines(12_000.0, recent, now, flare_on=False))
        history.close()
        times.append(time.perf_counter() - began)
    assert lines
    row(
        f"activity check, {len(runs)} runs (ten years): the read and the rule",
        f"{median(times) * 1000:.0f} ms",
        "≤ 0.3 s",
    )
    walls = []
    for args in (("--version",), ("activity", "check", "run", "12km")):
        began = time.perf_counter()
        subprocess.run(backcoach_command(*args), env=environment, capture_output=True, check=True)
        walls.append(time.perf_counter() - began)
    row(
        "backcoach activity check run 12km, the whole command (backcoach --version alone)",
        f"{walls[1]:.2f} s ({walls[0]:.2f} s)",
        "≤ 0.3 s beyond start-up",
    )


if __name__ == "__main__":
    main()
