"""The test suite, grouped by the part of the service each folder tests."""
