"""XML as the readers take it: no DTD at all, so no entity to expand and nothing to fetch.

GPX and TCX never need a DTD; one is refused before anything in it is expanded or loaded
(defusedxml's parser stops at the DOCTYPE), which turns a billion-laughs bomb or an
external entity into one line, at once. gpxpy parses the text again itself (with lxml when
installed), so the GPX reader asks `check_prolog` first: it reads only up to the root
element, where any DTD must already have been.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ElementTree
from datetime import datetime, timedelta, timezone

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import DefusedXMLParser, fromstring

from backcoach.activities.errors import ActivityFileError

_REFUSED = "refused: it declares a DTD or entities (<!DOCTYPE>), which {} files never need"
_CHUNK = 1 << 16


class _RootSeen(Exception):
    pass


class _StopAtRoot:
    def start(self, tag: str, attributes: dict[str, str]) -> None:
        raise _RootSeen


def check_prolog(data: bytes, kind: str) -> None:
    """ActivityFileError if the XML before the root element is broken or has a DTD."""
    parser = DefusedXMLParser(target=_StopAtRoot(), forbid_dtd=True)  # type: ignore[no-untyped-call]
    try:
        for start in range(0, len(data), _CHUNK):
            parser.feed(data[start : start + _CHUNK])
        parser.close()
    except _RootSeen:
        return
    except DefusedXmlException:
        raise ActivityFileError(_REFUSED.format(kind)) from None
    except ElementTree.ParseError as error:
        raise ActivityFileError(f"not a complete {kind} file (XML error: {error})") from None
    raise ActivityFileError(f"not a complete {kind} file (no XML element in it)")


def parse(data: bytes, kind: str) -> ElementTree.Element:
    try:
        return fromstring(data, forbid_dtd=True)  # type: ignore[no-any-return]
    except DefusedXmlException:
        raise ActivityFileError(_REFUSED.format(kind)) from None
    except ElementTree.ParseError as error:
        raise ActivityFileError(f"not a complete {kind} file (XML error: {error})") from None


_TIME = re.compile(
    r"\s*(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(?:[.,](\d+))?\s*(Z|[+-]\d\d:?\d\d)?\s*", re.IGNORECASE
)


def parse_time(text: str | None) -> datetime | None:
    """An xsd:dateTime with its offset (UTC when it gives none, as GPX and TCX say)."""
    match = _TIME.fullmatch(text or "")
    if match is None:
        return None
    whole, fraction, zone = match.groups()
    try:
        moment = datetime.strptime(whole, "%Y-%m-%dT%H:%M:%S")
    except ValueError:
        return None
    if fraction:
        moment += timedelta(microseconds=round(float("0." + fraction) * 1_000_000))
    offset = timezone.utc
    if zone and zone.upper() != "Z":
        sign = -1 if zone[0] == "-" else 1
        digits = zone[1:].replace(":", "")
        minutes = int(digits[:2]) * 60 + int(digits[2:])
        if minutes >= 24 * 60:
            return None
        offset = timezone(sign * timedelta(minutes=minutes))
    return moment.replace(tzinfo=offset)
