"""openapi.yaml: valid, kept by the app, and usable by clients generated from it."""
