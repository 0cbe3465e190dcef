"""Consistency checks: stated durations and offsets against the dates the text gives."""

from service.pipeline.records import Expression


def consistency_checks(
    expressions: list[Expression], sentences: dict[int, list[tuple[int, int]]]
) -> list[dict]:
    """Check stated durations and offsets against the dates the text gives for them."""
    checks = []
    for position, expression in enumerate(expressions):
        if (
            expression.type == "DURATION"
            and expression.rule == "duration"
            and expression.mod is None
        ):
            check = _duration_check(position, expressions, sentences)
            if check:
                checks.append(check)
        if (
            expression.rule == "offset"
            and isinstance(expression.anchor, int)
            and expression.earliest
        ):
            checks.append(_offset_check(position, expressions))
    return checks


def sentence_of(expression: Expression, sentences) -> tuple[int, int]:
    """Return the sentence span that holds an expression."""
    for start, end in sentences.get(expression.paragraph, []):
        if start <= expression.start < end:
            return start, end
    return expression.start, expression.end


def _duration_check(position, expressions, sentences) -> dict | None:
    """Check "N days ... ending on D2" against the day the text last named before it."""
    duration = expressions[position]
    if not duration.value.endswith(("D", "W")) or duration.value.startswith("PT"):
        return None
    sentence = sentence_of(duration, sentences)
    end = next(
        (
            i
            for i in range(position + 1, len(expressions))
            if expressions[i].paragraph == duration.paragraph
            and expressions[i].start < sentence[1]
            and expressions[i].day_precise
        ),
        None,
    )
    start = next((i for i in range(position - 1, -1, -1) if expressions[i].day_precise), None)
    if end is None or start is None:
        return None
    amount = int(duration.value[1:-1]) * (7 if duration.value.endswith("W") else 1)
    elapsed = (expressions[end].earliest - expressions[start].earliest).days
    return {
        "kind": "duration",
        "expressions": [start, position, end],
        "stated": duration.value,
        "computed": f"P{elapsed}D",
        "agrees": elapsed == amount,
        "detail": (
            f"{expressions[start].text} ({expressions[start].value}) to {expressions[end].text} "
            f"({expressions[end].value}) is {elapsed} days; the text says {duration.text}."
        ),
    }


def _independent_date(expression: Expression) -> bool:
    """Tell a date fixed by the text or the time of writing from one counted off another."""
    return (
        expression.type == "DATE"
        and expression.earliest is not None
        and (expression.anchor is None or expression.anchor == "published")
    )


def _offset_check(position, expressions) -> dict:
    """Check that "N days later" lands before the next date the narrative gives."""
    offset = expressions[position]
    anchor = expressions[offset.anchor]
    later = range(position + 1, len(expressions))
    following = next((i for i in later if _independent_date(expressions[i])), None)
    check = {
        "kind": "offset",
        "expressions": [offset.anchor, position] + ([following] if following is not None else []),
        "stated": offset.extra["offset"],
        "computed": offset.value,
        "agrees": None,
        "detail": f"{anchor.text} ({anchor.value}) + {offset.extra['offset']} = {offset.value}",
    }
    if following is not None:
        nxt = expressions[following]
        check["agrees"] = offset.earliest <= nxt.latest
        relation = "before or within" if check["agrees"] else "after"
        check["detail"] += f", {relation} the next date the text gives, {nxt.text} ({nxt.value})."
    else:
        check["detail"] += "; no later date in the text to compare it with."
    return check
