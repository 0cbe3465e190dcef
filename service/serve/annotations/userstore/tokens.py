"""API tokens: made at random, shown once, kept only as a hash."""

import hashlib
import re
import secrets

PREFIX = "clm_"
TOKEN_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}\Z")


def new_token() -> str:
    """Return a fresh token with 256 bits of randomness."""
    return PREFIX + secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    """Hash a token for storage; a fast hash suffices for 256 random bits."""
    return hashlib.sha256(token.encode()).hexdigest()


def check_name(name: str) -> str:
    """Return a valid token name, or raise ValueError saying what a name may be."""
    if not TOKEN_NAME.match(name):
        raise ValueError(
            "a token name is 1 to 64 letters, digits, '.', '_', '@' or '-', "
            "starting with a letter or digit"
        )
    return name
