"""The W3C's own conformance validator for Web Annotations, shipped beside its schemas."""

import importlib.util

from tests.support.corpus import ROOT

W3C = ROOT / "tests" / "data" / "w3c-annotation-model"


def load_validator():
    """Load the W3C conformance validator shipped with the schemas (MUST and SHOULD checks)."""
    spec = importlib.util.spec_from_file_location("w3c_validate", W3C / "validate.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module, module.Checker(W3C / "definitions")
