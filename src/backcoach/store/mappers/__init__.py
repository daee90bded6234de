"""One mapper per record the store keeps: sessions, sets, check-ins.

Each is the one place where its record meets the outside: the SQL row it is read from and
written as, its CSV cells (both ways) and its JSON. Queries, writes, CSV import and export
and `history --json` all go through them.

A record's *row* is what its mapper's `COLUMNS` select, in that order. The CSV cells and
the JSON are made from the row, not from the record, so that an export streams rows from
SQL to text without building a record for each of 300,000 sets (building them was most of
what a ten-year export cost); a record on its way out is first turned into its row
(`to_row`). `json_text` is the JSON `indented(as_json(row))` would write, rendered from a
template: tests/store/test_mappers.py holds the two to the same bytes.
"""

from typing import Any

Row = tuple[Any, ...]
"""A record as its mapper selects it; see each mapper's COLUMNS."""
