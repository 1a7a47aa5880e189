"""Records -> the columns of every table of :func:`drugparse.tabular.layout.layout`.

Pure Python (no pyarrow): :class:`Columns` gathers, for a batch of records, one list
per column of every table; :mod:`drugparse.tabular` makes Arrow tables of them.

>>> columns = Columns()
>>> columns.add({"title": "Caffeine", "pharmacokinetics": {"elimination_half_life":
...     {"text": "3 to 7 hours", "min": 3.0, "max": 7.0, "unit": "h",
...      "min_hours": 3.0, "max_hours": 7.0}}})
>>> drugs = columns.tables["drugs"]
>>> drugs["title"], drugs["elimination_half_life_max_hours"], drugs["citation_count"]
(['Caffeine'], [7.0], [0])
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Collection, Mapping
from typing import Any

from drugparse.normalise.identifiers import cas_check_digit
from drugparse.tabular.layout import Column, Table, layout

__all__ = ["Columns", "year"]


def year(citation: dict[str, Any]) -> int | None:
    """The first year of ``date``: ``2008-08`` -> 2008, ``2008/2009`` -> 2008."""
    date = citation.get("date")
    return int(date[:4]) if isinstance(date, str) and date[:4].isdigit() else None


def _count(name: str) -> Callable[[Any, str], int]:
    return lambda record, _text: len(record.get(name) or ())


#: How each computed column is filled: (the object it describes, the record's JSON).
COMPUTE: dict[str, Callable[[Any, str], Any]] = {
    "year": lambda obj, _text: year(obj) if isinstance(obj, dict) else None,
    "citation_count": _count("citations"),
    "warning_count": _count("warnings"),
    "record": lambda _obj, text: text,
}


def _get(obj: Any, path: tuple[str, ...]) -> Any:
    for part in path:
        if not isinstance(obj, dict):
            return None
        obj = obj.get(part)
    return obj


def _cell(column: Column, obj: Any, text: str) -> Any:
    assert column.path is not None
    if column.computed:
        return COMPUTE[column.path[-1]](_get(obj, column.path[:-1]), text)
    return _plain_value(column, _get(obj, column.path))


def _plain_value(column: Column, value: Any) -> Any:
    if column.flag:
        return value is True
    if value is None:
        return None
    if column.kind == "float64":
        return float(value)
    if column.kind == "list<float64>":
        return [float(v) for v in value]
    return value


def _groups(table: Table) -> list[tuple[tuple[str, ...], list[tuple[str, Column]]]]:
    """A table's plain columns grouped by the object that holds them, so that each object
    is looked up once per row and an absent one (``biologic``) skips all its columns."""
    groups: dict[tuple[str, ...], list[tuple[str, Column]]] = {}
    for column in table.columns:
        if column.path and not column.computed:
            groups.setdefault(column.path[:-1], []).append((column.path[-1], column))
    return list(groups.items())


def _check_digit_ok(identifier: str, value: str) -> bool | None:
    if not identifier.startswith("cas") or not re.fullmatch(r"\d+-\d+-\d", value):
        return None
    return int(value[-1]) == cas_check_digit(value)


class Columns:
    """One list per column of every table, filled record by record (:meth:`add`).

    ``only`` names the tables wanted (default: all); the others are left empty and cost
    nothing (a Spark task writing one table at a time builds only that one). ``tables``
    is the layout (default: this schema's).
    """

    def __init__(
        self, only: Collection[str] | None = None, tables: dict[str, Table] | None = None
    ) -> None:
        self.layout = layout() if tables is None else tables
        wanted = set(self.layout if only is None else only)
        needed = set(wanted)  # and their ancestors, whose rows lead to theirs
        for name in wanted:
            parent = self.layout[name].parent
            while parent is not None:
                needed.add(parent)
                parent = self.layout[parent].parent
        self._wanted = wanted
        self.tables: dict[str, dict[str, list[Any]]] = {
            name: {c.name: [] for c in table.all_columns} for name, table in self.layout.items()
        }
        self._children: dict[str, list[Table]] = {name: [] for name in self.layout}
        for table in self.layout.values():
            if table.parent is not None and table.name in needed:
                self._children[table.parent].append(table)
        self._groups = {name: _groups(table) for name, table in self.layout.items()}
        self._others = {
            name: [c for c in table.columns if c.computed or not c.path]
            for name, table in self.layout.items()
        }
        self.records = 0

    def add(self, record: Mapping[str, Any], text: str | None = None) -> None:
        """One record; ``text`` is its JSON (the JSON Lines line), made when not given."""
        if text is None:
            text = json.dumps(record, ensure_ascii=False, separators=(",", ":"))
        self._row(self.layout["drugs"], record, (), text)
        self.records += 1

    def _row(self, table: Table, obj: Any, keys: tuple[Any, ...], text: str) -> None:
        if table.name in self._wanted:
            out = self.tables[table.name]
            for key, value in zip(table.keys, keys, strict=True):
                out[key.name].append(value)
            for path, leaves in self._groups[table.name]:
                holder = _get(obj, path)
                if not isinstance(holder, dict):
                    holder = {}
                for leaf, column in leaves:
                    out[column.name].append(_plain_value(column, holder.get(leaf)))
            for column in self._others[table.name]:
                out[column.name].append(_cell(column, obj, text))
        for child in self._children[table.name]:
            container = _get(obj, child.relpath)
            if not container:
                continue
            base = (obj.get("title"),) if table.form == "record" else keys[:-1]
            if child.id_path is not None:
                base = (*base, _get(obj, child.id_path))
            if child.form == "array":
                for position, item in enumerate(container, start=1):
                    self._row(child, item, (*base, position), text)
            elif child.form == "list":
                for position, item in enumerate(container, start=1):
                    self._keyed_row(child, (*base, position), {child.columns[0].name: item})
            elif child.form == "map" and child.inner_key_column is None:
                for key, value in container.items():
                    self._keyed(child, base, key, value, text)
            elif child.form == "map":  # a map of maps: (key, inner key) a row
                for key, inner in container.items():
                    for inner_key, value in inner.items():
                        self._keyed(child, (*base, key), inner_key, value, text, inner=True)
            elif child.form == "keyed":
                for row_key in child.row_keys:
                    if row_key in container:
                        self._keyed(child, base, row_key, container[row_key], text)
            elif child.form == "identifiers":
                self._identifiers(child, base, container)

    def _keyed_row(self, table: Table, keys: tuple[Any, ...], cells: dict[str, Any]) -> None:
        out = self.tables[table.name]
        for key, value in zip(table.keys, keys, strict=True):
            out[key.name].append(value)
        for column in table.columns:
            cell = cells.get(column.name)
            if column.kind == "float64" and cell is not None:
                cell = float(cell)
            out[column.name].append(cell)

    def _keyed(
        self,
        table: Table,
        keys: tuple[Any, ...],
        key: str,
        obj: Any,
        text: str,
        *,
        inner: bool = False,
    ) -> None:
        """A row of a map or keyed table: ``key`` (and with ``inner``, the outer key as the
        last of ``keys``) in the key columns, the other columns read from ``obj``."""
        out = self.tables[table.name]
        if inner:
            keys, outer = keys[:-1], keys[-1]
        for name, value in zip(table.keys, keys, strict=True):
            out[name.name].append(value)
        for column in table.columns:
            if column.name == table.key_column:
                value = outer if inner else key
            elif column.name == table.inner_key_column:
                value = key
            else:
                value = _cell(column, obj, text)
            out[column.name].append(value)

    def _identifiers(
        self, table: Table, keys: tuple[Any, ...], identifiers: dict[str, Any]
    ) -> None:
        for name in table.row_keys:
            value = identifiers.get(name)
            if value is None:
                continue
            values = value if isinstance(value, list) else [value]
            for position, item in enumerate(values, start=1):
                cells = {
                    "identifier": name,
                    "position": position,
                    "value": item,
                    "wikidata_property": table.wikidata.get(name) or None,
                    "check_digit_ok": _check_digit_ok(name, item),
                }
                self._keyed_row(table, keys, cells)
