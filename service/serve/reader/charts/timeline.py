"""The corpus's dated events as bars, one a year, on a time axis of at most MAX_YEARS years."""

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from itertools import accumulate

MAX_YEARS = 40  # bars drawn: wider corpora show the busiest run of years and count the rest
WIDTH, LEFT, RIGHT = 720, 16, 16
TOP, PLOT_HEIGHT = 22, 120  # room above the bars for their counts
AXIS = TOP + PLOT_HEIGHT
HEIGHT = AXIS + 46
LABEL_GAP = 40  # pixels at least between two year labels


@dataclass(frozen=True)
class Bar:
    """One year's events: where its bar stands, and the link to them."""

    year: int
    count: int
    x: float
    y: float
    width: float
    height: float

    @property
    def centre(self) -> float:
        """The bar's middle, where its count is written."""
        return round(self.x + self.width / 2, 1)

    @property
    def href(self) -> str:
        """The year's events in the API."""
        return f"/v1/timeline?from={self.year}-01-01&to={self.year}-12-31"


@dataclass(frozen=True)
class Tick:
    """A labelled year on the axis."""

    year: int
    x: float


@dataclass
class Timeline:
    """The bars, the axis and what was left out, in the picture's own coordinates."""

    first: int
    last: int
    bars: list[Bar]
    ticks: list[Tick]
    total: int  # every dated event
    earlier: int  # precise to a year, before the years drawn
    later: int  # precise to a year, after them
    spanning: int  # dated only to a span of years: no one year to stand in
    width: int = WIDTH
    height: int = HEIGHT
    axis: int = AXIS
    left: int = LEFT
    right: int = WIDTH - RIGHT

    @property
    def drawn(self) -> int:
        """How many events the bars count."""
        return sum(bar.count for bar in self.bars)

    @property
    def peak(self) -> Bar:
        """The year with most events (the latest of equals)."""
        return max(self.bars, key=lambda bar: (bar.count, bar.year))


def corpus_timeline(spans: list[tuple[str, str, int]]) -> Timeline | None:
    """Lay out events counted by (first year, last year) as yearly bars, or None if none fits."""
    years: dict[int, int] = {}
    spanning = total = 0
    for first, last, count in spans:
        total += count
        if first == last and first.isdigit():
            years[int(first)] = years.get(int(first), 0) + count
        else:
            spanning += count
    if not years:
        return None
    start = _busiest_start(years)
    end = min(max(years), start + MAX_YEARS - 1)
    slot = (WIDTH - LEFT - RIGHT) / (end - start + 1)
    peak = max(years[y] for y in years if start <= y <= end)
    bars = []
    for year in range(start, end + 1):
        if year in years:
            height = max(2.0, PLOT_HEIGHT * years[year] / peak)  # a single event stays visible
            width = max(2.0, slot * 0.7)
            x = LEFT + (year - start) * slot + (slot - width) / 2
            bars.append(
                Bar(
                    year,
                    years[year],
                    round(x, 1),
                    round(AXIS - height, 1),
                    round(width, 1),
                    round(height, 1),
                )
            )
    step = next(s for s in (1, 2, 5, 10, 20, 50) if s * slot >= LABEL_GAP)
    # Counted from the first year drawn, so that it is always labelled.
    ticks = [
        Tick(year, round(LEFT + (year - start + 0.5) * slot, 1))
        for year in range(start, end + 1, step)
    ]
    earlier = sum(count for year, count in years.items() if year < start)
    later = sum(count for year, count in years.items() if year > end)
    return Timeline(start, end, bars, ticks, total, earlier, later, spanning)


def _busiest_start(years: dict[int, int]) -> int:
    """Return the first year of the latest run of MAX_YEARS years with most events."""
    ordered = sorted(years)
    first, last = ordered[0], ordered[-1]
    if last - first < MAX_YEARS:
        return first
    sums = [0, *accumulate(years[year] for year in ordered)]

    def within(start: int) -> int:
        """Count the events of the run of years from `start`."""
        end = start + MAX_YEARS - 1
        return sums[bisect_right(ordered, end)] - sums[bisect_left(ordered, start)]

    # The busiest run may be slid to begin on a year with events, or to end on the last.
    starts = sorted({min(year, last - MAX_YEARS + 1) for year in ordered})
    return max(starts, key=lambda start: (within(start), start))
