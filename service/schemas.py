"""Marshmallow schemas: the query arguments each route accepts and the shapes it returns."""

from marshmallow import RAISE, Schema, ValidationError, fields, validate
from werkzeug.datastructures import MultiDict

from service.claims import CLAIM_KINDS, SOURCE_TYPES
from service.claims import STATUSES as CLAIM_STATUSES
from service.errors import InvalidParameters
from service.segment import KINDS

PARAGRAPH_ID = r"^p-[0-9a-f]{12}$"
DOCUMENT_ID = r"^[a-z0-9][a-z0-9._-]{0,199}$"
ENTITY_ID = r"^[a-z0-9][a-z0-9-]{0,199}$"
DATE_ID = r"^t-[0-9a-f]{12}$"
ENTITY_LABELS = ("PERSON", "NORP", "FAC", "ORG", "GPE", "LOC", "PRODUCT", "EVENT", "LAW")
TEMPORAL_TYPES = ("DATE", "DURATION", "SET")
ANNOTATION_ID = r"^a-[0-9a-f]{12}$"
CLAIM_ID = r"^(?:m-[0-9a-f]{12}|[a-z0-9][a-z0-9-]{0,99})$"
SOURCE_ID = r"^[a-z0-9][a-z0-9-]{0,199}$"
CONTEST_ID = r"^[a-z0-9][a-z0-9-]{0,99}$"


class ArgsSchema(Schema):
    """Query arguments: unknown names are errors."""

    class Meta:
        unknown = RAISE


class ListArgs(ArgsSchema):
    """Arguments every collection takes."""

    limit = fields.Integer(load_default=50, validate=validate.Range(min=1, max=500), strict=False)
    cursor = fields.String(load_default=None, validate=validate.Length(min=1, max=200))
    format = fields.String(load_default="json", validate=validate.OneOf(("json", "csv", "jsonl")))


class DocumentListArgs(ListArgs):
    """Arguments of /v1/documents."""


class ParagraphListArgs(ListArgs):
    """Arguments of /v1/paragraphs."""

    document = fields.String(validate=validate.Length(min=1, max=200))
    kind = fields.String(validate=validate.OneOf(KINDS))
    section = fields.String(validate=validate.Length(min=1, max=500))
    entity = fields.String(validate=validate.Length(min=1, max=200))
    has_claims = fields.Boolean(truthy={"true"}, falsy={"false"})


class ClaimListArgs(ListArgs):
    """Arguments of /v1/claims; `status` may be repeated."""

    document = fields.String(validate=validate.Length(min=1, max=200))
    paragraph = fields.String(validate=validate.Length(min=1, max=200))
    status = fields.List(fields.String(validate=validate.OneOf(CLAIM_STATUSES)))
    contested = fields.Boolean(truthy={"true"}, falsy={"false"})
    hedged = fields.Boolean(truthy={"true"}, falsy={"false"})
    kind = fields.String(validate=validate.OneOf(CLAIM_KINDS))
    source = fields.String(validate=validate.Length(min=1, max=200))
    entity = fields.String(validate=validate.Length(min=1, max=200))
    origin = fields.String(validate=validate.OneOf(("curated", "machine")))


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


class AnnotationListArgs(ListArgs):
    """Arguments of /v1/annotations."""

    document = fields.String(validate=validate.Length(min=1, max=200))
    paragraph = fields.String(validate=validate.Length(min=1, max=200))
    motivation = fields.String(
        validate=validate.OneOf(("identifying", "tagging", "assessing", "linking"))
    )


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
        messages = {**_rename_unknown(error.messages), **repeated}
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


def check_id(value: str, pattern: str, what: str) -> str:
    """Reject a malformed path identifier with a 400."""
    if not validate.Regexp(pattern).regex.match(value):
        raise InvalidParameters(
            f"'{value[:80]}' is not a valid {what} id.", {"id": [f"Not a {what} id."]}
        )
    return value


