"""Marshmallow schemas: the query arguments each route accepts and the shapes it returns."""

from marshmallow import RAISE, Schema, ValidationError, fields, validate
from werkzeug.datastructures import MultiDict

from service.errors import InvalidParameters
from service.segment import KINDS

PARAGRAPH_ID = r"^p-[0-9a-f]{12}$"
DOCUMENT_ID = r"^[a-z0-9][a-z0-9._-]{0,199}$"
ENTITY_ID = r"^[a-z0-9][a-z0-9-]{0,199}$"
DATE_ID = r"^t-[0-9a-f]{12}$"
ENTITY_LABELS = ("PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "LAW")
TEMPORAL_TYPES = ("DATE", "DURATION", "SET")


class ArgsSchema(Schema):
    """Query arguments: unknown names are errors."""

    class Meta:
        unknown = RAISE


class ListArgs(ArgsSchema):
    """Arguments every collection takes."""

    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=500), strict=False)
    cursor = fields.String(load_default=None, validate=validate.Length(min=1, max=200))


class DocumentListArgs(ListArgs):
    """Arguments of /v1/documents."""


class ParagraphListArgs(ListArgs):
    """Arguments of /v1/paragraphs."""

    document = fields.String(validate=validate.Length(min=1, max=200))
    kind = fields.String(validate=validate.OneOf(KINDS))
    section = fields.String(validate=validate.Length(min=1, max=500))
    entity = fields.String(validate=validate.Length(min=1, max=200))


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


def load_args(schema: Schema, args: MultiDict) -> dict:
    """Validate query arguments through a schema, or raise a 400 naming each bad one."""
    repeated = {name: ["Give this parameter once."] for name in args if len(args.getlist(name)) > 1}
    try:
        loaded = schema.load(args.to_dict())
    except ValidationError as error:
        messages = {**_rename_unknown(error.messages), **repeated}
        raise InvalidParameters("Some query parameters are not valid.", messages) from None
    if repeated:
        raise InvalidParameters("Some query parameters are not valid.", repeated)
    return loaded


def _rename_unknown(messages: dict) -> dict:
    """Say "unknown parameter" where marshmallow says "Unknown field"."""
    return {
        name: ["Unknown parameter."] if errors == ["Unknown field."] else errors
        for name, errors in messages.items()
    }


def check_id(value: str, pattern: str, what: str) -> str:
    """Reject a malformed path identifier with a 400."""
    if not validate.Regexp(pattern).regex.match(value):
        raise InvalidParameters(
            f"'{value[:80]}' is not a valid {what} id.", {"id": [f"Not a {what} id."]}
        )
    return value


class LinkSchema(Schema):
    """A link marker: words the author linked, offsets into the paragraph text."""

    start = fields.Integer()
    end = fields.Integer()
    text = fields.String()


class ParagraphSchema(Schema):
    """A paragraph as served."""

    id = fields.String()
    document_id = fields.String()
    ordinal = fields.Integer()
    kind = fields.String()
    section = fields.String(allow_none=True)
    start = fields.Integer()
    end = fields.Integer()
    text = fields.String()
    links = fields.List(fields.Nested(LinkSchema))


class ParagraphEntitySchema(Schema):
    """An entity mention inside a paragraph; offsets index the paragraph text."""

    entity_id = fields.String()
    name = fields.String()
    label = fields.String()
    start = fields.Integer()
    end = fields.Integer()
    text = fields.String()


class ParagraphDateSchema(Schema):
    """A temporal expression inside a paragraph; offsets index the paragraph text."""

    id = fields.String()
    start = fields.Integer()
    end = fields.Integer()
    text = fields.String()
    type = fields.String()
    value = fields.String(allow_none=True)


class ParagraphDetailSchema(ParagraphSchema):
    """A paragraph with its neighbours, entities and dates."""

    previous_id = fields.String(allow_none=True)
    next_id = fields.String(allow_none=True)
    entities = fields.List(fields.Nested(ParagraphEntitySchema))
    dates = fields.List(fields.Nested(ParagraphDateSchema))


class EntitySchema(Schema):
    """A canonical entity with its mention counts."""

    id = fields.String()
    name = fields.String()
    label = fields.String()
    description = fields.String(allow_none=True)
    aliases = fields.List(fields.String())
    curated = fields.Boolean()
    mention_count = fields.Integer()
    paragraph_count = fields.Integer()


class MentionSchema(Schema):
    """Where an entity is mentioned; offsets index the paragraph text."""

    paragraph_id = fields.String()
    document_id = fields.String()
    start = fields.Integer()
    end = fields.Integer()
    text = fields.String()


class EntityDetailSchema(EntitySchema):
    """An entity with every mention of it."""

    mentions = fields.List(fields.Nested(MentionSchema))


class DateSchema(Schema):
    """A normalised temporal expression (TIMEX3 style)."""

    id = fields.String()
    document_id = fields.String()
    paragraph_id = fields.String()
    start = fields.Integer()
    end = fields.Integer()
    text = fields.String()
    type = fields.String()
    value = fields.String(allow_none=True)
    mod = fields.String(allow_none=True)
    earliest = fields.String(allow_none=True)
    latest = fields.String(allow_none=True)
    anchor = fields.String(allow_none=True)
    sentence = fields.String()


class TimelineEntrySchema(Schema):
    """A dated event: the sentence around a date, in chronological order."""

    date_id = fields.String()
    document_id = fields.String()
    paragraph_id = fields.String()
    text = fields.String()
    value = fields.String(allow_none=True)
    mod = fields.String(allow_none=True)
    earliest = fields.String()
    latest = fields.String()
    event = fields.String()


class CheckSchema(Schema):
    """A consistency check between a stated duration or offset and the dates given."""

    id = fields.String()
    document_id = fields.String()
    kind = fields.String()
    expressions = fields.List(fields.String())
    stated = fields.String()
    computed = fields.String(allow_none=True)
    agrees = fields.Boolean(allow_none=True)
    detail = fields.String()


class DocumentSchema(Schema):
    """A document's metadata, checksums and counts."""

    id = fields.String()
    title = fields.String(allow_none=True)
    url = fields.String(allow_none=True)
    author = fields.String(allow_none=True)
    publisher = fields.String(allow_none=True)
    published = fields.String(allow_none=True)
    published_inferred = fields.Boolean()
    published_basis = fields.String(allow_none=True)
    language = fields.String()
    source_file = fields.String()
    sha256 = fields.String()
    chars = fields.Integer()
    paragraph_count = fields.Integer()
    kind_counts = fields.Dict(keys=fields.String(), values=fields.Integer())
