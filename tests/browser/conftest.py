"""The browser the reader's browser tests share."""

import pytest

from tests.support import chromium


@pytest.fixture(scope="module")
def browser():
    """One headless Chromium for the module, closed after its last test."""
    yield from chromium.launched()
