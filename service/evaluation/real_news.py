"""Re-create the real-news excerpts, byte for byte, from their recipes and saved pages.

The texts are other people's, so only their recipes are committed
(`tests/data/news-real/<id>.recipe.yaml`): where each page was found, the excerpt's
first and last words, its metadata and the sha256 of the excerpt. Given the page's
text saved as `<pages>/<id>.page.txt` (as the page reads: one paragraph a line), this
cuts the excerpt, checks its sha256 and writes `<out>/<id>.txt` and `<out>/<id>.yaml`.

    python -m service.evaluation.real_news [--pages DIR] [--out DIR] [ID ...]
"""

import argparse
import hashlib
import sys
from functools import cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
RECIPES = ROOT / "tests" / "data" / "news-real"
OUT = ROOT / "var" / "news-real"
METADATA_KEYS = ("title", "url", "author", "publisher", "published", "language")


class RecipeError(Exception):
    """An excerpt that cannot be cut from its page, or whose bytes differ."""


def excerpt(page: str, first_words: str, last_words: str) -> str:
    """Cut from the first words to the last: one paragraph a line, blank lines between."""
    start = page.find(first_words)
    if start < 0:
        raise RecipeError(f"first words not on the page: {first_words!r}")
    end = page.find(last_words, start)
    if end < 0:
        raise RecipeError(f"last words not after the first: {last_words!r}")
    lines = (line.strip() for line in page[start : end + len(last_words)].splitlines())
    return "\n\n".join(line for line in lines if line) + "\n"


def digest(text: str) -> str:
    """Return the sha256 of a text's UTF-8 bytes."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@cache
def recipes(folder: Path = RECIPES) -> dict[str, dict]:
    """Read every recipe in a folder, by text id."""
    found = {}
    for path in sorted(folder.glob("*.recipe.yaml")):
        recipe = yaml.safe_load(path.read_text(encoding="utf-8"))
        found[recipe["id"]] = recipe
    return found


def gold_paths(split: str, recipes_dir: Path = RECIPES, texts: Path = OUT) -> list[Path]:
    """Return the gold files of one split ("dev" or "check") whose texts are present."""
    return [
        recipes_dir / f"{text_id}.gold.yaml"
        for text_id, recipe in recipes(recipes_dir).items()
        if recipe.get("split") == split
        and (texts / f"{text_id}.txt").exists()
        and (recipes_dir / f"{text_id}.gold.yaml").exists()
    ]


def absent(split: str, recipes_dir: Path = RECIPES, texts: Path = OUT) -> list[str]:
    """Name the texts of a split that have not been re-created here."""
    return [
        text_id
        for text_id, recipe in recipes(recipes_dir).items()
        if recipe.get("split") == split and not (texts / f"{text_id}.txt").exists()
    ]


def pair_files(split: str, recipes_dir: Path = RECIPES, texts: Path = OUT) -> list[Path]:
    """Return the cross-outlet pairs files of one split whose texts are all present."""
    present = {
        path.name.removesuffix(".gold.yaml") for path in gold_paths(split, recipes_dir, texts)
    }
    found = []
    for path in sorted(recipes_dir.glob("*.pairs.yaml")):
        pairs = yaml.safe_load(path.read_text(encoding="utf-8"))["pairs"]
        documents = {pair[side]["document"] for pair in pairs for side in ("a", "b")}
        if documents <= present:
            found.append(path)
    return found


HOW_TO_RECREATE = (
    "save each page's text as var/news-real/pages/<id>.page.txt (its recipe names the "
    "page), then run: python -m service.evaluation.real_news"
)


def recreate(recipe: dict, pages: Path, out: Path) -> Path:
    """Write one text and its metadata from its saved page; refuse wrong bytes."""
    page = (pages / f"{recipe['id']}.page.txt").read_text(encoding="utf-8")
    text = excerpt(page, recipe["first_words"], recipe["last_words"])
    if recipe.get("sha256") and digest(text) != recipe["sha256"]:
        raise RecipeError(f"{recipe['id']}: sha256 {digest(text)} is not the recipe's")
    out.mkdir(parents=True, exist_ok=True)
    (out / f"{recipe['id']}.txt").write_text(text, encoding="utf-8")
    metadata = {key: recipe.get(key) for key in METADATA_KEYS}
    metadata["published_inferred"] = False
    (out / f"{recipe['id']}.yaml").write_text(
        yaml.safe_dump(metadata, sort_keys=False, allow_unicode=True), encoding="utf-8"
    )
    return out / f"{recipe['id']}.txt"


def main(argv: list[str] | None = None) -> int:
    """Re-create the texts named (all when none), printing each one's sha256 and length."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=OUT / "pages")
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--recipes", type=Path, default=RECIPES)
    parser.add_argument("ids", nargs="*")
    args = parser.parse_args(argv)
    known = recipes(args.recipes)
    failed = 0
    for text_id in args.ids or sorted(known):
        try:
            path = recreate(known[text_id], args.pages, args.out)
        except (KeyError, OSError, RecipeError) as error:
            print(f"{text_id}: {error}", file=sys.stderr)
            failed += 1
            continue
        text = path.read_text(encoding="utf-8")
        print(f"{text_id}: {len(text.split())} words, sha256 {digest(text)}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
