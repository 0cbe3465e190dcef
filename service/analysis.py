"""Analyse a text sent to POST /v1/analyses with the build's own code, in the serving process.

`service.create_app` hands an `Analyser` to the server, which never imports the build: the
build's modules, and spaCy with them, are imported at the first analysis, not at start-up.
"""

from dataclasses import asdict
from pathlib import Path

from service.serve.errors import PayloadTooLarge, UnanalysableText, Unavailable
from service.vocab import slugify

UNTITLED = "untitled"  # the id of a text with no id, no title and no word in its first line


class Analyser:
    """Turn a submitted text or page and its metadata into what the corpus would serve."""

    def __init__(self, settings: dict):
        self.model = str(settings["SPACY_MODEL"])
        self.annotations_dir = Path(settings["ANNOTATIONS_DIR"])
        self.db = Path(settings["DB"])
        self.max_chars = max_chars(settings)

    def __call__(self, submitted: dict) -> dict:
        """Analyse a text, or a page's main text, as a new document; 422 when it is refused;
        with `related`, its claims paired with the corpus's."""
        from service.pipeline import single
        from service.pipeline.claims.related import NoSignatures

        related = submitted.pop("related", False)
        text, metadata = text_and_metadata(submitted)
        check_length(text, self.max_chars)
        try:
            doc = single.in_memory(document_id(submitted, metadata, text), text, metadata)
        except single.Refused as refused:
            extra = {"language": refused.language} if refused.language else None
            raise UnanalysableText(sentence(refused.reason), extra=extra) from None
        related_in = self.db if related else None
        try:
            return single.analyse_text(doc, self.model, self.annotations_dir, related_in)
        except NoSignatures:
            raise Unavailable(
                "The corpus database was built before texts could be paired with it: "
                "rebuild it with `claims build`."
            ) from None


def max_chars(settings: dict) -> int:
    """Read the longest text a request may send, refusing a malformed setting."""
    value = int(str(settings["ANALYSIS_MAX_CHARS"]))
    if value < 1:
        raise ValueError("CLAIMS_ANALYSIS_MAX_CHARS must be a whole number above 0")
    return value


def check_length(text: str, limit: int, what: str = "A text to analyse") -> None:
    """Refuse a text over `limit` characters with a 413 naming both lengths."""
    if len(text) > limit:
        # The work grows with the text: a page's markup is cheap, its words are not,
        # and a request must end well inside a worker's timeout.
        raise PayloadTooLarge(
            f"{what} may have at most {limit} characters; this one has {len(text)}."
        )


def text_and_metadata(submitted: dict) -> tuple[str, dict]:
    """Return the text to analyse and its metadata; a page's as `claims add` extracts them,
    what the request says overriding what the page says."""
    from service.corpus.add import METADATA_KEYS
    from service.corpus.extract import extract_article

    given = {key: submitted[key] for key in METADATA_KEYS if submitted.get(key)}
    if "text" in submitted:
        return submitted["text"], given
    article = extract_article(submitted["html"].encode("utf-8"), given.get("url"))
    if article is None:
        raise UnanalysableText("No article text was found in the page.")
    found = {key: getattr(article, key) for key in METADATA_KEYS if getattr(article, key)}
    metadata = {**found, **given}
    if article.links:
        metadata["links"] = [asdict(link) for link in article.links]
    return article.text, metadata


def document_id(submitted: dict, metadata: dict, text: str) -> str:
    """Name the document as `claims add` would: its `id`, else a slug of its title; a text
    with neither (which `claims add` refuses) by its first line."""
    first_line = text.strip().split("\n", 1)[0]
    return (
        submitted.get("id")
        or slugify(metadata.get("title") or "")
        or slugify(first_line)
        or UNTITLED
    )


def sentence(reason: str) -> str:
    """Write a build's reason ("the text is in ...") as a sentence."""
    return reason[:1].upper() + reason[1:].rstrip(".") + "."
