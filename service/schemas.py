"""Marshmallow schemas: the query arguments each route accepts and the shapes it returns."""

from marshmallow import RAISE, Schema, ValidationError, fields, validate
from werkzeug.datastructures import MultiDict

from service.errors import InvalidParameters
from service.segment import KINDS

PARAGRAPH_ID = r"^p-[0-9a-f]{12}$"
DOCUMENT_ID = r"^[a-z0-9][a-z0-9._-]{0,199}$"


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


class ParagraphDetailSchema(ParagraphSchema):
    """A paragraph with its neighbours."""

    previous_id = fields.String(allow_none=True)
    next_id = fields.String(allow_none=True)


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
