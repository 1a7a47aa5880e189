"""The tables' layout, derived from the record's JSON Schema (one source of truth).

A walk of ``schemas/drug-record.schema.json`` decides every table and column:

- a scalar leaf (``string``, ``enum``, ``integer``, ``number``, ``const: true``) is a
  column of the table its object belongs to, typed by the schema: ``integer`` -> int64,
  ``number`` -> float64, ``const: true`` -> bool (false when absent), the rest string;
- an object with fixed ``properties`` is flattened into its table, its columns named
  ``<property>_<leaf>`` unless the property is in :data:`UNPREFIXED` (``identifiers.cas``
  is the column ``cas`` of ``drugs``);
- an array of scalars is a ``list<string>`` (or int64, float64) column;
- an array of objects is a child table, one row per item, keyed by the drug's title
  (``drug_title``), its parent's id when it has one (``citation_id``) and ``position``
  (from 1), named as its column would be: ``citations``, ``images``,
  ``elimination_half_life_readings``, and under another child table after it:
  ``citation_authors``;
- an object with open keys (``additionalProperties``: ``chemistry.elements``,
  ``unmapped``) is a long child table ``(drug_title, key, value)``, named and its
  columns named in :data:`MAP_COLUMNS`, else after its path (``identifiers_additional``);
  a map of maps (``{identifier: {value: note}}``) has two key columns;
- an object whose properties are objects of one shape keyed by a code (``legal``: one
  ``legal_status`` per jurisdiction) is a long table too (:data:`KEYED`).

A field another branch adds to the schema therefore flows into the tables with no
change here; a test fails when a schema leaf has no column and is not listed in
:data:`KEPT_IN_JSON`. Columns computed from the record (hours, ``year``, counts) are
added by name in :data:`COMPUTED`; :mod:`drugparse.tabular.rows` fills them.

>>> drugs = layout()["drugs"]
>>> [(c.name, c.kind) for c in drugs.columns if c.name in ("cas", "atc", "computed_molar_mass")]
[('cas', 'string'), ('atc', 'list<string>'), ('computed_molar_mass', 'float64')]
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any, Literal

from drugparse.validate import schema

__all__ = [
    "COMPUTED",
    "KEPT_IN_JSON",
    "KEYED",
    "MAP_COLUMNS",
    "UNPREFIXED",
    "Column",
    "Table",
    "build_layout",
    "layout",
    "schema_leaves",
]

#: Objects whose leaves keep their own names as columns (``identifiers.cas`` -> ``cas``).
#: Paths are dotted, ``[]`` marking the items of an array.
UNPREFIXED = frozenset(
    {
        "source",
        "names",
        "clinical",
        "identifiers",
        "chemistry",
        "pharmacokinetics",
        "templates",
        "citations[].identifiers",
    }
)

#: Columns renamed where a leaf's own name would be unclear or taken.
RENAMES = {
    "citations[].id": "citation_id",
    # CS1's free-form |id=: the citation's own id is ``citation_id``.
    "citations[].identifiers.id": "other_identifier",
}

#: Open-keyed objects -> (table, key column, value column[, inner key column]). Others
#: are named by their path (``identifiers.additional`` -> ``identifiers_additional``).
MAP_COLUMNS: dict[str, tuple[str, ...]] = {
    "chemistry.elements": ("elements", "element", "count"),
    "identifiers.verification": ("verification", "field", "status"),
    "hazards": ("hazards", "parameter", "value"),
    "display": ("display", "parameter", "value"),
    "unmapped": ("unmapped", "parameter", "value"),
    "identifiers.additional": ("identifiers_additional", "identifier", "values"),
    "chemistry.additional": ("chemistry_additional", "field", "values"),
    "identifiers.notes": ("identifier_notes", "identifier", "note", "value"),
    "chemistry.notes": ("chemistry_notes", "field", "note", "value"),
}

#: Objects of same-shaped objects -> (table, key column): ``legal.US.status`` is the row
#: ``(drug_title, jurisdiction="US", status)`` of ``legal_status``. Properties of another
#: shape (``legal.other``, a list) stay columns of the parent table.
KEYED = {"legal": ("legal_status", "jurisdiction")}

#: Lists of scalars that also get a long table ``(drug_title, position, <column>)``, for
#: joins and ``GROUP BY``; the list column stays in the parent table.
LONG_LISTS = {
    "identifiers.atc": ("atc_codes", "code"),
    "categories": ("categories", "category"),
}

#: The long form of ``identifiers``: one row per identifier value (a list gives one row per
#: item), for joins across sources. Text labels (``mesh_name``) are not identifiers.
IDENTIFIERS_TABLE = "identifiers"

#: Table names of arrays of objects, where the default (``citations[].authors`` ->
#: ``citation_authors``, ``images`` -> ``images``) is not wanted.
TABLE_NAMES: dict[str, str] = {}

#: Schema leaves that are not a column of any table: they are kept in ``drugs.record``
#: (the whole record as JSON). Empty today: every leaf has a column.
KEPT_IN_JSON: frozenset[str] = frozenset()

Kind = Literal["string", "int64", "float64", "bool", "list<string>", "list<int64>", "list<float64>"]


@dataclass(frozen=True)
class Column:
    """One column: ``path`` is where its value is in the row's object (None: a key the
    parent row gives). A ``computed`` column's path is its object's path plus its name."""

    name: str
    kind: Kind
    path: tuple[str, ...] | None
    description: str
    source: str  # the schema path (``identifiers.cas``), or ``computed:...``
    flag: bool = False  # ``const: true``: false when absent, never null
    computed: bool = False


@dataclass
class Table:
    """A table: one row per record (``drugs``), array item, map entry or keyed object.

    ``path`` is the schema path of its rows (``citations[]``, ``chemistry.elements``);
    ``parent`` the table whose row holds them, at ``relpath`` in the parent's row object;
    ``form`` how rows are found there.
    """

    name: str
    path: str
    form: Literal["record", "array", "map", "keyed", "list", "identifiers"]
    parent: str | None
    keys: tuple[Column, ...]
    relpath: tuple[str, ...] = ()
    columns: list[Column] = field(default_factory=list)
    key_column: str | None = None  # map and keyed tables: the column holding the key
    inner_key_column: str | None = None  # a map of maps: the column of the inner key
    row_keys: tuple[str, ...] = ()  # keyed and identifiers tables: the properties that are rows
    id_path: tuple[str, ...] | None = None  # where the parent row's id is (``citation_id``)
    wikidata: dict[str, str] = field(default_factory=dict)  # identifiers: property -> P-number

    @property
    def all_columns(self) -> tuple[Column, ...]:
        return (*self.keys, *self.columns)


#: Computed columns, by schema path of the object they describe. Each is added unless the
#: schema already has a property of that name (then the record's value is read).
COMPUTED: dict[str, tuple[tuple[str, Kind, str], ...]] = {
    "citations[]": (("year", "int64", "first year of `date` (the start of an interval)"),),
    "": (
        ("citation_count", "int64", "number of citations"),
        ("warning_count", "int64", "number of warnings"),
        ("record", "string", "the whole record as JSON (one JSON Lines line, no newline)"),
    ),
}


def _resolve(node: dict[str, Any], defs: dict[str, Any]) -> tuple[dict[str, Any], str | None]:
    ref = None
    while "$ref" in node:
        ref = node["$ref"].rsplit("/", 1)[-1]
        node = {**defs[ref], **{k: v for k, v in node.items() if k not in ("$ref",)}}
    return node, ref


def _scalar_kind(node: dict[str, Any]) -> Kind | None:
    kind = node.get("type")
    if kind == "integer":
        return "int64"
    if kind == "number":
        return "float64"
    if node.get("const") is True or kind == "boolean":
        return "bool"
    if kind == "string" or "enum" in node or isinstance(node.get("const"), str):
        return "string"
    return None


def _is_open_map(node: dict[str, Any]) -> bool:
    """An object with open keys only (``chemistry.elements``: symbol -> count)."""
    return (
        node.get("type") == "object"
        and not node.get("properties")
        and isinstance(node.get("additionalProperties"), dict)
    )


def _singular(name: str) -> str:
    return name[:-1] if name.endswith("s") else name


class _Builder:
    def __init__(self, document: dict[str, Any]) -> None:
        self.defs: dict[str, Any] = document.get("$defs", {})
        self.tables: dict[str, Table] = {}

    def add_table(self, table: Table) -> Table:
        if table.name in self.tables:  # chemistry.additional beside identifiers.additional
            table.name = table.path.replace("[]", "").replace(".", "_")
        if table.name in self.tables:
            raise ValueError(f"two schema paths give the table {table.name!r}")
        if table.parent is not None and self.tables[table.parent].form in ("map", "keyed"):
            raise ValueError(f"{table.path}: no child tables under a map or keyed table")
        self.tables[table.name] = table
        return table

    def add_column(self, table: Table, column: Column) -> None:
        if any(c.name == column.name for c in table.all_columns):
            raise ValueError(f"two schema leaves give the column {table.name}.{column.name}")
        table.columns.append(column)

    def walk_object(
        self, table: Table, node: dict[str, Any], path: str, rel: tuple[str, ...], prefix: str
    ) -> None:
        """Flatten an object's fixed properties into ``table``."""
        for key, child in node.get("properties", {}).items():
            self.walk(table, child, f"{path}.{key}" if path else key, (*rel, key), prefix + key)

    def walk(
        self, table: Table, raw: dict[str, Any], path: str, rel: tuple[str, ...], name: str
    ) -> None:
        node, ref = _resolve(raw, self.defs)
        description = node.get("description", "")
        name = RENAMES.get(path, name)
        if path in KEYED:
            self.keyed(table, node, path, rel)
            return
        if path in MAP_COLUMNS or _is_open_map(node):
            self.map_table(table, node, path, rel, name)
            return
        if node.get("type") == "object" or "properties" in node:
            prefix = "" if path in UNPREFIXED else name + "_"
            self.walk_object(table, node, path, rel, prefix)
            if ref is not None:
                self.computed(table, f"$defs/{ref}", node, rel, prefix)
            return
        if node.get("type") == "array":
            items, _ = _resolve(node["items"], self.defs)
            if items.get("type") == "object" or "properties" in items:
                self.array_table(table, items, path, rel, name)
                return
            kind = _scalar_kind(items)
            if kind is None or kind == "bool":
                raise ValueError(f"{path}: no column type for items {items}")
            list_kind: Kind = f"list<{kind}>"  # type: ignore[assignment]
            self.add_column(table, Column(name, list_kind, rel, description, path))
            if path in LONG_LISTS:
                self.list_table(table, items, path, rel)
            return
        kind = _scalar_kind(node)
        if kind is None:
            raise ValueError(f"{path}: no column type for {node}")
        flag = node.get("const") is True
        self.add_column(table, Column(name, kind, rel, description, path, flag=flag))

    def computed(
        self, table: Table, where: str, node: dict[str, Any], rel: tuple[str, ...], prefix: str
    ) -> None:
        for leaf, kind, description in COMPUTED.get(where, ()):
            if leaf in node.get("properties", {}):
                continue  # the schema has it now: the record's value is a column already
            source = f"computed:{'.'.join((*rel, leaf))}"
            column = Column(prefix + leaf, kind, (*rel, leaf), description, source, computed=True)
            self.add_column(table, column)

    def child_keys(self, parent: Table) -> tuple[Column, ...]:
        keys = [c for c in parent.keys if c.name != "position"]
        if parent.form == "record":
            keys = [Column("drug_title", "string", None, "the drug's page title", "title")]
        else:
            own_id = next((c for c in parent.columns if c.source == f"{parent.path}.id"), None)
            if own_id is not None:
                keys.append(replace_path(own_id, None))
        return tuple(keys)

    def id_path(self, parent: Table) -> tuple[str, ...] | None:
        own_id = next((c for c in parent.columns if c.source == f"{parent.path}.id"), None)
        return own_id.path if own_id is not None and parent.form != "record" else None

    def array_table(
        self,
        parent: Table,
        items: dict[str, Any],
        path: str,
        rel: tuple[str, ...],
        column_name: str,
    ) -> None:
        # Named as its column would be: citations, elimination_half_life_readings; inside
        # another child table, after its parent: citation_authors.
        default = column_name
        if parent.form != "record":
            default = f"{_singular(parent.name)}_{column_name}"
        position = Column("position", "int64", None, "place in the list, from 1", f"{path}[]#")
        keys = (*self.child_keys(parent), position)
        name = TABLE_NAMES.get(path, default)
        table = self.add_table(Table(name, path + "[]", "array", parent.name, keys, rel))
        table.id_path = self.id_path(parent)
        self.walk_object(table, items, path + "[]", (), "")
        self.computed(table, path + "[]", items, (), "")

    def list_table(
        self, parent: Table, items: dict[str, Any], path: str, rel: tuple[str, ...]
    ) -> None:
        name, value_name = LONG_LISTS[path]
        position = Column("position", "int64", None, "place in the list, from 1", f"{path}#")
        table = self.add_table(
            Table(name, path, "list", parent.name, (*self.child_keys(parent), position), rel)
        )
        kind = _scalar_kind(items) or "string"
        self.add_column(table, Column(value_name, kind, (), items.get("description", ""), path))

    def identifiers_table(self, parent: Table, node: dict[str, Any]) -> None:
        rows: dict[str, str] = {}
        for key, raw in node.get("properties", {}).items():
            child, _ = _resolve(raw, self.defs)
            items = _resolve(child["items"], self.defs)[0] if "items" in child else child
            if "$ref" in raw or items.get("type") != "string":
                continue  # text labels (mesh_name) and verification marks are not identifiers
            rows[key] = child.get("x-wikidata-property", "")
        table = self.add_table(
            Table(
                IDENTIFIERS_TABLE,
                "identifiers",
                "identifiers",
                parent.name,
                self.child_keys(parent),
            )
        )
        table.relpath, table.row_keys, table.wikidata = ("identifiers",), tuple(rows), rows
        for name, kind, description in (
            ("identifier", "string", "the identifier's column in `drugs`: `cas`, `atc`, `chembl`"),
            ("position", "int64", "place in a list of codes (`atc`), from 1; 1 for one value"),
            ("value", "string", "the value as in the record"),
            ("wikidata_property", "string", "the Wikidata property of this kind of identifier"),
            ("check_digit_ok", "bool", "CAS numbers: whether the check digit is right; else null"),
        ):
            self.add_column(table, Column(name, kind, None, description, f"identifiers.*{name}#"))  # type: ignore[arg-type]

    def map_table(
        self, parent: Table, node: dict[str, Any], path: str, rel: tuple[str, ...], name: str
    ) -> None:
        default = (path.replace("[]", "").replace(".", "_"), "key", "value")
        name, key_name, value_name, *inner = MAP_COLUMNS.get(path, default)
        keys = self.child_keys(parent)
        table = self.add_table(
            Table(name, path, "map", parent.name, keys, rel, key_column=key_name)
        )
        self.add_column(table, Column(key_name, "string", None, f"key of `{path}`", f"{path}.*#"))
        raw = node["additionalProperties"]
        values, _ = _resolve(raw, self.defs)
        path = f"{path}.*"
        if _is_open_map(values):  # {identifier: {value: note}}: one row per inner key
            table.inner_key_column = inner[0] if inner else "inner_key"
            key = Column(table.inner_key_column, "string", None, f"key of `{path}`", f"{path}.*#")
            self.add_column(table, key)
            raw = values["additionalProperties"]
            values, _ = _resolve(raw, self.defs)
            path = f"{path}.*"
        if values.get("type") == "object" or "properties" in values:
            self.walk_object(table, values, path, (), "")  # one column per leaf
        else:
            self.walk(table, raw, path, (), value_name)

    def keyed(self, parent: Table, node: dict[str, Any], path: str, rel: tuple[str, ...]) -> None:
        name, key_name = KEYED[path]
        shapes = {
            key: _resolve(child, self.defs)
            for key, child in node.get("properties", {}).items()
            if "$ref" in child
        }
        refs = {ref for _, ref in shapes.values()}
        if len(refs) != 1:
            raise ValueError(f"{path}: keyed properties must share one shape, not {refs}")
        keys = self.child_keys(parent)
        table = self.add_table(
            Table(name, path, "keyed", parent.name, keys, rel, key_column=key_name)
        )
        table.row_keys = tuple(shapes)
        self.add_column(table, Column(key_name, "string", None, f"key of `{path}`", f"{path}.*#"))
        shape = next(iter(shapes.values()))[0]  # one shape: its leaves are the columns
        for leaf, child in shape.get("properties", {}).items():
            self.walk(table, child, f"{path}.*.{leaf}", (leaf,), leaf)
        for key, child in node.get("properties", {}).items():
            if key not in shapes:
                self.walk(parent, child, f"{path}.{key}", (*rel, key), f"{path}_{key}")