class SpanSchema(Schema):
    """Words in a text: a link marker, a cue, a hedge, a search match."""

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
    links = fields.List(fields.Nested(SpanSchema))
    fragment_url = fields.String(allow_none=True)


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
    claims = fields.List(fields.Nested("ParagraphClaimSchema"))


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
    """An entity with every mention of it and the claims that mention it."""

    mentions = fields.List(fields.Nested(MentionSchema))
    claim_ids = fields.List(fields.String())


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


class SourceRefSchema(Schema):
    """A source named on a claim."""

    id = fields.String()
    name = fields.String()
    type = fields.String()


class SourcingOutSchema(Schema):
    """A claim's sourcing as served."""

    status = fields.String()
    sources = fields.List(fields.Nested(SourceRefSchema))
    cue = fields.Nested(SpanSchema, allow_none=True)
    hedges = fields.List(fields.Nested(SpanSchema))
    link = fields.Boolean()


class RelationOutSchema(Schema):
    """A relation from one claim to another."""

    type = fields.String()
    claim_id = fields.String()


class ClaimSchema(Schema):
    """A claim with its sourcing status."""

    id = fields.String()
    document_id = fields.String()
    paragraph_id = fields.String()
    quote = fields.String()
    start = fields.Integer()
    end = fields.Integer()
    proposition = fields.String()
    kind = fields.String()
    sourcing = fields.Nested(SourcingOutSchema)
    hedged = fields.Boolean()
    contested = fields.Boolean()
    relations = fields.List(fields.Nested(RelationOutSchema))
    contest_id = fields.String(allow_none=True)
    origin = fields.String()
    note = fields.String(allow_none=True)
    fragment_url = fields.String(allow_none=True)


class ClaimParagraphSchema(Schema):
    """The paragraph around a claim."""

    id = fields.String()
    section = fields.String(allow_none=True)
    text = fields.String()


class ClaimDetailSchema(ClaimSchema):
    """A claim in context: its paragraph, the entities and dates in it, related claims."""

    paragraph = fields.Nested(ClaimParagraphSchema)
    entities = fields.List(fields.Nested(ParagraphEntitySchema))
    dates = fields.List(fields.Nested(ParagraphDateSchema))
    related = fields.List(fields.Nested(ClaimSchema))


class SourceSchema(Schema):
    """Who claims things, and how many claims they make."""

    id = fields.String()
    name = fields.String()
    type = fields.String()
    description = fields.String(allow_none=True)
    entities = fields.List(fields.String())
    curated = fields.Boolean()
    claim_count = fields.Integer()


class SourceDetailSchema(SourceSchema):
    """A source with its claims."""

    claims = fields.List(fields.Nested(ClaimSchema))


class SideSchema(Schema):
    """One side of a contest."""

    label = fields.String()
    claims = fields.List(fields.Nested(ClaimSchema))
    sources = fields.List(fields.Nested(SourceRefSchema))


class ContestSchema(Schema):
    """A question two or more accounts answer differently."""

    id = fields.String()
    document_id = fields.String()
    question = fields.String()
    sides = fields.List(fields.Nested(SideSchema))


class ParagraphClaimSchema(Schema):
    """A claim inside a paragraph, in brief."""

    id = fields.String()
    start = fields.Integer()
    end = fields.Integer()
    status = fields.String()
    kind = fields.String()
    contested = fields.Boolean()
    origin = fields.String()


class SearchHitSchema(Schema):
    """One search result."""

    type = fields.String(attribute="kind")
    id = fields.String(attribute="ref_id")
    document_id = fields.String(allow_none=True)
    paragraph_id = fields.String(allow_none=True)
    score = fields.Method("get_score")
    title = fields.String()
    text = fields.String()
    snippet = fields.String()
    matches = fields.List(fields.Nested(SpanSchema))
    title_matches = fields.List(fields.Nested(SpanSchema))

    def get_score(self, row) -> float:
        """Report bm25 relevance as a positive number: higher is better."""
        return round(-row["rank"], 6)


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
