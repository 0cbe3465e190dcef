"""Bounds on what one annotation may hold, checked before the costly W3C validation."""

from service.serve.errors import InvalidAnnotation, MalformedBody, PayloadTooLarge

MAX_BODIES = 100  # bodies an annotation may have, the items of a Choice or set included
MAX_TARGETS = 100  # targets likewise; each target on this service costs a database read
MAX_NOTE_BYTES = 64 * 1024  # UTF-8 bytes of one body's text (`value`, or `bodyValue`)
MAX_DEPTH = 32  # nesting of objects and lists; real annotations stay under ten
NAMES = {"body": "bodies", "target": "targets"}


def check_shape(value) -> None:
    """Refuse, with a 400, JSON nested too deep or holding text UTF-8 cannot encode."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            _check_text(item)
            continue
        if not isinstance(item, dict | list):
            continue
        if depth > MAX_DEPTH:
            raise MalformedBody(
                f"The body is nested more than {MAX_DEPTH} levels deep.",
                errors={"body": [f"Nest objects and lists at most {MAX_DEPTH} deep."]},
            )
        members = [*item.keys(), *item.values()] if isinstance(item, dict) else item
        stack.extend((member, depth + 1) for member in members)


def _check_text(text: str) -> None:
    """Refuse a string with a lone surrogate, which JSON can escape and UTF-8 cannot hold."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise MalformedBody(
            "The body holds a lone surrogate (such as \\ud800), which is not Unicode text.",
            errors={"body": ["Not valid Unicode text."]},
        ) from None


def check_bounds(annotation: dict) -> None:
    """Refuse too many bodies or targets (422), or a body's text too long (413)."""
    _check_counts(annotation)
    _check_note_sizes(annotation)


def _check_counts(annotation: dict) -> None:
    """Refuse more bodies or targets than an annotation may have, naming which."""
    problems = {}
    for key, limit in (("body", MAX_BODIES), ("target", MAX_TARGETS)):
        if len(members(annotation.get(key), limit + 1)) > limit:
            problems[key] = [f"At most {limit} {NAMES[key]}."]
    if problems:
        raise InvalidAnnotation("The annotation has too many bodies or targets.", errors=problems)


def _check_note_sizes(annotation: dict) -> None:
    """Refuse a body whose text is longer than one note may be."""
    texts = [annotation.get("bodyValue")]
    texts += [b.get("value") for b in members(annotation.get("body")) if isinstance(b, dict)]
    for text in texts:
        if isinstance(text, str) and len(text.encode("utf-8")) > MAX_NOTE_BYTES:
            raise PayloadTooLarge(
                f"A body's text may take at most {MAX_NOTE_BYTES} bytes (64 KiB) as UTF-8."
            )


def members(value, enough: int | None = None) -> list:
    """List the resources a body or target holds, through lists and the `items` of sets.

    With `enough`, stop once that many are found: a count past a limit needs no more.
    """
    found: list = []
    stack = [] if value is None else [value]
    while stack and (enough is None or len(found) < enough):
        item = stack.pop()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict) and isinstance(item.get("items"), list):
            stack.extend(reversed(item["items"]))
        else:
            found.append(item)
    return found
