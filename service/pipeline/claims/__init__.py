"""Claims: curated ones from claims.yaml, machine ones from reporting cues, and their sources."""
