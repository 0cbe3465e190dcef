"""Claims of different documents that report the same thing, or contradict each other.

Each claim is reduced to a small signature (its words, figures, entities, sources,
whether it denies) as its document is written; after the last document, claims are
paired. Pairing is blocked, never quadratic: two claims are compared only when they
share a rare key (a canonical entity or an uncommon word), keys shared by more than
MAX_BLOCK claims are skipped, and each claim is compared with at most CANDIDATES others.
"""

import heapq
from bisect import bisect_right
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from service.pipeline.claims.judge import CrossRelation, explained, judge
from service.pipeline.claims.signature import (
    Period,
    Signature,
    claim_years,
    published_period,
    signature,
)

MAX_BLOCK = 400  # claims sharing one key; a key shared by more tells nothing apart
CANDIDATES = 25  # other claims compared with each claim, those sharing most keys first
SCAN = 1000  # later claims a claim's keys may bring up in all, its rarest keys first
SHORTLIST = 2 * CANDIDATES  # of which one story may promote a claim into the candidates
MIN_SHARED = 2  # keys two claims must share to be compared at all
KEEP = 5  # relations of each type kept per claim, the best scored
# Two documents tell one story when they share this many canonical entities, and this
# share of the fewer's, and were published this many days apart at most.
STORY_ENTITIES, STORY_SHARE, STORY_DAYS = 3, 0.2, 31
# Or this many people and bodies (not places) in common, published this many days apart.
CLOSE_NAMED, CLOSE_DAYS = 2, 3
# The label a model entity's id ends with; a gazetteer's ids carry none, so its people and
# bodies count only towards the many entities in common.
NAMED_SUFFIXES = ("-person", "-org")


@dataclass
class Pairing:
    """Signatures gathered document by document, paired once all are in."""

    signatures: list[Signature] = field(default_factory=list)
    # Each document's canonical entities and publication period, to tell stories apart.
    stories: dict[str, tuple[frozenset[str], Period | None]] = field(default_factory=dict)
    _story_cache: dict[tuple[str, str], bool] = field(default_factory=dict, repr=False)

    def add(self, signature: Signature) -> None:
        """Keep one claim's signature."""
        if signature.words:
            self.signatures.append(signature)

    def add_document(self, document, entities: dict[str, list[str]], sources) -> list[Signature]:
        """Keep the signatures of one assembled document's claims, given the entities
        each claim mentions; return those kept."""
        kept = len(self.signatures)
        authors = {
            s for claim in document.claims for s in claim.sources if sources[s].type == "author"
        }
        mentioned = {m.entity_id for a in document.build.analyses for m in a.mentions}
        published = published_period(document.build.doc.metadata)
        self.stories[document.id] = (frozenset(mentioned), published)
        dates = defaultdict(list)
        for record in document.dates:
            dates[record.paragraph_id].append(record.expression)
        for claim in document.claims:
            names = {s: frozenset(sources[s].name.lower().split()) for s in claim.sources}
            years = claim_years(claim, dates[claim.paragraph_id], published)
            self.add(signature(claim, set(entities[claim.id]), authors, names, years))
        return self.signatures[kept:]

    def relations(self) -> list[CrossRelation]:
        """Pair every claim with the claims of other documents it supports or contradicts."""
        keys = [sorted(_keys(claim)) for claim in self.signatures]  # sorted: ties fall alike
        postings: dict[str, list[int]] = defaultdict(list)
        for index, claim_keys in enumerate(keys):
            for key in claim_keys:
                postings[key].append(index)
        documents = [claim.document_id for claim in self.signatures]
        found: dict[tuple[str, str], CrossRelation] = {}
        for index, claim in enumerate(self.signatures):
            for other_index, story in self._candidates(index, keys[index], postings, documents):
                other = self.signatures[other_index]
                low, high = sorted((claim.claim_id, other.claim_id))
                if (low, high) not in found:
                    relation = judge(claim, other, story)
                    if relation is not None:
                        found[low, high] = relation
        by_id = {claim.claim_id: claim for claim in self.signatures}
        return [
            explained(r, by_id[r.claim_id], by_id[r.other_id])
            for r in best_relations(found.values())
        ]

    def same_story(self, one: str, other: str) -> bool:
        """Tell two documents that tell one story (see one_story)."""
        key = (one, other) if one < other else (other, one)
        if key not in self._story_cache:
            self._story_cache[key] = one_story(self.stories.get(one), self.stories.get(other))
        return self._story_cache[key]

    def _candidates(self, index: int, keys, postings, documents) -> list[tuple[int, bool]]:
        """Return the claims after this one, of other documents, sharing most keys with it
        (one story counts as a key in common), each with whether it is of one story.

        Stories are looked up for a shortlist only, so that a claim sharing a common word
        with thousands of documents does not ask after each of them.
        """
        shared: Counter = Counter()
        scanned = 0
        # The rarest keys first, and no more than SCAN claims in all: rare keys tell most,
        # and a claim's work stays bounded however common its words are.
        for key in sorted(keys, key=lambda key: (len(postings[key]), key)):
            block = postings[key]
            if len(block) > MAX_BLOCK or scanned >= SCAN:
                break
            later = block[bisect_right(block, index) :]  # postings are in claim order
            shared.update(later)
            scanned += len(later)
        mine = documents[index]
        ranked = [(-count, other) for other, count in shared.items() if documents[other] != mine]
        stories, scored = {}, []
        for count, other in heapq.nsmallest(SHORTLIST, ranked):
            document = documents[other]
            if document not in stories:
                stories[document] = self.same_story(mine, document)
            scored.append((count - stories[document], other))
        best = heapq.nsmallest(CANDIDATES, scored)
        return [(other, stories[documents[other]]) for count, other in best if -count >= MIN_SHARED]


