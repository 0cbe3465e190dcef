"""What the build side's tests of the spaCy layer share."""

import pytest

from tests.support.corpus import ROOT


@pytest.fixture(scope="session")
def nlp(spacy_pipeline):
    """The model without a gazetteer, and the empty gazetteer."""
    return spacy_pipeline(ROOT / "nowhere")
