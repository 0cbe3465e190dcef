"""Documents sent over HTTP in tests: a private corpus with its settings, tokens, and texts."""

from pathlib import Path

import yaml

from service import create_app
from service.serve.context import USERS
from tests.support.corpus import NEWS, copy_corpus, run_build

PROBLEM = "application/problem+json"


def news_text(name: str) -> tuple[str, dict]:
    """Return a development news text and the metadata `claims add` would be given for it."""
    text = (NEWS / f"{name}.txt").read_text(encoding="utf-8")
    given = yaml.safe_load((NEWS / f"{name}.yaml").read_text(encoding="utf-8"))
    keys = ("title", "author", "publisher", "published", "url")
    return text, {key: str(given[key]) for key in keys if given.get(key)}


def private_corpus(root: Path, cache: Path | None = None) -> dict:
    """Copy the project's corpus under root, build it, and return the settings of an app and
    a publisher over it (with cache, the analyses kept between builds live there)."""
    sources, annotations = copy_corpus(root)
    db = root / "var" / "claims.db"
    cache = cache or root / "var" / "cache"
    run_build(sources, annotations, db, cache_dir=cache)
    return {
        "DB": str(db),
        "STORE": str(root / "var" / "store.db"),
        "SOURCE_DIR": str(sources),
        "ANNOTATIONS_DIR": str(annotations),
        "CACHE": str(cache),
    }


def app_and_tokens(settings: dict, *names: str):
    """Create the app over a corpus and a token for each name; return the app and the tokens."""
    app = create_app(settings)
    users = app.extensions[USERS]
    return app, [users.create_token(name) for name in names]


def bearer(token: str) -> dict:
    """The header that carries a token."""
    return {"Authorization": f"Bearer {token}"}
