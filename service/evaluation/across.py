"""Score cross-document relations against gold: supports and contradicts between texts.

A folder's `cross-document.pairs.yaml` lists, by each text's gold claim ids, the pairs
of claims of different texts that support or contradict each other. Predicted claims
stand for the gold claims they cover (as in the claims evaluation); a predicted
relation is right when it links two claims standing for a gold pair of its type.
"""

import tempfile
from pathlib import Path

import yaml

from service.evaluation.claims import Placed, covering, gold_claims, machine_document, place
from service.evaluation.scores import Rates
from service.pipeline.claims.across import Pairing
from service.pipeline.claims.sources import SourceRegistry
from service.pipeline.db.claim_rows import claim_entities

PAIRS_FILE = "cross-document.pairs.yaml"
TYPES = ("supports", "contradicts")


def gold_pairs(files: list[Path]) -> dict[str, set[frozenset]]:
    """Read gold pairs: each a frozenset of (document, gold claim id)."""
    pairs: dict[str, set[frozenset]] = {kind: set() for kind in TYPES}
    for path in files:
        for pair in yaml.safe_load(path.read_text(encoding="utf-8"))["pairs"]:
            ends = [(pair[side]["document"], pair[side]["claim"]) for side in ("a", "b")]
            pairs[pair["relation"]].add(frozenset(ends))
    return pairs


def predict(texts: Path, documents: list[str], pipeline, gazetteer):
    """Build the documents' machine claims with one source registry; pair them across texts.

    Returns the relations found and, per document, its claims placed in the text.
    """
    sources, pairing, placed = SourceRegistry([]), Pairing(), {}
    with tempfile.TemporaryDirectory() as annotations:
        for document in documents:
            build, assembled = machine_document(
                texts / f"{document}.txt", pipeline, gazetteer, sources, Path(annotations)
            )
            pairing.add_document(assembled, claim_entities(build, assembled.claims), sources)
            starts = {build.ids[p.ordinal]: p.start for p in build.paragraphs}
            placed[document] = [
                place(claim, starts[claim.paragraph_id], set()) for claim in assembled.claims
            ]
    return pairing.relations(), placed


def stand_ins(
    folder: Path, texts: Path, document: str, placed: list[Placed]
) -> dict[str, set[str]]:
    """Map each predicted claim of a text to the gold claims it stands for."""
    gold = yaml.safe_load((folder / f"{document}.gold.yaml").read_text(encoding="utf-8"))
    source = (texts / f"{document}.txt").read_text(encoding="utf-8")
    result: dict[str, set[str]] = {}
    for gold_id, claim in covering(gold_claims(gold, source), placed).items():
        result.setdefault(claim.id, set()).add(gold_id)
    return result


def across_scores(
    folder: Path,
    pipeline,
    gazetteer,
    texts: Path | None = None,
    pair_files: list[Path] | None = None,
) -> dict[str, Rates]:
    """Precision and recall of each relation type over a folder's pairs of texts (their
    texts beside the gold, or in `texts`; the pairs in `cross-document.pairs.yaml`, or
    in `pair_files`)."""
    texts = texts or folder
    gold = gold_pairs(pair_files if pair_files is not None else [folder / PAIRS_FILE])
    documents = sorted({doc for pairs in gold.values() for pair in pairs for doc, _ in pair})
    relations, placed = predict(texts, documents, pipeline, gazetteer)
    stands = {}
    for document in documents:
        for claim_id, gold_ids in stand_ins(folder, texts, document, placed[document]).items():
            stands[claim_id] = {(document, gold_id) for gold_id in gold_ids}
    scores = {}
    for kind in TYPES:
        predicted = [r for r in relations if r.type == kind]
        linked = {
            frozenset((a, b))
            for r in predicted
            for a in stands.get(r.claim_id, ())
            for b in stands.get(r.other_id, ())
        }
        right = sum(
            any(
                frozenset((a, b)) in gold[kind]
                for a in stands.get(r.claim_id, ())
                for b in stands.get(r.other_id, ())
            )
            for r in predicted
        )
        found = len(gold[kind] & linked)
        scores[kind] = Rates(right, len(predicted), found, len(gold[kind]))
    return scores
