"""Request arguments: what each route accepts, checked by marshmallow into a 400 or values."""

import re
from datetime import date

from marshmallow import RAISE, Schema, ValidationError, fields, validate, validates_schema
from werkzeug.datastructures import MultiDict

from service.serve.errors import InvalidParameters
from service.vocab import (
    CLAIM_KINDS,
    CLAIM_ORIGINS,
    CLAIM_STATUSES,
    DOCUMENT_ID,
    ENTITY_LABELS,
    MOTIVATIONS,
    PARAGRAPH_KINDS,
    PUBLISHED,
    SOURCE_TYPES,
    TEMPORAL_TYPES,
    W3C_MOTIVATIONS,
)

ASCII_INTEGER = re.compile(r"-?[0-9]{1,18}")


class Digits(fields.Integer):
    """An integer written in ASCII digits, as URLs carry them."""

    def _deserialize(self, value, attr, data, **kwargs):
        # int() also reads "٥", "５", "1_0" and " 5 ", which no client means as a number.
        if isinstance(value, str) and not ASCII_INTEGER.fullmatch(value):
            raise self.make_error("invalid")
        return super()._deserialize(value, attr, data, **kwargs)


class ArgsSchema(Schema):
    """Query arguments: unknown names are errors."""

    class Meta:
        """Refuse unknown fields."""

        unknown = RAISE


class ListArgs(ArgsSchema):
    """Arguments every collection takes."""

    limit = Digits(load_default=50, validate=validate.Range(min=1, max=500), strict=False)
    cursor = fields.String(load_default=None, validate=validate.Length(min=1, max=200))
    format = fields.String(load_default="json", validate=validate.OneOf(("json", "csv", "jsonl")))


class DocumentListArgs(ListArgs):
    """Arguments of /v1/documents."""


class ParagraphListArgs(ListArgs):
    """Arguments of /v1/paragraphs."""

    document = fields.String(validate=validate.Length(min=1, max=200))
    kind = fields.String(validate=validate.OneOf(PARAGRAPH_KINDS))
    section = fields.String(validate=validate.Length(min=1, max=500))
    entity = fields.String(validate=validate.Length(min=1, max=200))
    has_claims = fields.Boolean(truthy={"true"}, falsy={"false"})


class ClaimListArgs(ListArgs):
    """Arguments of /v1/claims; `status` may be repeated."""

    document = fields.String(validate=validate.Length(min=1, max=200))
    paragraph = fields.String(validate=validate.Length(min=1, max=200))
    status = fields.List(fields.String(validate=validate.OneOf(CLAIM_STATUSES)))
    contested = fields.Boolean(truthy={"true"}, falsy={"false"})
    corroborated = fields.Boolean(truthy={"true"}, falsy={"false"})
    hedged = fields.Boolean(truthy={"true"}, falsy={"false"})
    kind = fields.String(validate=validate.OneOf(CLAIM_KINDS))
    source = fields.String(validate=validate.Length(min=1, max=200))
    entity = fields.String(validate=validate.Length(min=1, max=200))
    origin = fields.String(validate=validate.OneOf(CLAIM_ORIGINS))


class SourceListArgs(ListArgs):
    """Arguments of /v1/sources."""

    type = fields.String(validate=validate.OneOf(SOURCE_TYPES))


class ContestListArgs(ListArgs):
    """Arguments of /v1/contests."""

    document = fields.String(validate=validate.Length(min=1, max=200))


class ReaderArgs(ArgsSchema):
    """Filters of the reader page."""

    contested = fields.Boolean(truthy={"true"}, falsy={"false"})
    status = fields.String(validate=validate.OneOf(("", *CLAIM_STATUSES)))
    entity = fields.String(validate=validate.Length(max=200))


class NotesArgs(ArgsSchema):
    """Arguments of the reader's pages of one paragraph's notes."""

    page = Digits(load_default=1, validate=validate.Range(min=1, max=10_000_000), strict=False)


class AnnotationListArgs(ListArgs):
    """Arguments of /v1/annotations."""

    document = fields.String(validate=validate.Length(min=1, max=200))
    paragraph = fields.String(validate=validate.Length(min=1, max=200))
    motivation = fields.String(validate=validate.OneOf(MOTIVATIONS))


class ContainerArgs(ArgsSchema):
    """Arguments of the annotation container /v1/annotations/ and its pages."""

    page = Digits(validate=validate.Range(min=0, max=10_000_000), strict=False)
    iris = Digits(load_default=0, validate=validate.OneOf((0, 1)), strict=False)
    limit = Digits(load_default=100, validate=validate.Range(min=1, max=500), strict=False)
    document = fields.String(validate=validate.Length(min=1, max=200))
    paragraph = fields.String(validate=validate.Length(min=1, max=200))
    motivation = fields.String(validate=validate.OneOf(W3C_MOTIVATIONS))


class SearchArgs(ListArgs):
    """Arguments of /v1/search."""

    q = fields.String(required=True)
    type = fields.String(validate=validate.OneOf(("paragraph", "claim", "entity")))
    document = fields.String(validate=validate.Length(min=1, max=200))


