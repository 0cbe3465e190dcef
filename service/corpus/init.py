"""`claims init`: start an empty corpus of one's own, without the demo article or its gazetteer."""

import shutil
from pathlib import Path

from service.config import CORPUS_PATHS, MARKER
from service.corpus.errors import CorpusError
from service.pipeline.claims.sources import SOURCES_FILE
from service.pipeline.nlp.gazetteer import GAZETTEER_FILE

MARKER_TEXT = """\
# This folder is a corpus of the claims service: `claims build`, `add`, `remove` and
# `serve`, run here or in any folder below, read and write the corpus here.
[corpus]
format = 1
"""

GAZETTEER_TEXT = """\
# Canonical entities: the gazetteer that corrects the model and links mentions.
# Each entry: id (slug), name, label (PERSON, NORP, FAC, ORG, GPE, LOC, PRODUCT, EVENT, LAW),
# aliases (surface forms as written), description (one line), demonyms for places.
# `not_entities` lists strings the model tags as entities that name nothing.
entities: []
not_entities: []
"""

SOURCES_TEXT = """\
# Who claims what: sources a curated claim may name, and how the detector knows them.
# Each entry: id (slug), name, type (news_agency, government, official, ngo, court,
# anonymous, group, author, media, unknown), entities (gazetteer ids standing for it),
# aliases, description.
sources: []
"""

IGNORE_TEXT = """\
# What `claims build` makes (claims.db, cache/) and what users write through the API
# (store.db): neither is a text of record.
var/
"""

README_TEXT = """\
# A claims corpus

`source_text/` holds the texts (`<id>.txt`) and their metadata (`<id>.yaml`);
`annotations/` the gazetteer (`entities.yaml`), the sources (`sources.yaml`) and,
per document, its paragraph IDs and curated claims. `var/` holds what is built.

Run these in this folder, or from elsewhere with `--corpus DIR` or `CLAIMS_CORPUS=DIR`:

```sh
claims add page.html                 # a saved page, a .txt, a URL, or - for stdin
claims add folder/                   # every .txt, .html and .htm in it, in name order
claims build                         # analyse the texts into var/claims.db
claims serve                         # the API on http://127.0.0.1:8000/v1
```

A `<name>.yaml` beside a text gives its metadata (title, author, publisher, published,
url, language, published_inferred); options such as `--title` override it.
"""


def init_corpus(folder: Path) -> list[Path]:
    """Make an empty corpus in a new or empty folder; return the files written."""
    _check_free(folder)
    existed = folder.exists()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        return _write_layout(folder)
    except OSError as error:
        _undo(folder, existed)  # never half a corpus
        raise CorpusError(f"{folder}: could not make the corpus ({error.strerror})") from None


def _undo(folder: Path, existed: bool) -> None:
    """Take out what a failed init made: the folder, or all in it when it was there empty."""
    if not existed:
        shutil.rmtree(folder, ignore_errors=True)
        return
    for path in folder.iterdir():
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


def _check_free(folder: Path) -> None:
    """Refuse an existing corpus, a file, and a folder with anything in it."""
    if (folder / MARKER).exists():
        raise CorpusError(f"{folder} is already a corpus ({MARKER}); nothing written")
    if folder.exists() and not folder.is_dir():
        raise CorpusError(f"{folder} is a file, not a folder")
    if folder.is_dir() and any(folder.iterdir()):
        raise CorpusError(f"{folder} is not empty; give a new or empty folder")


def _write_layout(root: Path) -> list[Path]:
    """Write the marker, the empty folders and curated files, and the README under root."""
    sources, annotations = root / CORPUS_PATHS["SOURCE_DIR"], root / CORPUS_PATHS["ANNOTATIONS_DIR"]
    sources.mkdir()
    annotations.mkdir()
    files = {
        root / MARKER: MARKER_TEXT,
        annotations / GAZETTEER_FILE: GAZETTEER_TEXT,
        annotations / SOURCES_FILE: SOURCES_TEXT,
        root / ".gitignore": IGNORE_TEXT,
        root / "README.md": README_TEXT,
    }
    for path, text in files.items():
        path.write_text(text, encoding="utf-8")
    return list(files)
