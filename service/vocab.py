"""The shared vocabulary: kinds, statuses, labels and identifier patterns.

The build checks its inputs and the API checks its requests against these same
names and patterns, so that whatever the build accepts the API can serve. Every
pattern is anchored at both ends: use it with `.match`.
"""

import hashlib
import re

PARAGRAPH_KINDS = ("breadcrumb", "title", "standfirst", "byline", "heading", "body", "author_bio")
# The kinds the reader shows users' notes on; a note on any other kind is refused.
NOTED_KINDS = ("standfirst", "body", "author_bio")
ENTITY_LABELS = ("PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "LAW")
TEMPORAL_TYPES = ("DATE", "TIME", "DURATION", "SET")
CLAIM_STATUSES = ("attributed", "vague", "linked", "unsourced")
CLAIM_KINDS = ("event", "statement", "quantity", "assessment", "prediction")
CLAIM_ORIGINS = ("curated", "machine")
RELATION_TYPES = ("contradicts", "supports")
SOURCE_TYPES = (
    "news_agency",
    "government",
    "official",
    "ngo",
    "court",
    "anonymous",
    "group",
    "author",
    "media",
    "unknown",
)
MOTIVATIONS = ("identifying", "tagging", "assessing", "linking")
# Every motivation of the W3C model: what a user annotation may say it is for.
W3C_MOTIVATIONS = (
    "assessing",
    "bookmarking",
    "classifying",
    "commenting",
    "describing",
    "editing",
    "highlighting",
    "identifying",
    "linking",
    "moderating",
    "questioning",
    "replying",
    "tagging",
)
WEB_ANNOTATION_CONTEXT = "http://www.w3.org/ns/anno.jsonld"

_SLUG = r"[a-z0-9][a-z0-9-]"
DOCUMENT_ID = re.compile(r"[a-z0-9][a-z0-9._-]{0,199}\Z")
PARAGRAPH_ID = re.compile(r"p-[0-9a-f]{12}\Z")
DATE_ID = re.compile(r"t-[0-9a-f]{12}\Z")
ANNOTATION_ID = re.compile(r"a-[0-9a-f]{12}\Z")
ENTITY_ID = re.compile(_SLUG + r"{0,199}\Z")
SOURCE_ID = re.compile(_SLUG + r"{0,199}\Z")
CLAIM_ID = re.compile(r"(?:m-[0-9a-f]{12}|" + _SLUG + r"{0,99})\Z")
CONTEST_ID = re.compile(_SLUG + r"{0,99}\Z")
# A publication date as precise as it is known: YYYY, YYYY-MM or YYYY-MM-DD; no calendar
# has a year 0.
PUBLISHED = re.compile(r"(?!0000)\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?\Z")


def hex_id(prefix: str, seed: str) -> str:
    """Derive an identifier: a prefix and 12 hex digits of the seed's SHA-256."""
    return f"{prefix}-{hashlib.sha256(seed.encode()).hexdigest()[:12]}"


def slugify(text: str, limit: int | None = 60) -> str:
    """Lower-case words joined by hyphens, for ids made from names."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:limit].strip("-")
