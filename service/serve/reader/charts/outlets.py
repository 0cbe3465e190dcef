"""Sources against outlets: each source's claims, and contested claims, in each outlet's texts."""

from dataclasses import dataclass

from service.serve.reader.charts.labels import plural, shorten

MAX_SOURCES = 12  # rows drawn
MAX_OUTLETS = 6  # outlet columns drawn; the other outlets share one column
LABEL_WIDTH, CELL_WIDTH, CELL_HEIGHT = 180, 56, 28
HEADER = 116  # room for the outlets' names, written on a slant
OVERHANG = 100  # the last slanted name runs past its column
NO_PUBLISHER = "no publisher named"


OTHERS, ALL = "\0others", "\0all"  # keys of the shared columns: no publisher's name


@dataclass(frozen=True)
class Column:
    """An outlet, or the other outlets together, or every outlet."""

    key: str
    name: str
    label: str
    x: float

    @property
    def centre(self) -> float:
        """The column's middle."""
        return self.x + CELL_WIDTH / 2

    @property
    def total(self) -> bool:
        """Whether the column sums every outlet."""
        return self.key == ALL


@dataclass(frozen=True)
class Cell:
    """One source's claims in one column."""

    claims: int
    contested: int
    x: float
    y: float
    shade: int  # 1 (fewest) to 4 (most), drawn as well as written; 0 for the totals
    title: str

    @property
    def text(self) -> str:
        """The figures written in the cell: claims, then ⚑ and the contested ones."""
        return f"{self.claims} ⚑{self.contested}" if self.contested else str(self.claims)


@dataclass(frozen=True)
class Row:
    """One source and its cells (None where it has no claim)."""

    id: str
    name: str
    type: str
    label: str
    claims: int
    contested: int
    y: float
    cells: list[Cell | None]

    @property
    def href(self) -> str:
        """The source in the API."""
        return f"/v1/sources/{self.id}"


@dataclass
class Matrix:
    """The grid, in the picture's own coordinates, and what was left out."""

    rows: list[Row]
    columns: list[Column]
    sources: int  # sources other than authors with a claim
    outlets: int  # outlets these sources have claims in
    others: int  # of them, the ones summed in the "other outlets" column
    header: int = HEADER
    label_width: int = LABEL_WIDTH
    cell_width: int = CELL_WIDTH
    cell_height: int = CELL_HEIGHT

    @property
    def width(self) -> int:
        """The picture's width."""
        return LABEL_WIDTH + len(self.columns) * CELL_WIDTH + OVERHANG

    @property
    def height(self) -> int:
        """The picture's height."""
        return HEADER + len(self.rows) * CELL_HEIGHT + 4


def source_outlet_matrix(sources: list[dict], counts: list[dict], quoted: int) -> Matrix | None:
    """Lay out claims counted by (source, publisher) as a grid; None when no source is quoted."""
    if not sources:
        return None
    outlets = _ranked_outlets(counts)
    shown, others = outlets[:MAX_OUTLETS], outlets[MAX_OUTLETS:]
    named = [(outlet, outlet) for outlet in shown]
    if others:
        named.append((OTHERS, plural(len(others), "other outlet")))
    if len(named) > 1:
        named.append((ALL, "all outlets"))
    columns = [
        Column(key, name, shorten(name, 22), LABEL_WIDTH + index * CELL_WIDTH)
        for index, (key, name) in enumerate(named)
    ]
    figures = _figures(counts, set(shown))
    largest = max(
        (claims for cells in figures.values() for key, (claims, _) in cells.items() if key != ALL),
        default=1,
    )
    order = sorted(sources, key=lambda s: (-s["claim_count"], s["name"].casefold(), s["id"]))
    rows = []
    for index, source in enumerate(order):
        y = HEADER + index * CELL_HEIGHT
        cells = figures.get(source["id"], {})
        claims, contested = cells.get(ALL, (0, 0))
        drawn = [
            _cell(source["name"], column, cells.get(column.key), y, largest) for column in columns
        ]
        rows.append(
            Row(
                source["id"],
                source["name"],
                source["type"],
                shorten(source["name"], 26),
                claims,
                contested,
                y,
                drawn,
            )
        )
    return Matrix(rows, columns, quoted, len(outlets), len(others))


def _ranked_outlets(counts: list[dict]) -> list[str]:
    """Return the outlets, most claims first."""
    claims: dict[str, int] = {}
    for count in counts:
        outlet = count["publisher"] or NO_PUBLISHER
        claims[outlet] = claims.get(outlet, 0) + count["claims"]
    return sorted(claims, key=lambda outlet: (-claims[outlet], outlet.casefold()))


def _figures(counts: list[dict], shown: set[str]) -> dict[str, dict[str, tuple[int, int]]]:
    """Sum claims and contested claims by source and column key."""
    figures: dict[str, dict[str, tuple[int, int]]] = {}
    for count in counts:
        outlet = count["publisher"] or NO_PUBLISHER
        cells = figures.setdefault(count["source_id"], {})
        for key in (outlet if outlet in shown else OTHERS, ALL):
            claims, contested = cells.get(key, (0, 0))
            cells[key] = (claims + count["claims"], contested + (count["contested"] or 0))
    return figures


def _cell(source: str, column: Column, figures, y: float, largest: int) -> Cell | None:
    """Place one cell, shaded by its share of the largest; None when the source has no claim."""
    if not figures or not figures[0]:
        return None
    claims, contested = figures
    shade = 0 if column.total else 1 + min(3, int(4 * claims / largest))
    where = "in all outlets" if column.total else f"in {column.name}"
    title = f"{source}: {plural(claims, 'claim')} {where}, {contested} contested"
    return Cell(claims, contested, column.x, y, shade, title)
