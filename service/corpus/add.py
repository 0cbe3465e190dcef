"""`claims add`: turn a page, a text file or a URL into a source text and its metadata."""

import hashlib
from dataclasses import asdict, dataclass
from pathlib import Path

import yaml
from marshmallow import ValidationError

from service.corpus.errors import CorpusError
from service.corpus.extract import Article, extract_article
from service.corpus.fetch import fetch
from service.pipeline.inputs import MetadataSchema
from service.pipeline.language import ANALYSED, detect, not_analysed
from service.pipeline.retire import tombstone_path
from service.pipeline.segment import split_paragraphs
from service.pipeline.staging import Staged
from service.vocab import DOCUMENT_ID, slugify

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
METADATA_KEYS = ("title", "author", "publisher", "published", "url")


@dataclass(frozen=True)
class Added:
    """What `claims add` wrote, for the lines it prints."""

    id: str
    text_path: Path
    metadata_path: Path
    paragraphs: int
    words: int
    links: int
    revived: bool


def add_document(
    location: str, source_dir: Path, annotations_dir: Path, options: dict[str, str | None]
) -> Added:
    """Read, extract and check an article, then write `<id>.txt` and `<id>.yaml` together.

    Every check runs before anything is written; options override what was extracted.
    """
    article = _read(location, options.get("url"))
    language = detect(article.text)
    if language != ANALYSED:
        raise CorpusError(f"{location}: {not_analysed(language)}")
    metadata = {key: getattr(article, key) for key in METADATA_KEYS}
    metadata.update({k: v for k, v in options.items() if k in METADATA_KEYS and v})
    doc_id = options.get("id") or slugify(metadata.get("title") or "")
    if not doc_id:
        raise CorpusError(f"{location}: no title to name the document by; give --id")
    if not DOCUMENT_ID.match(doc_id):
        raise CorpusError(f"--id {doc_id!r}: use lower-case letters, digits, '.', '_' and '-'")
    record = {k: v for k, v in metadata.items() if v}
    if article.links:
        record["links"] = [asdict(link) for link in article.links]
    _check_metadata(record)
    text_path, metadata_path = source_dir / f"{doc_id}.txt", source_dir / f"{doc_id}.yaml"
    _check_new(doc_id, article.text, source_dir)
    staged = Staged(write=True)  # both files or neither
    try:
        staged.add(
            metadata_path, yaml.safe_dump(record, sort_keys=False, allow_unicode=True, width=100)
        )
        staged.add(text_path, article.text)
        staged.commit()
    finally:
        staged.discard()
    tombstone = tombstone_path(annotations_dir, doc_id)
    revived = tombstone.exists()
    tombstone.unlink(missing_ok=True)  # the document is back: its old IDs serve again
    return Added(
        doc_id,
        text_path,
        metadata_path,
        len(split_paragraphs(article.text)),
        len(article.text.split()),
        len(article.links),
        revived,
    )


def _read(location: str, page_url: str | None = None) -> Article:
    """Read a URL, an HTML file or a text file into an article; page_url resolves the
    relative links of a saved page."""
    url: str | None
    if location.startswith(("http://", "https://")):
        page = fetch(location)
        body, form, url = page.body, page.form, page.url
        if form == "text":
            return Article(_text(body, location, page.charset), url=url)
    else:
        path = Path(location)
        if not path.is_file():
            raise CorpusError(f"{location}: no such file")
        body, url = path.read_bytes(), page_url
        form = "html" if path.suffix.lower() in HTML_SUFFIXES or _looks_html(body) else "text"
        if form == "text":
            return Article(_text(body, location))
    if b"\x00" in body:
        raise CorpusError(f"{location}: binary content, not a web page")
    article = extract_article(body, url)
    if article is None:
        raise CorpusError(f"{location}: no article text found in the page")
    return article


def _text(body: bytes, location: str, charset: str | None = None) -> str:
    """Decode a plain text as it is, refusing binary content and empty files."""
    if b"\x00" in body:
        raise CorpusError(f"{location}: binary content, not text")
    try:
        text = body.decode(charset or "utf-8")
    except (UnicodeDecodeError, LookupError):
        raise CorpusError(f"{location}: not UTF-8 text") from None
    if not text.strip():
        raise CorpusError(f"{location}: the text is empty")
    return text


def _looks_html(body: bytes) -> bool:
    """Tell an HTML page saved without an .html name by how it opens."""
    head = body[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html"))


def _check_metadata(record: dict) -> None:
    """Validate the metadata as the build will, so that a bad value stops here."""
    try:
        MetadataSchema().load(record)
    except ValidationError as error:
        key, reasons = next(iter(error.messages_dict.items()))
        raise CorpusError(
            f"{key}: {reasons[0] if isinstance(reasons, list) else reasons}"
        ) from None


def _check_new(doc_id: str, text: str, source_dir: Path) -> None:
    """Refuse a document whose id is taken or whose text is already in the corpus."""
    if (source_dir / f"{doc_id}.txt").exists():
        raise CorpusError(f"document '{doc_id}' already exists; give another --id")
    digest = _fingerprint(text.encode("utf-8"))
    for existing in sorted(source_dir.glob("*.txt")):
        if _fingerprint(existing.read_bytes()) == digest:
            raise CorpusError(f"the same text is already in the corpus as '{existing.stem}'")


def _fingerprint(text: bytes) -> bytes:
    """Hash a text without the white space around it, which no reader sees."""
    return hashlib.sha256(text.strip()).digest()
