"""XML as the readers take it: no DTD at all, so no entity to expand and nothing to fetch.

GPX and TCX never need a DTD; one is refused before anything in it is expanded or loaded
(defusedxml's parser stops at the DOCTYPE), which turns a billion-laughs bomb or an
external entity into one line, at once.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from datetime import datetime, timedelta, timezone

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError as DefusedParseError
from defusedxml.ElementTree import fromstring

from backcoach.activities.errors import ActivityFileError

# defusedxml 0.7.0 parses with its own copy of the pure-Python ElementTree, whose ParseError
# is not the standard library's class (0.7.1 made them one).
_PARSE_ERRORS = (ElementTree.ParseError, DefusedParseError)
_REFUSED = "refused: it declares a DTD or entities (<!DOCTYPE>), which {} files never need"


def parse(data: bytes, kind: str) -> ElementTree.Element:
    try:
        return fromstring(data, forbid_dtd=True)  # type: ignore[no-any-return]
    except DefusedXmlException:
        raise ActivityFileError(_REFUSED.format(kind)) from None
    except _PARSE_ERRORS as error:
        raise ActivityFileError(f"not a complete {kind} file (XML error: {error})") from None


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
