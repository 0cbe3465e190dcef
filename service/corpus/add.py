"""`claims add`: turn a page, a text file, a URL or standard input into a source text and its
metadata."""

import hashlib
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

import yaml
from marshmallow import ValidationError

from service.corpus.clean import clean_text
from service.corpus.errors import CorpusError
from service.corpus.extract import Article, extract_article
from service.corpus.fetch import fetch
from service.pipeline.inputs import BuildError, MetadataSchema, load_metadata
from service.pipeline.language import ANALYSED, detect, name_of, not_analysed
from service.pipeline.retire import tombstone_path
from service.pipeline.segment import split_paragraphs
from service.pipeline.staging import Staged
from service.vocab import DOCUMENT_ID, slugify

HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
METADATA_KEYS = ("title", "author", "publisher", "published", "url")
OPTION_KEYS = (*METADATA_KEYS, "language")  # the options that are metadata
STDIN = "-"  # the location that reads the text or page from standard input


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
    removed: dict[str, int]  # characters taken out of the text, counted


def add_document(
    location: str,
    source_dir: Path,
    annotations_dir: Path,
    options: dict[str, str | None],
    *,
    published_inferred: bool = False,
    default_id: str | None = None,
    allow_private: bool = False,
) -> Added:
    """Read, extract and check an article, then write `<id>.txt` and `<id>.yaml` together.

    Every check runs before anything is written. The metadata is what the page says,
    overridden by the `<name>.yaml` beside the file, overridden by the options; the id is
    options["id"], else a slug of the title, else default_id. A URL on a private or local
    address is refused unless allow_private.
    """
    beside = _beside(location)
    article = _read(location, options.get("url") or beside.get("url"), allow_private)
    language = detect(article.text)
    if language != ANALYSED:
        raise CorpusError(f"{_name(location)}: {not_analysed(language)}")
    record = _metadata(article, beside, options, published_inferred)
    doc_id = options.get("id") or slugify(record.get("title") or "") or default_id
    if not doc_id:
        raise CorpusError(f"{_name(location)}: no title to name the document by; give --id")
    if not DOCUMENT_ID.match(doc_id):
        raise CorpusError(f"--id {doc_id!r}: use lower-case letters, digits, '.', '_' and '-'")
    _check_metadata(record, _name(location))
    _check_language(record.get("language"), _name(location))
    _check_links(record.get("links", []), article.text, _name(location))
    text_path, metadata_path = source_dir / f"{doc_id}.txt", source_dir / f"{doc_id}.yaml"
    _check_new(doc_id, article.text, source_dir, _name(location))
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
        len(record.get("links", [])),
        revived,
        dict(article.removed),
    )


def _name(location: str) -> str:
    """Name where a text came from, for the errors that stop it."""
    return "standard input" if location == STDIN else location


def _beside(location: str) -> dict:
    """Read the keys the metadata file beside a text or page (`<name>.yaml`) gives."""
    if location == STDIN or "://" in location:
        return {}
    path = Path(location).with_suffix(".yaml")
    if path == Path(location) or not path.is_file():
        return {}
    raw = path.read_bytes()
    try:
        loaded = load_metadata(path, raw)  # validated as the build will, naming the line
    except BuildError as error:
        raise CorpusError(str(error)) from None
    return {key: loaded[key] for key in yaml.safe_load(raw) if key in loaded}


def _metadata(article: Article, beside: dict, options: dict, published_inferred: bool) -> dict:
    """Merge the page's metadata, the file beside it and the options, later ones winning."""
    record = {key: getattr(article, key) for key in METADATA_KEYS}
    record.update(beside)
    record.update({k: v for k, v in options.items() if k in OPTION_KEYS and v})
    if published_inferred:
        record["published_inferred"] = True
    links = record.pop("links", None) or [asdict(link) for link in article.links]
    record = {k: v for k, v in record.items() if v}  # no empty values, links last
    if links:
        record["links"] = links
    return record


