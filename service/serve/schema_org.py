"""Claims as schema.org JSON-LD, the vocabulary fact-checking tools read.

A claim is a `Claim`: its proposition as `text`, its sources as `author`, the document
it appears in as `appearance` and `firstAppearance` (with the passage, whose `url` opens
the original page at the quote), and that document's publication date. A contested
claim carries the contest as a `ClaimReview` under `review`: the question, the other
side's claims as `citation`, and no `reviewRating`, since the service rates no claim.
"""

import json

from flask import request

SCHEMA_ORG = "https://schema.org"
LINKED_DATA = "application/ld+json"
# Source types that stand for one person; the rest are bodies of people.
PERSON_TYPES = frozenset({"official", "author", "anonymous"})
NO_RATING = "The sources disagree; this notes the dispute and rates neither account."


def wants_linked_data() -> bool:
    """Tell whether the request's Accept prefers JSON-LD to plain JSON."""
    best = request.accept_mimetypes.best_match(["application/json", LINKED_DATA])
    return best == LINKED_DATA


class ClaimDescriber:
    """Describe claims in schema.org terms, reading each document and contest once."""

    def __init__(self, store, origin: str):
        self.store, self.origin = store, origin
        self._documents: dict[str, dict | None] = {}
        self._contests: dict[str, dict | None] = {}

    def claim(self, claim: dict, with_review: bool = True) -> dict:
        """Return a claim as a schema.org Claim."""
        document = self._document(claim["document_id"])
        node: dict = {
            "@type": "Claim",
            "@id": self._iri("claims", claim["id"]),
            "identifier": claim["id"],
            "text": claim["proposition"],
            "author": [self._author(source) for source in claim["sourcing"]["sources"]],
        }
        if document and document["published"]:
            node["datePublished"] = document["published"]
        # The one document a claim is found in is where it first appeared, as far as we know.
        node["appearance"] = node["firstAppearance"] = self._appearance(claim, document)
        review = self._review(claim) if with_review and claim.get("contest_id") else None
        if review is not None:
            node["review"] = [review]
        return node

    def _appearance(self, claim: dict, document: dict | None) -> dict:
        """Return the document a claim is in, with the passage that holds its words."""
        work: dict = {
            "@type": "Article",
            "@id": self._iri("documents", claim["document_id"]),
            "identifier": claim["document_id"],
        }
        if document:
            for field, value in (("headline", document["title"]), ("url", document["url"])):
                if value:
                    work[field] = value
            if document["publisher"]:
                work["publisher"] = {"@type": "Organization", "name": document["publisher"]}
            if document["published"]:
                work["datePublished"] = document["published"]
        passage: dict = {"@type": "CreativeWork", "text": claim["quote"]}
        if claim.get("fragment_url"):
            passage["url"] = claim["fragment_url"]
        work["hasPart"] = passage
        return work

    def _author(self, source: dict) -> dict:
        """Return a claim's source as a Person or an Organization."""
        return {
            "@type": "Person" if source["type"] in PERSON_TYPES else "Organization",
            "@id": self._iri("sources", source["id"]),
            "identifier": source["id"],
            "name": source["name"],
        }

    def _review(self, claim: dict) -> dict | None:
        """Return the contest a claim is part of as a ClaimReview without a rating."""
        contest = self._contest(claim["contest_id"])
        if contest is None:
            return None
        others = [
            side
            for side in contest["sides"]
            if all(other["id"] != claim["id"] for other in side["claims"])
        ]
        disputes = [
            f"{side['label']}: “{other['proposition'].rstrip('.')}”"
            for side in others
            for other in side["claims"]
        ]
        return {
            "@type": "ClaimReview",
            "@id": self._iri("contests", contest["id"]),
            "name": contest["question"],
            "claimReviewed": claim["proposition"],
            "itemReviewed": {"@id": self._iri("claims", claim["id"])},
            "reviewBody": " ".join([NO_RATING, *(f"{line}." for line in disputes)]),
            "citation": [
                self.claim(other, with_review=False) for side in others for other in side["claims"]
            ],
        }

    def _document(self, document_id: str) -> dict | None:
        """Return a document's metadata, read once."""
        if document_id not in self._documents:
            self._documents[document_id] = self.store.get_document(document_id)
        return self._documents[document_id]

    def _contest(self, contest_id: str) -> dict | None:
        """Return a contest, read once."""
        if contest_id not in self._contests:
            found = self.store.contest_json(contest_id)
            self._contests[contest_id] = None if found is None else json.loads(found)
        return self._contests[contest_id]

    def _iri(self, collection: str, id: str) -> str:
        """Return the absolute IRI of one of this server's resources."""
        return f"{self.origin}/v1/{collection}/{id}"
