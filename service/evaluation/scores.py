"""Precision, recall and F1, counted on sets or on two sides separately."""

from dataclasses import dataclass


@dataclass
class Score:
    """Precision, recall and F1 of a predicted set against a gold set."""

    true_positives: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        """Share of what was predicted that is right."""
        return self.true_positives / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        """Share of the gold that was found."""
        return self.true_positives / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        return harmonic(self.precision, self.recall)


def score(predicted: set, gold: set) -> Score:
    """Compare two sets of hashable annotations."""
    return Score(len(predicted & gold), len(predicted), len(gold))


@dataclass
class Rates:
    """Precision over detections and recall over curated claims, counted separately."""

    right_detections: int
    detections: int
    found_claims: int
    claims: int

    @property
    def precision(self) -> float:
        """Share of detections that are right."""
        return self.right_detections / self.detections if self.detections else 0.0

    @property
    def recall(self) -> float:
        """Share of gold items found."""
        return self.found_claims / self.claims if self.claims else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        return harmonic(self.precision, self.recall)


def harmonic(precision: float, recall: float) -> float:
    """Return F1 of a precision and a recall."""
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0
