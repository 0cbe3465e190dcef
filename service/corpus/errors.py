"""The one error `claims add` and `claims remove` stop with: a line for stderr."""


class CorpusError(Exception):
    """Bad input for adding or removing a document; nothing has been written."""
