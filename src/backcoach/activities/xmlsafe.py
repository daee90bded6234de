"""XML as the readers take it: no DTD at all, so no entity to expand and nothing to fetch.

GPX and TCX never need a DTD. defusedxml's parser reads the file up to its root element,
refusing a DOCTYPE the moment it starts (a billion-laughs bomb or an external entity is
one line, at once); a DTD can stand nowhere else, so what follows has no entity declared
and nothing for a parser to expand or fetch. The standard library's C parser then builds
the tree: defusedxml's own builds it in Python, which took half the time of a GPX read.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from datetime import datetime, timedelta, timezone

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser
from defusedxml.ElementTree import ParseError as DefusedParseError

from backcoach.activities.errors import ActivityFileError

# defusedxml 0.7.0 parses with its own copy of the pure-Python ElementTree, whose ParseError
# is not the standard library's class (0.7.1 made them one).
_PARSE_ERRORS = (ElementTree.ParseError, DefusedParseError)
_CHUNK = 1 << 16
_REFUSED = "refused: it declares a DTD or entities (<!DOCTYPE>), which {} files never need"


def parse(data: bytes, kind: str) -> ElementTree.Element:
    """The file's tree, or ActivityFileError: refused for a DTD, else the XML error."""
    _check_prolog(data, kind)
    try:
        return ElementTree.fromstring(data)
    except _PARSE_ERRORS as error:
        raise ActivityFileError(f"not a complete {kind} file (XML error: {error})") from None


class _RootSeen(Exception):
    pass


class _StopAtRoot:
    def start(self, tag: str, attributes: dict[str, str]) -> None:
        raise _RootSeen


def _check_prolog(data: bytes, kind: str) -> None:
    parser = DefusedXMLParser(target=_StopAtRoot(), forbid_dtd=True)  # type: ignore[no-untyped-call, unused-ignore]
    try:
        for start in range(0, len(data), _CHUNK):
            parser.feed(data[start : start + _CHUNK])
        parser.close()
    except _RootSeen:
        return
    except DefusedXmlException:
        raise ActivityFileError(_REFUSED.format(kind)) from None
    except _PARSE_ERRORS as error:
        raise ActivityFileError(f"not a complete {kind} file (XML error: {error})") from None
    raise ActivityFileError(f"not a complete {kind} file (no XML element in it)")


def local_name(element: ElementTree.Element) -> str:
    """The tag without its namespace: GPX 1.0 and 1.1, and TCX files, vary the namespace."""
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


_TIME = re.compile(
    r"\s*(\d{4})-(\d\d)-(\d\d)T(\d\d):(\d\d):(\d\d)(?:[.,](\d+))?\s*(Z|[+-]\d\d:?\d\d)?\s*",
    re.IGNORECASE,
)
_ZONES: dict[str, timezone] = {}


def parse_time(text: str | None) -> datetime | None:
    """An xsd:dateTime with its offset (UTC when it gives none, as GPX and TCX say).

    By hand, not strptime: a GPX of an hour's run has 3,600 of these, and strptime took a
    third of the time it took to read the whole file."""
    match = _TIME.fullmatch(text or "")
    if match is None:
        return None
    year, month, day, hour, minute, second, fraction, zone = match.groups()
    offset = _zone(zone.upper() if zone else "Z")
    if offset is None:
        return None
    micro = round(float("0." + fraction) * 1_000_000) if fraction else 0
    try:
        moment = datetime(int(year), int(month), int(day), int(hour), int(minute), int(second))
    except ValueError:
        return None
    return (moment + timedelta(microseconds=micro)).replace(tzinfo=offset)


def _zone(zone: str) -> timezone | None:
    if zone not in _ZONES:
        if zone == "Z":
            _ZONES[zone] = timezone.utc
        else:
            digits = zone[1:].replace(":", "")
            minutes = int(digits[:2]) * 60 + int(digits[2:])
            if minutes >= 24 * 60:
                return None
            _ZONES[zone] = timezone((-1 if zone[0] == "-" else 1) * timedelta(minutes=minutes))
    return _ZONES[zone]
