"""Turn what a user types into a safe FTS5 query, and find where it matched."""

import re
import unicodedata
from dataclasses import dataclass

from service.serve.errors import InvalidParameters

MAX_LENGTH = 300
# Each word is a doclist FTS5 reads and intersects, and each prefix* merges the doclists
# of every indexed word it starts: these bound the work one query can ask for.
MAX_WORDS = 10
MAX_PREFIXES = 3
MIN_PREFIX = 3
# A word: letters and digits, with inner apostrophes or hyphens ("Russia’s", "Nagorno-Karabakh").
WORD = r"[^\W_](?:[^\W_]|['’-](?=[^\W_]))*"
PIECE = re.compile(rf'"(?P<phrase>[^"]*)"|(?P<word>{WORD})(?P<star>\*)?', re.UNICODE)
WORD_RE = re.compile(WORD, re.UNICODE)

# Put around each match by FTS5's highlight(): control characters no text contains.
MARKS = ("\x02", "\x03")


@dataclass(frozen=True)
class Term:
    """One thing to find: a word, a word prefix, or a phrase of words."""

    words: tuple[str, ...]
    prefix: bool = False

    def fts(self) -> str:
        """Write the term as an FTS5 string: quoted, so nothing in it is syntax."""
        return '"' + " ".join(self.words) + '"' + ("*" if self.prefix else "")


def parse(query: str) -> list[Term]:
    """Read a user's query: words ANDed, "quoted phrases", prefix*; or explain the 400."""
    problem = _problem(query)
    if problem:
        raise InvalidParameters(f"The search query cannot be used: {problem}.", {"q": [problem]})
    terms = []
    for match in PIECE.finditer(query):
        if match["word"]:
            terms.append(Term((match["word"],), prefix=bool(match["star"])))
        else:
            words = tuple(WORD_RE.findall(match["phrase"] or ""))
            if words:
                terms.append(Term(words))
    problem = "no words to search for; use letters or digits" if not terms else _excess(terms)
    if problem:
        raise InvalidParameters(f"The search query cannot be used: {problem}.", {"q": [problem]})
    return terms


def _problem(query: str) -> str | None:
    """Say what makes a query unusable before parsing it, if anything."""
    if not query.strip():
        return "the query is empty"
    if len(query) > MAX_LENGTH:
        return f"the query is longer than {MAX_LENGTH} characters"
    if query.count('"') % 2:
        return 'a quotation mark (") is not closed'
    return None


def _excess(terms: list[Term]) -> str | None:
    """Say which bound on a query's work the parsed terms break, if any."""
    prefixes = [term.words[0] for term in terms if term.prefix]
    folded = [(tuple(_fold(word) for word in term.words), term.prefix) for term in terms]
    if sum(len(term.words) for term in terms) > MAX_WORDS:
        return f"more than {MAX_WORDS} words"
    if len(prefixes) > MAX_PREFIXES:
        return f"more than {MAX_PREFIXES} prefix terms (word*)"
    if any(len(prefix) < MIN_PREFIX for prefix in prefixes):
        return f"a prefix term (word*) has fewer than {MIN_PREFIX} characters before the *"
    if len(set(folded)) < len(folded):
        return "a term is repeated"
    return None


def _fold(word: str) -> str:
    """Fold case and diacritics as the index's tokenizer does, so repeats are seen."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fts_query(terms: list[Term]) -> str:
    """Join terms into one FTS5 query; FTS5 ANDs them."""
    return " ".join(term.fts() for term in terms)


def unmark(marked: str) -> tuple[str, list[dict]]:
    """Split text FTS5 highlighted with MARKS into the plain text and the spans it marked."""
    opening, closing = MARKS
    text, found, start = [], [], None
    length = 0
    for piece in re.split(f"([{opening}{closing}])", marked):
        if piece == opening:
            start = length
        elif piece == closing and start is not None:
            found.append((start, length))
            start = None
        else:
            text.append(piece)
            length += len(piece)
    plain = "".join(text)
    return plain, [{"start": s, "end": e, "text": plain[s:e]} for s, e in found]


def snippet(text: str, found: list[dict], width: int = 80) -> str:
    """Cut the text around its first match, at word boundaries."""
    if not found or len(text) <= 2 * width:
        return text if len(text) <= 2 * width else text[: 2 * width].rsplit(" ", 1)[0] + " …"
    start = max(0, found[0]["start"] - width)
    end = min(len(text), found[0]["end"] + width)
    if start > 0:
        start = text.find(" ", start) + 1 or start
    if end < len(text):
        end = text.rfind(" ", 0, end) if text.rfind(" ", 0, end) > found[0]["end"] else end
    return ("… " if start > 0 else "") + text[start:end] + (" …" if end < len(text) else "")
