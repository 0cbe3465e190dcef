"""The NLP layer scored on the article's hand-read gold file and its curated claims."""

import pytest

from service.evaluation.article import evaluate, evaluate_attributions
from tests.support.corpus import DOC_ID, MODEL, ROOT

# The evaluation loads the model itself and runs it over the whole article.
pytestmark = pytest.mark.slow


def test_pipeline_meets_the_accuracy_targets_on_the_gold_file():
    result = evaluate(
        ROOT / "tests/data/lachin-gold.yaml", ROOT / "source_text", ROOT / "annotations", MODEL
    )
    assert result.mentions.f1 >= 0.95
    assert result.links_correct == result.links_matched
    assert result.date_values_correct == result.date_values_gold == 36
    assert result.bare_mentions.f1 < result.mentions.f1


def test_detector_meets_its_targets_on_the_article():
    result = evaluate_attributions(DOC_ID, ROOT / "source_text", ROOT / "annotations", MODEL)
    assert result.cues.recall >= 0.8 and result.cues.precision >= 0.7
    assert result.sources.recall >= 0.8
    assert result.cues.gold == 18
