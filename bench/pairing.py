"""Time cross-document pairing alone as the corpus grows, per claim, in one run.

Synthetic claims, 20 a document, each of 8 words drawn from a vocabulary of 3,000 and
one of 7 entities; every document tells one story with every other (the worst case for
candidates). Pairing is bounded, not quadratic: a key shared by more than MAX_BLOCK
claims is skipped and each claim meets at most CANDIDATES others, so the time per claim
levels off once the commonest keys reach MAX_BLOCK claims.
"""

import argparse
import random
import sys
import time
from datetime import date

from service.pipeline.claims import across
from service.pipeline.claims.across import Pairing
from service.pipeline.claims.signature import Signature

CLAIMS_PER_DOCUMENT, WORDS, VOCABULARY, ENTITIES = 20, 8, 3000, 7


def corpus(documents: int, seed: int = 3) -> Pairing:
    """Return a pairing holding a synthetic corpus of so many documents."""
    rng = random.Random(seed)
    vocabulary = [f"w{n}" for n in range(VOCABULARY)]
    pairing = Pairing()
    day = (date(2024, 1, 1), date(2024, 1, 1))
    for d in range(documents):
        entity = f"e{d % ENTITIES}"
        pairing.stories[f"d{d}"] = (frozenset({"a", "b", "c", entity}), day)
        for c in range(CLAIMS_PER_DOCUMENT):
            words = rng.sample(vocabulary, WORDS)
            pairing.add(Signature(f"c{d}-{c}", f"d{d}", frozenset(), frozenset({entity}),
                                  frozenset(words), " ".join(words), (), False))  # fmt: skip
    return pairing


def main() -> int:
    """Time pairing at each size and print the time per claim against the smallest."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="250,500,1000,2000", help="documents per corpus")
    args = parser.parse_args()
    print(f"{'docs':>6} {'claims':>7} {'seconds':>8} {'ms/claim':>9} {'of smallest':>12}"
          f" {'judged/claim':>13} {'relations':>10}")  # fmt: skip
    judged, judge = [0], across.judge

    def counted(*args):
        judged[0] += 1
        return judge(*args)

    across.judge = counted  # count the comparisons, the work each claim is bounded by
    first = None
    for documents in (int(n) for n in args.sizes.split(",")):
        pairing, judged[0] = corpus(documents), 0
        started = time.perf_counter()
        relations = pairing.relations()
        seconds = time.perf_counter() - started
        claims = len(pairing.signatures)
        per_claim = 1000 * seconds / claims
        first = first or per_claim
        print(
            f"{documents:>6} {claims:>7} {seconds:>8.2f} {per_claim:>9.3f}"
            f" {per_claim / first:>11.2f}x {judged[0] / claims:>13.1f} {len(relations):>10}"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
