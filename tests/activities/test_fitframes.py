"""The walk over FIT framing: what the SDK's encoder writes and what watches also write
(chained files, developer fields, compressed timestamps, big-endian definitions)."""

from __future__ import annotations

import struct
from datetime import timedelta

import pytest
from garmin_fit_sdk import CrcCalculator, Encoder

from backcoach.activities import ActivityFileError
from backcoach.activities.fit import read_fit
from backcoach.activities.fitframes import crc16
from backcoach.core.activity import Sport

from .make import FIT_EPOCH, MESG, START, Session, fit_bytes


def test_chained_files_are_read_one_after_another():
    first = fit_bytes([Session("running")])
    second = fit_bytes([Session("cycling", start=START + timedelta(hours=2))])
    assert [a.sport for a in read_fit(first + second, "x.fit")] == [Sport.RUN, Sport.RIDE]


def test_developer_fields_are_stepped_over():
    developer = {"mesg_num": MESG["DEVELOPER_DATA_ID"], "developer_data_index": 0,
                 "application_id": list(range(16))}  # fmt: skip
    description = {"mesg_num": MESG["FIELD_DESCRIPTION"], "developer_data_index": 0,
                   "field_definition_number": 0, "fit_base_type_id": 0x84,
                   "field_name": "power", "units": "watts"}  # fmt: skip
    encoder = Encoder()
    encoder.add_developer_field(0, developer, description)
    encoder.write_mesg({"mesg_num": MESG["FILE_ID"], "type": "activity", "time_created": START})
    encoder.write_mesg(developer)
    encoder.write_mesg(description)
    for second in range(5):
        encoder.write_mesg({"mesg_num": MESG["RECORD"], "timestamp": START + timedelta(seconds=second),
                            "heart_rate": 140, "developer_fields": {0: 250 + second}})  # fmt: skip
    encoder.write_mesg({"mesg_num": MESG["SESSION"], "start_time": START, "timestamp": START,
                        "sport": "running", "total_timer_time": 5.0, "total_distance": 15.0,
                        "developer_fields": {0: 252}})  # fmt: skip
    (activity,) = read_fit(bytes(encoder.close()), "x.fit")
    assert (activity.sport, activity.seconds, activity.metres) == (Sport.RUN, 5.0, 15.0)


def _raw_fit(records: bytes) -> bytes:
    header = bytearray(struct.pack("<BBHI4s", 14, 0x20, 2100, len(records), b".FIT"))
    header += struct.pack("<H", CrcCalculator.calculate_crc(header, 0, 12))
    body = bytes(header) + records
    return body + struct.pack("<H", CrcCalculator.calculate_crc(body, 0, len(body)))


def _definition(local: int, global_number: int, fields: list[tuple[int, int, int]], big: bool):
    order = ">" if big else "<"
    packed = b"".join(bytes(field) for field in fields)
    return (
        bytes([0x40 | local, 0, int(big)])
        + struct.pack(order + "HB", global_number, len(fields))
        + packed
    )


def test_compressed_timestamps_and_big_endian_definitions_are_followed():
    fit_start = int((START - FIT_EPOCH).total_seconds())
    records = _definition(0, 0, [(0, 1, 0x00)], big=False) + bytes([0, 4])  # file_id: activity
    records += _definition(1, 20, [(3, 1, 0x02)], big=False)  # record: heart_rate only
    records += b"".join(bytes([0x80 | (1 << 5) | second, 140]) for second in range(5))
    # session, big-endian: start_time, total_timer_time (ms), total_distance (cm), sport
    records += _definition(
        2, 18, [(2, 4, 0x86), (8, 4, 0x86), (9, 4, 0x86), (5, 1, 0x00)], big=True
    )
    records += bytes([2]) + struct.pack(">III", fit_start, 1_800_000, 500_000) + bytes([1])
    (activity,) = read_fit(_raw_fit(records), "x.fit")
    assert (activity.sport, activity.started_at, activity.seconds, activity.metres) == (
        Sport.RUN,
        START,
        1800.0,
        5000.0,
    )


def test_a_message_before_its_definition_is_refused():
    records = bytes([0, 4])  # data of local type 0, never defined
    with pytest.raises(ActivityFileError, match="a message without its definition"):
        read_fit(_raw_fit(records), "x.fit")


def test_the_checksum_is_the_sdks():
    data = bytes(range(256)) * 9 + fit_bytes([Session()])
    for start, end in [(0, len(data)), (5, 12), (300, 2000), (0, 0)]:
        assert crc16(data, start, end) == CrcCalculator.calculate_crc(data, start, end)