class EntityListArgs(ListArgs):
    """Arguments of /v1/entities."""

    label = fields.String(validate=validate.OneOf(ENTITY_LABELS))
    q = fields.String(validate=validate.Length(min=1, max=200))
    document = fields.String(validate=validate.Length(min=1, max=200))


class DateListArgs(ListArgs):
    """Arguments of /v1/dates."""

    type = fields.String(validate=validate.OneOf(TEMPORAL_TYPES))
    from_ = fields.Date(data_key="from")
    to = fields.Date()
    document = fields.String(validate=validate.Length(min=1, max=200))


class TimelineArgs(ListArgs):
    """Arguments of /v1/timeline."""

    from_ = fields.Date(data_key="from")
    to = fields.Date()
    document = fields.String(validate=validate.Length(min=1, max=200))


class CheckListArgs(ListArgs):
    """Arguments of /v1/checks."""

    document = fields.String(validate=validate.Length(min=1, max=200))
    agrees = fields.Boolean(truthy={"true"}, falsy={"false"})


class AnalysisArgs(ArgsSchema):
    """Metadata of a text sent to /v1/analyses: what `claims add` takes as options."""

    id = fields.String(validate=validate.Regexp(DOCUMENT_ID, error="Not a valid document id."))
    title = fields.String(validate=validate.Length(min=1, max=500))
    author = fields.String(validate=validate.Length(min=1, max=500))
    publisher = fields.String(validate=validate.Length(min=1, max=500))
    published = fields.String(validate=lambda value: _published(value))
    url = fields.Url(schemes={"http", "https"}, validate=validate.Length(max=2000))


class AnalysisOptions(ArgsSchema):
    """How /v1/analyses answers: `related=true` pairs the text's claims with the corpus's."""

    related = fields.Boolean(truthy={"true"}, falsy={"false"}, load_default=False)


EMPTY_TEXT = "The text is empty."


class SubmittedText(fields.String):
    """A text to analyse: some words, no NUL (binary content) and encodable as UTF-8."""

    def _deserialize(self, value, attr, data, **kwargs) -> str:
        text = super()._deserialize(value, attr, data, **kwargs)
        if not text.strip():
            raise ValidationError(EMPTY_TEXT)
        if "\x00" in text:
            raise ValidationError("Binary content (NUL characters), not text.")
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate, which JSON can carry and UTF-8 cannot
            raise ValidationError("Not valid Unicode text.") from None
        return text


class AnalysisBody(AnalysisArgs):
    """What /v1/analyses analyses: a plain text or an HTML page, and its metadata."""

    text = SubmittedText()
    html = SubmittedText()

    @validates_schema
    def _one_source(self, data: dict, **kwargs) -> None:
        """Ask for exactly one of text and html."""
        if ("text" in data) == ("html" in data):
            raise ValidationError("Give exactly one of `text` and `html`.", "text")


class RetireArgs(ArgsSchema):
    """Arguments of DELETE /v1/documents/{id}: why it goes, served with its 410s."""

    reason = fields.String(validate=validate.Length(min=1, max=500))


def _published(value: str) -> bool:
    """Accept a publication date as the metadata files give it: YYYY, YYYY-MM or a real day."""
    if not PUBLISHED.match(value):
        raise ValidationError("Not YYYY, YYYY-MM or YYYY-MM-DD.")
    if len(value) == 10:
        try:
            date.fromisoformat(value)
        except ValueError:
            raise ValidationError("Not a day of the calendar.") from None
    return True


def load_args(schema: Schema, args: MultiDict) -> dict:
    """Validate query arguments through a schema, or raise a 400 naming each bad one."""
    multiple = {n for n, f in schema.fields.items() if isinstance(f, fields.List)}
    repeated = {
        name: ["Give this parameter once."]
        for name in args
        if name not in multiple and len(args.getlist(name)) > 1
    }
    values = {name: args.getlist(name) if name in multiple else args[name] for name in args}
    try:
        loaded = schema.load(values)
    except ValidationError as error:
        messages = {**_rename_unknown(error.messages_dict), **repeated}
        raise InvalidParameters("Some query parameters are not valid.", messages) from None
    if repeated:
        raise InvalidParameters("Some query parameters are not valid.", repeated)
    return loaded


def _rename_unknown(messages: dict) -> dict:
    """Say "unknown parameter" where marshmallow says "Unknown field"; flatten list errors."""
    flat = {}
    for name, errors in messages.items():
        if isinstance(errors, dict):  # a repeated parameter: {index: [messages]}
            errors = [f"value {int(i) + 1}: {m}" for i, ms in errors.items() for m in ms]
        flat[name] = ["Unknown parameter."] if errors == ["Unknown field."] else errors
    return flat


def check_id(value: str, pattern: re.Pattern, what: str, name: str = "id") -> str:
    """Reject a malformed path identifier with a 400 naming its parameter."""
    if not pattern.match(value):
        raise InvalidParameters(
            f"'{value[:80]}' is not a valid {what} id.", {name: [f"Not a valid {what} id."]}
        )
    return value
