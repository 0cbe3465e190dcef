"""Bearer tokens for writes: reads stay open, every change names who made it."""

from flask import request

from service.serve.context import user_store
from service.serve.errors import Unauthorized

CHALLENGE = 'Bearer realm="claims"'


def writer(action: str = "Writing") -> str:
    """Return the name of the token the request carries, or raise a 401 saying what is wrong
    (and that `action` needs one)."""
    header = request.headers.get("Authorization", "")
    if not header:
        raise Unauthorized(
            f"{action} needs a token: send `Authorization: Bearer <token>` "
            "(`claims token create --name NAME` makes one).",
            headers={"WWW-Authenticate": CHALLENGE},
        )
    scheme, _, token = header.partition(" ")
    token = token.strip()
    if scheme.lower() != "bearer" or not token:
        raise Unauthorized(
            "The Authorization header must be `Bearer <token>`.",
            headers={"WWW-Authenticate": f'{CHALLENGE}, error="invalid_request"'},
        )
    name = user_store().token_owner(token)
    if name is None:
        raise Unauthorized(
            "The token is not one this service gave out, or it was revoked.",
            headers={"WWW-Authenticate": f'{CHALLENGE}, error="invalid_token"'},
        )
    return name
