"""The reader's colours meet WCAG AA contrast (4.5:1) where they carry text."""

import re

from tests.support.corpus import ROOT

CSS = (ROOT / "service" / "serve" / "reader" / "static" / "reader.css").read_text(encoding="utf-8")


def luminance(hex_colour: str) -> float:
    """Relative luminance of a #rrggbb colour, as WCAG defines it."""
    channels = [int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio of two colours."""
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def variable(name: str) -> str:
    return re.search(rf"--{name}: (#[0-9a-f]{{6}});", CSS).group(1)


def test_white_badge_text_on_every_status_colour():
    for status in ("attributed", "vague", "linked", "unsourced", "contested"):
        assert contrast("#ffffff", variable(status)) >= 4.5, status


def test_ink_on_every_highlight_background():
    backgrounds = re.findall(r"\.ent-[a-z]+ \{ background: (#[0-9a-f]{6}); \}", CSS)
    backgrounds += re.findall(
        r"\.claim\.(?:contested|counterpart) \{[^}]*background: (#[0-9a-f]{6})", CSS
    )
    assert len(backgrounds) >= 9
    for background in backgrounds:
        assert contrast(variable("ink"), background) >= 4.5, background
    assert contrast(variable("muted-ink"), variable("paper")) >= 4.5
