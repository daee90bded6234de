"""The FIT file's framing: checked whole, and cut down to the few messages a summary needs.

Garmin's SDK decodes every field of every message, and nine tenths of an activity file are
per-second records that backcoach never reads: decoding a 1 MB file takes it about 3 s.
This walk only follows the framing (each definition says how long its messages are), keeps
the definitions and messages asked for, and writes them as a small FIT file of their own,
which the SDK then decodes with every conversion it knows. Reading the fields stays the
SDK's job; this module only knows where messages begin and end.

FIT 2.0 framing: a header (12 or 14 bytes: size, protocol, profile, data size, ".FIT",
optional CRC), records, a 2-byte CRC; files may be chained one after another. A record
header byte says: definition (bit 6; bit 5 adds developer fields), data message of a local
type (low 4 bits), or data with a compressed timestamp (bit 7; local type in bits 5-6).
"""

from __future__ import annotations

import struct

from backcoach.activities.errors import ActivityFileError

_INCOMPLETE = "not a complete FIT file"


def _crc_table() -> tuple[int, ...]:
    table = []
    for byte in range(256):
        crc = byte
        for _ in range(8):
            crc = (crc >> 1) ^ 0xA001 if crc & 1 else crc >> 1
        table.append(crc)
    return tuple(table)


_CRC_TABLE = _crc_table()


def crc16(data: bytes | bytearray, start: int = 0, end: int | None = None) -> int:
    """FIT's checksum (CRC-16/ARC), a byte at a time from a table: the same value as the
    SDK's CrcCalculator (a test holds them equal), which looks up two nibbles per byte
    through two calls and took most of the time spent reading a FIT file."""
    crc = 0
    table = _CRC_TABLE
    for byte in memoryview(data)[start:end]:
        crc = (crc >> 8) ^ table[(crc ^ byte) & 0xFF]
    return crc


def check_crc(data: bytes) -> None:
    """Each chained file's checksum, so that damaged bytes are refused, not misread."""
    for start, end in _files(data):
        expected = int.from_bytes(data[end : end + 2], "little")
        if crc16(data, start, end) != expected:
            raise ActivityFileError(f"{_INCOMPLETE} (its checksum does not match: it is damaged)")


def keep_messages(data: bytes, wanted: frozenset[int]) -> bytes:
    """A FIT file holding only the messages of the global numbers in `wanted` (developer
    fields dropped), with the definitions they need."""
    records = bytearray()
    for start, end in _files(data):
        records += _walk(data, start + data[start], end, wanted)
    return _as_file(bytes(records))


def _files(data: bytes) -> list[tuple[int, int]]:
    """(start, end of records) of each chained FIT file; the CRC follows each end."""
    found: list[tuple[int, int]] = []
    start = 0
    while start < len(data):
        if len(data) - start < 12 or data[start + 8 : start + 12] != b".FIT":
            if not found:
                raise ActivityFileError(f"{_INCOMPLETE} (it does not start with a FIT header)")
            break  # padding after the last file, as some devices write
        header_size = data[start]
        if header_size not in (12, 14):
            raise ActivityFileError(f"{_INCOMPLETE} (its header is {header_size} bytes long)")
        records = struct.unpack_from("<I", data, start + 4)[0]
        end = start + header_size + records
        if end + 2 > len(data):
            raise ActivityFileError(
                f"{_INCOMPLETE} (it ends after {len(data) - start} of {end + 2 - start} bytes)"
            )
        found.append((start, end))
        start = end + 2
    return found


def _walk(data: bytes, position: int, end: int, wanted: frozenset[int]) -> bytes:
    kept = bytearray()
    # local type -> (global number, record length, definition bytes without developer fields)
    local: dict[int, tuple[int, int, bytes]] = {}
    written: set[int] = set()  # local types whose current definition is already in `kept`
    try:
        while position < end:
            header = data[position]
            if header & 0x80:  # compressed timestamp
                number = (header >> 5) & 0x03
                is_definition = False
            else:
                number = header & 0x0F
                is_definition = bool(header & 0x40)
            if is_definition:
                position, local[number] = _definition(data, position, header)
                written.discard(number)
                continue
            if number not in local:
                raise ActivityFileError(f"{_INCOMPLETE} (a message without its definition)")
            global_number, length, definition = local[number]
            if global_number in wanted:
                if number not in written:
                    kept += definition
                    written.add(number)
                plain_length = _plain_length(definition)
                kept.append(number)  # a plain header, whatever the original's was
                kept += data[position + 1 : position + 1 + plain_length]
            position += 1 + length
    except IndexError:
        raise ActivityFileError(f"{_INCOMPLETE} (it ends inside a message)") from None
    if position != end:
        raise ActivityFileError(f"{_INCOMPLETE} (its last message runs past its end)")
    return bytes(kept)


def _definition(data: bytes, position: int, header: int) -> tuple[int, tuple[int, int, bytes]]:
    """Where the next record begins, and the definition's global number, record length and
    bytes (rewritten without developer fields, which the summary never needs)."""
    architecture = data[position + 2]
    global_number = struct.unpack_from(">H" if architecture else "<H", data, position + 3)[0]
    fields = data[position + 5]
    plain_end = position + 6 + 3 * fields
    length = sum(data[plain_end - 3 * fields + 3 * i + 1] for i in range(fields))
    following = plain_end
    if header & 0x20:
        developer_fields = data[plain_end]
        following = plain_end + 1 + 3 * developer_fields
        length += sum(data[plain_end + 1 + 3 * i + 1] for i in range(developer_fields))
    if following > len(data):
        raise IndexError
    definition = bytes([0x40 | (header & 0x0F if not header & 0x80 else 0)]) + bytes(
        data[position + 1 : plain_end]
    )
    return following, (global_number, length, definition)


def _plain_length(definition: bytes) -> int:
    fields = definition[5]
    return sum(definition[6 + 3 * i + 1] for i in range(fields))


def _as_file(records: bytes) -> bytes:
    header = bytearray(struct.pack("<BBHI4s", 14, 0x20, 2100, len(records), b".FIT"))
    header += struct.pack("<H", crc16(header, 0, 12))
    body = bytes(header) + records
    return body + struct.pack("<H", crc16(body))
