"""`claims add FOLDER`: add every text and page of a folder, each on its own."""

from collections.abc import Iterator
from pathlib import Path

from service.corpus.add import HTML_SUFFIXES, Added, add_document
from service.corpus.errors import CorpusError
from service.vocab import slugify

DOCUMENT_SUFFIXES = {".txt", *HTML_SUFFIXES}
# Options that name one document: given once for a folder, every document but the first
# would fail as a duplicate. Each file's own `<name>.yaml` gives them instead.
ONE_DOCUMENT = ("id", "title", "url")


def documents_in(folder: Path, options: dict[str, str | None]) -> list[Path]:
    """List a folder's own texts and pages by name; refuse none, and one-document options."""
    for key in ONE_DOCUMENT:
        if options.get(key):
            raise CorpusError(
                f"--{key} names one document, not a folder: give {key} in the "
                "<name>.yaml beside each file"
            )
    paths = sorted(path for path in folder.iterdir() if _is_document(path))
    if not paths:
        raise CorpusError(f"{folder}: no texts (.txt) or pages (.html, .htm) in it")
    return paths


def add_each(
    paths: list[Path],
    source_dir: Path,
    annotations_dir: Path,
    options: dict[str, str | None],
    *,
    published_inferred: bool = False,
) -> Iterator[tuple[Path, Added | CorpusError]]:
    """Add each document in turn, yielding what was added or why not, going past failures."""
    # A document that fails has written nothing (add_document writes last, both files
    # or neither), so the others go on.
    for path in paths:
        try:
            added = add_document(
                str(path),
                source_dir,
                annotations_dir,
                options,
                published_inferred=published_inferred,
                default_id=slugify(path.stem),  # a text with no title is named after its file
            )
        except CorpusError as error:
            yield path, error
        else:
            yield path, added


def _is_document(path: Path) -> bool:
    """Tell a text or page from metadata files, other files and hidden ones (an editor's)."""
    return (
        path.is_file()
        and path.suffix.lower() in DOCUMENT_SUFFIXES
        and not path.name.startswith(".")
    )
