"""Fetch a page for `claims add`: a timeout, a size cap and only HTML or plain text."""

import http.client
import urllib.error
import urllib.request
from dataclasses import dataclass

from service.corpus.errors import CorpusError

TIMEOUT_SECONDS = 20
MAX_BYTES = 5 * 1024 * 1024  # far above any article; a guard against endless bodies
ACCEPTED = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text"}
USER_AGENT = "claims-service (article import)"


@dataclass(frozen=True)
class Fetched:
    """A fetched page: its bytes, whether it is HTML or text, and where it ended up."""

    body: bytes
    form: str  # "html" or "text"
    url: str
    charset: str | None


def fetch(url: str) -> Fetched:
    """Download one page, refusing what is too slow, too big or neither HTML nor text."""
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_SECONDS) as response:
            media_type = response.headers.get_content_type()
            form = ACCEPTED.get(media_type)
            if form is None:
                raise CorpusError(f"{url}: not HTML or plain text (Content-Type: {media_type})")
            body = response.read(MAX_BYTES + 1)
            if len(body) > MAX_BYTES:
                raise CorpusError(f"{url}: larger than {MAX_BYTES // (1024 * 1024)} MiB")
            promised = response.headers.get("Content-Length", "")
            if promised.isdigit() and len(body) < int(promised):
                raise CorpusError(f"{url}: the answer broke off ({len(body)} of {promised} bytes)")
            return Fetched(body, form, response.geturl(), response.headers.get_content_charset())
    except urllib.error.HTTPError as error:
        raise CorpusError(f"{url}: the server answered {error.code} {error.reason}") from None
    except urllib.error.URLError as error:
        raise CorpusError(f"{url}: could not fetch it ({error.reason})") from None
    except TimeoutError:
        raise CorpusError(f"{url}: no answer within {TIMEOUT_SECONDS} s") from None
    except (http.client.HTTPException, ConnectionError) as error:
        raise CorpusError(f"{url}: the answer broke off ({type(error).__name__})") from None
    except ValueError as error:
        raise CorpusError(f"{url}: not a URL we can fetch ({error})") from None