def _read(location: str, page_url: str | None = None, allow_private: bool = False) -> Article:
    """Read a URL, an HTML file or a text file into an article; page_url resolves the
    relative links of a saved page."""
    url: str | None
    if "://" in location:  # any scheme: fetch says which it takes
        page = fetch(location, allow_private=allow_private)
        body, form, url = page.body, page.form, page.url
        if form == "text":
            return _plain(body, location, page.charset, url)
    else:
        body, url = _local(location), page_url
        html = Path(location).suffix.lower() in HTML_SUFFIXES or _looks_html(body)
        if not html:
            return _plain(body, _name(location))
    if b"\x00" in body:
        raise CorpusError(f"{_name(location)}: binary content, not a web page")
    article = extract_article(body, url)
    if article is None:
        raise CorpusError(f"{_name(location)}: no article text found in the page")
    return article


def _local(location: str) -> bytes:
    """Read a file's bytes, or standard input's for `-`."""
    if location == STDIN:
        stream = sys.stdin
        if hasattr(stream, "buffer"):
            return stream.buffer.read()
        return stream.read().encode("utf-8")  # a text stream with no bytes beneath it
    path = Path(location)
    if not path.is_file():
        raise CorpusError(f"{location}: no such file")
    return path.read_bytes()


def _plain(
    body: bytes, location: str, charset: str | None = None, url: str | None = None
) -> Article:
    """Decode a plain text, with LF line ends and without a BOM, control or bidi-override
    characters, refusing binary content and empty files."""
    if b"\x00" in body:
        raise CorpusError(f"{location}: binary content, not text")
    try:
        text = body.decode(charset or "utf-8")
    except (UnicodeDecodeError, LookupError):
        raise CorpusError(f"{location}: not UTF-8 text") from None
    text, removed = clean_text(text)
    if not text.strip():
        raise CorpusError(f"{location}: the text is empty")
    return Article(text, url=url, removed=removed)


def _looks_html(body: bytes) -> bool:
    """Tell an HTML page saved without an .html name by how it opens."""
    head = body[:512].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html"))


def _check_metadata(record: dict, where: str) -> None:
    """Validate the metadata as the build will, so that a bad value stops here."""
    try:
        MetadataSchema().load(record)
    except ValidationError as error:
        key, reasons = next(iter(error.messages_dict.items()))
        raise CorpusError(
            f"{where}: {key}: {reasons[0] if isinstance(reasons, list) else reasons}"
        ) from None
    if record.get("published_inferred") and not record.get("published"):
        raise CorpusError(f"{where}: an inferred publication date needs a date: give --published")


def _check_language(stated: str | None, where: str) -> None:
    """Refuse a language given that is not English (en, or a regional tag such as en-GB)."""
    # The build reads English only and records the language it detects, so a language
    # given can only say so; the text itself has been detected as English already.
    if stated and stated.split("-")[0].lower() != ANALYSED:
        raise CorpusError(
            f"{where}: language {stated!r} ({name_of(stated)}) is not English: "
            "only English is analysed"
        )


def _check_links(links: list[dict], text: str, where: str) -> None:
    """Hold each link given beside a text to it: inside it, and on the words it names."""
    for number, link in enumerate(links, 1):
        start, end, words = link["start"], link["end"], link.get("text")
        if not start < end <= len(text) or words not in (None, text[start:end]):
            raise CorpusError(f"{where}: link {number} at {start}-{end} is not on its words")


def _check_new(doc_id: str, text: str, source_dir: Path, where: str) -> None:
    """Refuse a document whose id is taken or whose text is already in the corpus."""
    if (source_dir / f"{doc_id}.txt").exists():
        raise CorpusError(f"{where}: document '{doc_id}' already exists; give another --id")
    digest = _fingerprint(text.encode("utf-8"))
    for existing in sorted(source_dir.glob("*.txt")):
        if _fingerprint(existing.read_bytes()) == digest:
            raise CorpusError(
                f"{where}: the same text is already in the corpus as '{existing.stem}'"
            )


def _fingerprint(text: bytes) -> bytes:
    """Hash a text without the white space around it, which no reader sees."""
    return hashlib.sha256(text.strip()).digest()
