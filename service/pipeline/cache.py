"""Keep each document's analyses between builds, keyed by everything that shapes them."""

import hashlib
import os
import pickle
import re
import shutil
from pathlib import Path

from service.pipeline.records import Analysis, DocumentBuild, paragraph_input

CODE_KEY = re.compile(r"[0-9a-f]{16}")
# Reading a damaged or foreign entry is a miss, never a failed build.
UNREADABLE = (OSError, EOFError, pickle.UnpicklingError, AttributeError, ImportError, TypeError)


class AnalysisCache:
    """Analyses on disk, one file per document, under a folder named for the build code.

    An entry's key hashes what the model reads of the document (each paragraph's text,
    kind, document id and dateline), so any edit to the text or to metadata that
    changes segmentation misses; the folder's name hashes the build code, the model
    and the gazetteer, so a change to any of them misses everywhere.
    """

    def __init__(self, root: Path | None, code_key: str):
        self.folder = root / code_key if root else None
        self.analysed = self.reused = 0
        self._paths: dict[str, Path] = {}  # each document's entry, hashed once: fill, then store

    def fill(self, document: DocumentBuild) -> bool:
        """Give the document its cached analyses, if any; say whether it had them."""
        if self.folder is None:
            return False
        try:
            with open(self._path(document), "rb") as file:
                analyses = pickle.load(file)
        except UNREADABLE:
            return False
        if not _fits(analyses, document):
            return False
        document.analyses = analyses
        self.reused += 1
        return True

    def store(self, document: DocumentBuild) -> None:
        """Keep a freshly analysed document's analyses for the next build."""
        self.analysed += 1
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self._path(document)
        temp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        try:
            with open(temp, "wb") as file:
                pickle.dump(document.analyses, file, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temp, path)  # a reader sees the whole entry or none
        finally:
            temp.unlink(missing_ok=True)

    def prune(self) -> None:
        """Drop the folders of other build codes: no build of this code can read them."""
        if self.folder is None or not self.folder.parent.is_dir():
            return
        for other in self.folder.parent.iterdir():
            # Only folders named as this cache names them: the folder may be shared.
            if other.is_dir() and other != self.folder and CODE_KEY.fullmatch(other.name):
                shutil.rmtree(other, ignore_errors=True)

    def _path(self, document: DocumentBuild) -> Path:
        """Name a document's entry by the hash of what the model reads of it."""
        if self.folder is None:
            raise RuntimeError("a cache without a folder has no entries")
        if document.doc.id not in self._paths:
            digest = hashlib.sha256()
            for paragraph in document.paragraphs:
                for part in paragraph_input(paragraph, document.doc.id):
                    digest.update(f"{part}\x00".encode())
            self._paths[document.doc.id] = self.folder / f"{digest.hexdigest()[:32]}.pickle"
        return self._paths[document.doc.id]


def _fits(analyses, document: DocumentBuild) -> bool:
    """Check an entry is one analysis per paragraph, as this build code writes them."""
    return (
        isinstance(analyses, list)
        and len(analyses) == len(document.paragraphs)
        and all(isinstance(a, Analysis) for a in analyses)
    )
