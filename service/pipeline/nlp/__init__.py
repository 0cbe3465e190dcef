"""The NLP layer: spaCy with the curated gazetteer; spaCy objects never leave this package."""
