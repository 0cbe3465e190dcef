"""The annotation listings' arguments: the shared ones, and `creator`, a token's name."""

from marshmallow import fields, validate

from service.serve.annotations.userstore.tokens import TOKEN_NAME
from service.serve.args import AnnotationListArgs, ContainerArgs
from service.vocab import W3C_MOTIVATIONS


def creator_field() -> fields.String:
    """Return a field for `creator`: a name `claims token create` could have given."""
    return fields.String(
        validate=validate.Regexp(
            TOKEN_NAME,
            error=(
                "Must be a token's name: 1 to 64 letters, digits, '.', '_', '@' or '-', "
                "starting with a letter or digit."
            ),
        )
    )


class AnnotationCollectionArgs(AnnotationListArgs):
    """Arguments of /v1/annotations: with `creator`, that token's annotations."""

    # Users' annotations may have any motivation of the W3C model; the build's use four
    # of them, and another matches none of theirs.
    motivation = fields.String(validate=validate.OneOf(W3C_MOTIVATIONS))
    creator = creator_field()


class ContainerListingArgs(ContainerArgs):
    """Arguments of the container /v1/annotations/ and its pages: with `creator`, only
    that token's annotations."""

    creator = creator_field()
