"""Which sites may show the reader in a frame: CLAIMS_FRAME_ANCESTORS, read at start-up.

By default no site may ('none', and X-Frame-Options: DENY for browsers that predate
Content-Security-Policy). A research tool that embeds the reader is named by its origin;
then CSP's `frame-ancestors` lists those origins, and X-Frame-Options, which can name no
site but the page's own, is left out for the reader's pages.
"""

import re

from service.config import SettingError

NONE = "'none'"
SELF = "'self'"
# An origin as CSP names one: a scheme, a host (a name whose first label may be `*`, an
# IPv4 address, or an IPv6 one in brackets) and an optional port. No path, and no
# wildcard for every site: each embedding tool is named.
LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?"
HOST = rf"(?:\*\.)?{LABEL}(?:\.{LABEL})*|\[[0-9A-Fa-f:.]+\]"
ORIGIN = re.compile(rf"[A-Za-z][A-Za-z0-9+.-]*://(?:{HOST})(?::[0-9]{{1,5}})?\Z")
SEPARATORS = re.compile(r"[\s,]+")


def frame_ancestors(setting: str | None) -> list[str]:
    """Read CLAIMS_FRAME_ANCESTORS (origins and 'self', apart by spaces or commas) into
    the sources it allows; none for 'none' or nothing. Refuse anything else, naming it."""
    given = [value for value in SEPARATORS.split((setting or "").strip()) if value]
    if given in ([], [NONE]):
        return []
    sources = []
    for value in given:
        source = value[:-1] if value.endswith("/") and "://" in value else value
        if source != SELF and not ORIGIN.match(source):
            raise SettingError(
                f"CLAIMS_FRAME_ANCESTORS: {value!r} is not an origin: give origins such as "
                "https://tool.example or http://localhost:8888, or 'self', apart by spaces "
                "or commas; or 'none', alone, for no site"
            )
        if source not in sources:
            sources.append(source)
    return sources


def reader_headers(security: dict[str, str], sources: list[str]) -> dict[str, str]:
    """Return the security headers of the reader's pages, which the sources may frame."""
    if not sources:
        return security
    headers = {name: value for name, value in security.items() if name != "X-Frame-Options"}
    policy = security["Content-Security-Policy"]
    headers["Content-Security-Policy"] = policy.replace(
        f"frame-ancestors {NONE}", f"frame-ancestors {' '.join(sources)}"
    )
    return headers