def replace_path(column: Column, path: tuple[str, ...] | None) -> Column:
    return Column(column.name, column.kind, path, column.description, column.source, column.flag)


@cache
def layout() -> dict[str, Table]:
    """Every table, by name, in a fixed order (``drugs`` first, children after parents)."""
    return build_layout(schema())


def build_layout(document: dict[str, Any]) -> dict[str, Table]:
    """The tables of any version of the record schema (:func:`layout` is this one's)."""
    builder = _Builder(document)
    drugs = builder.add_table(Table("drugs", "", "record", None, ()))
    builder.walk_object(drugs, document, "", (), "")
    builder.computed(drugs, "", document, (), "")
    identifiers, _ = _resolve(document["properties"]["identifiers"], builder.defs)
    builder.identifiers_table(drugs, identifiers)
    return builder.tables


def schema_leaves(document: dict[str, Any] | None = None) -> set[str]:
    """Every scalar leaf of the schema, as a path (``citations[].authors[].name``,
    ``chemistry.elements.*``): what the tables must hold, column by column.

    Walked apart from :func:`layout`, as a reader of the schema would, so that a leaf the
    layout forgets is noticed.
    """
    document = schema() if document is None else document
    defs = document.get("$defs", {})
    leaves: set[str] = set()

    def visit(raw: dict[str, Any], path: str) -> None:
        node, _ = _resolve(raw, defs)
        if node.get("properties") or node.get("type") == "object":
            for key, child in node.get("properties", {}).items():
                visit(child, f"{path}.{key}" if path else key)
            extra = node.get("additionalProperties")
            if isinstance(extra, dict):
                visit(extra, f"{path}.*")
        elif node.get("type") == "array":
            items, _ = _resolve(node["items"], defs)
            if items.get("type") == "object" or "properties" in items:
                visit(items, f"{path}[]")
            else:
                leaves.add(path)
        else:
            leaves.add(path)

    visit(document, "")
    return leaves
