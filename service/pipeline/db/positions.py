"""Where each document's paragraphs stand in the corpus's reading order (`seq`).

Documents are read in id order, and a document's paragraphs take consecutive positions
from its first. A build leaves a wide gap between one document's first position and the
next's, so that a document published in place later finds room between its neighbours
without moving a row of theirs.
"""

DOCUMENT_SPAN = 1 << 32  # from one document's first position to the next's, in a build
STEP = 1 << 24  # past its predecessor's last position, where a document published later starts


def first_position(ordinal: int) -> int:
    """Return where a build puts the first paragraph of its ordinal-th document."""
    return (ordinal + 1) * DOCUMENT_SPAN


def position_between(db, document_id: str, paragraphs: int) -> int | None:
    """Return where a document published in place starts, between the documents before and
    after it by id; None when the gap between them is used up (a build makes room again)."""
    before = db.execute(
        "SELECT seq FROM paragraphs WHERE document_id < ? ORDER BY document_id DESC, seq DESC"
        " LIMIT 1",
        [document_id],
    ).fetchone()
    after = db.execute(
        "SELECT seq FROM paragraphs WHERE document_id > ? ORDER BY document_id, seq LIMIT 1",
        [document_id],
    ).fetchone()
    last = before[0] if before else 0
    if after is None:
        return (last // DOCUMENT_SPAN + 1) * DOCUMENT_SPAN  # the last document: as a build would
    room = after[0] - last - 1 - paragraphs  # free positions left around the document
    if room < 0:
        return None
    # Half the gap at most, so that the next document published here finds room too.
    return last + 1 + min(STEP, room // 2)
