"""Precision, recall and F1, counted on sets or on two sides separately."""

from dataclasses import dataclass


@dataclass
class Rates:
    """Precision over what was predicted and recall over the gold, counted on each side:
    one prediction may find two gold items, or two predictions one."""

    right: int  # predictions that are right
    predicted: int
    found: int  # gold items found
    gold: int

    @property
    def precision(self) -> float:
        """Share of predictions that are right."""
        return self.right / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        """Share of gold items found."""
        return self.found / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        return harmonic(self.precision, self.recall)


def score(predicted: set, gold: set) -> Rates:
    """Compare two sets of hashable annotations."""
    hits = len(predicted & gold)
    return Rates(hits, len(predicted), hits, len(gold))


def harmonic(precision: float, recall: float) -> float:
    """Return F1 of a precision and a recall."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
