"""Temporal expressions: find them, normalise them TIMEX3-style, check them against each other."""
