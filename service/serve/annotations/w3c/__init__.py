"""The W3C Web Annotation Data Model, checked offline against its conformance schemas."""
