"""Which documents a listing keeps: by id, by outlet and by publication date.

Claims, paragraphs, dates and contests take the same arguments. `document` and
`publisher` may repeat (any of them); `published_from` and `published_to` take a year,
a month or a day. A publication date known only to its month or year, as an inferred
one is, counts by its bounds: "2023-10" is within `published_from=2023-10-15`.
"""

import calendar
from datetime import date

from marshmallow import ValidationError, fields, validate

from service.serve.args import (
    ArgsSchema,
    ClaimListArgs,
    ContestListArgs,
    DateListArgs,
    ParagraphListArgs,
)
from service.vocab import PUBLISHED

PERIOD_ERROR = "Not YYYY, YYYY-MM or YYYY-MM-DD."


class PeriodBound(fields.Field):
    """A year, a month or a day, loaded as its first day or as its last."""

    def __init__(self, last: bool, **kwargs):
        super().__init__(**kwargs)
        self.last = last

    def _deserialize(self, value, attr, data, **kwargs) -> date:
        # ASCII digits only: `\d` also reads "٢٠٢٣", which no client means as a year.
        if not isinstance(value, str) or not value.isascii() or not PUBLISHED.match(value):
            raise ValidationError(PERIOD_ERROR)
        parts = [int(part) for part in value.split("-")]
        year, month = parts[0], parts[1] if len(parts) > 1 else (12 if self.last else 1)
        if len(parts) == 3:
            day = parts[2]
        else:
            day = calendar.monthrange(year, month)[1] if self.last else 1
        try:
            return date(year, month, day)
        except ValueError:
            raise ValidationError("Not a day of the calendar.") from None


class DocumentChoiceArgs(ArgsSchema):
    """The arguments that choose documents, shared by the listings of their contents."""

    document = fields.List(fields.String(validate=validate.Length(min=1, max=200)))
    publisher = fields.List(fields.String(validate=validate.Length(min=1, max=500)))
    # A period that ends before it starts keeps nothing, as `from` and `to` of dates do.
    published_from = PeriodBound(last=False)
    published_to = PeriodBound(last=True)


# Each listing's own arguments with the choice of documents. The choice's `document`, a
# list, replaces the listing's single one on purpose (marshmallow takes the first base's
# field), which mypy reads as a conflict between the bases.
class ClaimArgs(DocumentChoiceArgs, ClaimListArgs):  # type: ignore[misc]
    """Arguments of /v1/claims."""


class ParagraphArgs(DocumentChoiceArgs, ParagraphListArgs):  # type: ignore[misc]
    """Arguments of /v1/paragraphs."""


class DateArgs(DocumentChoiceArgs, DateListArgs):  # type: ignore[misc]
    """Arguments of /v1/dates."""


class ContestArgs(DocumentChoiceArgs, ContestListArgs):  # type: ignore[misc]
    """Arguments of /v1/contests."""


def choice_of(args: dict) -> dict:
    """Return the arguments that choose documents, as the store's filters name them."""
    names = ("document", "publisher", "published_from", "published_to")
    return {name: args.get(name) for name in names}