def one_story(one, other) -> bool:
    """Tell two documents' (entities, publication period) apart as one story or two: many
    entities in common within weeks, or two people or bodies in common within days (a
    study's author and her school, in two reports of it the same day)."""
    if one is None or other is None:
        return False
    (mine, my_period), (theirs, their_period) = one, other
    common = mine & theirs
    shared = len(common)
    named = sum(1 for e in common if e.endswith(NAMED_SUFFIXES))  # not places
    if my_period is None or their_period is None:
        gap = None
    else:
        gap = (max(my_period[0], their_period[0]) - min(my_period[1], their_period[1])).days
    if named >= CLOSE_NAMED and gap is not None and gap <= CLOSE_DAYS:
        return True
    if shared < STORY_ENTITIES or shared < STORY_SHARE * min(len(mine), len(theirs)):
        return False
    return gap is None or gap <= STORY_DAYS  # negative when the periods overlap


def _keys(claim: Signature) -> set[str]:
    """The keys a claim is found by: its entities, its sources, its words and what its
    figures count."""
    return (
        {f"e:{e}" for e in claim.entities}
        | {f"s:{s}" for s in claim.sources}
        | {f"n:{word}" for name in claim.source_names for word in name}
        | {f"w:{w}" for w in claim.words}
        | {f"u:{unit}" for _, unit in claim.figures if unit}
    )


def best_relations(relations) -> list[CrossRelation]:
    """Keep each claim's best relations of each type, so no claim is linked to dozens."""
    by_claim: dict[tuple[str, str], list[CrossRelation]] = defaultdict(list)
    for relation in relations:
        by_claim[(relation.claim_id, relation.type)].append(relation)
        by_claim[(relation.other_id, relation.type)].append(relation)
    kept = set()
    for ranked in by_claim.values():
        ranked.sort(key=lambda r: (-r.score, r.claim_id, r.other_id))
        kept.update(ranked[:KEEP])
    both = [
        r for r in kept if all(r in by_claim[(c, r.type)][:KEEP] for c in (r.claim_id, r.other_id))
    ]
    return sorted(both, key=lambda r: (r.claim_id, r.other_id))
