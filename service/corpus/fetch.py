"""Fetch a page from the web: http and https only, public addresses only (unless allowed),
redirects followed here hop by hop, an overall deadline, a size cap, only HTML or text.

Every route that fetches a URL goes through `fetch`, so each inherits these guards.
"""

import contextlib
import http.client
import ipaddress
import socket
import ssl
import threading
import time
from collections.abc import Collection
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from service.corpus.errors import CorpusError

READ_TIMEOUT_SECONDS = 20  # the longest wait for any one answer from the server
DEADLINE_SECONDS = 30  # the whole fetch, redirects and a slowly trickled body included
MAX_HOPS = 5  # redirects followed before giving up
MAX_BYTES = 5 * 1024 * 1024  # far above any article; a guard against endless bodies
CHUNK_BYTES = 64 * 1024
ACCEPTED = {"text/html": "html", "application/xhtml+xml": "html", "text/plain": "text"}
SCHEMES = {"http": 80, "https": 443}
REDIRECTS = {301, 302, 303, 307, 308}
USER_AGENT = "claims-service (article import)"

Address = ipaddress.IPv4Address | ipaddress.IPv6Address


@dataclass(frozen=True)
class Fetched:
    """A fetched page: its bytes, whether it is HTML or text, and where it ended up."""

    body: bytes
    form: str  # "html" or "text"
    url: str
    charset: str | None


@dataclass(frozen=True)
class Policy:
    """Where a fetch may go: private addresses for every host, or for the hosts named."""

    allow_private: bool = False
    trusted_hosts: Collection[str] = ()  # hosts that may resolve to private addresses
    deadline: float = DEADLINE_SECONDS


def fetch(
    url: str,
    *,
    allow_private: bool = False,
    trusted_hosts: Collection[str] = (),
    deadline: float = DEADLINE_SECONDS,
) -> Fetched:
    """Download one page, following redirects, refusing what is unsafe, slow, big or
    neither HTML nor text."""
    policy = Policy(allow_private, tuple(trusted_hosts), deadline)
    ends_at = time.monotonic() + deadline
    current = url
    for _ in range(MAX_HOPS + 1):
        location, fetched = _hop(current, policy, ends_at)
        if fetched is not None:
            return fetched
        current = urljoin(current, location)
    raise CorpusError(f"{url}: more than {MAX_HOPS} redirects")


def _hop(url: str, policy: Policy, ends_at: float) -> tuple[str, Fetched | None]:
    """Fetch one URL without following its redirect: (where it redirects, None) or the page."""
    scheme, host, port, target = _parse(url)
    addresses = _checked_addresses(url, host, port, policy)
    connection = _connection(scheme, host, port, addresses, _remaining(url, policy, ends_at))
    # The socket is shut when the deadline passes, whatever the server is trickling.
    alarm = threading.Timer(_remaining(url, policy, ends_at), connection.expire)
    alarm.start()
    try:
        return _exchange(url, connection, target, policy, ends_at)
    except (OSError, http.client.HTTPException) as error:
        raise _failure(url, error, policy, ends_at) from None
    finally:
        alarm.cancel()
        connection.finish()


def _failure(url: str, error: Exception, policy: Policy, ends_at: float) -> CorpusError:
    """Say why a fetch failed: the deadline, no connection, or an answer that broke off."""
    if isinstance(error, TimeoutError) or time.monotonic() >= ends_at:
        return CorpusError(f"{url}: no complete answer within {policy.deadline:g} s")
    if isinstance(error, ssl.SSLError | ConnectionRefusedError):
        return CorpusError(f"{url}: could not fetch it ({error})")
    return CorpusError(f"{url}: the answer broke off ({type(error).__name__})")


def _exchange(url, connection, target, policy, ends_at) -> tuple[str, Fetched | None]:
    """Send the request and read the answer: a redirect's location, or the page."""
    connection.request("GET", target, headers={"User-Agent": USER_AGENT})
    response = connection.getresponse()
    if response.status in REDIRECTS and response.getheader("Location"):
        return response.getheader("Location", ""), None
    if response.status >= 400 or response.status in REDIRECTS:
        raise CorpusError(f"{url}: the server answered {response.status} {response.reason}")
    media_type = response.headers.get_content_type()
    form = ACCEPTED.get(media_type)
    if form is None:
        raise CorpusError(f"{url}: not HTML or plain text (Content-Type: {media_type})")
    body = _body(url, response, connection, policy, ends_at)
    return "", Fetched(body, form, url, response.headers.get_content_charset())


def _body(url, response, connection, policy: Policy, ends_at: float) -> bytes:
    """Read the body in chunks, each wait bounded by what is left of the deadline."""
    chunks, size = [], 0
    while size <= MAX_BYTES:
        connection.limit(_remaining(url, policy, ends_at))
        chunk = response.read(CHUNK_BYTES)
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    if time.monotonic() >= ends_at:  # the alarm shut the socket: an early end, not the end
        raise CorpusError(f"{url}: no complete answer within {policy.deadline:g} s")
    if size > MAX_BYTES:
        raise CorpusError(f"{url}: larger than {MAX_BYTES // (1024 * 1024)} MiB")
    promised = response.getheader("Content-Length", "")
    if promised.isdigit() and size < int(promised):
        raise CorpusError(f"{url}: the answer broke off ({size} of {promised} bytes)")
    return b"".join(chunks)


def _parse(url: str) -> tuple[str, str, int, str]:
    """Split a URL into scheme, host, port and request target, refusing other schemes."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as error:
        raise CorpusError(f"{url}: not a URL we can fetch ({error})") from None
    scheme = parts.scheme.lower()
    if scheme not in SCHEMES:
        raise CorpusError(f"{url}: only http and https URLs are fetched, not {scheme or 'none'}")
    if not parts.hostname:
        raise CorpusError(f"{url}: not a URL we can fetch (no host)")
    target = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    return scheme, parts.hostname, port or SCHEMES[scheme], target


def _checked_addresses(url: str, host: str, port: int, policy: Policy) -> list[Address]:
    """Resolve a host and return its addresses, refusing the host if any of them is not
    public (unless the policy allows it)."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise CorpusError(f"{url}: could not fetch it ({error})") from None
    addresses = [_address(str(info[4][0])) for info in found]
    may_be_private = policy.allow_private or host in policy.trusted_hosts
    for address in addresses:
        if not may_be_private and not _is_public(address):
            raise CorpusError(
                f"{url}: {host} is a private or local address ({address}); "
                "give --allow-private to fetch it"
            )
    return addresses


def _address(text: str) -> Address:
    """Parse an address as getaddrinfo gives it, an IPv4 one mapped into IPv6 as IPv4."""
    address = ipaddress.ip_address(text.split("%")[0])  # drop an IPv6 zone
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        return address.ipv4_mapped
    return address


def _is_public(address: Address) -> bool:
    """Tell a globally routed unicast address from loopback, private, link-local,
    unspecified, shared, reserved and multicast ones."""
    return address.is_global and not address.is_multicast


def _remaining(url: str, policy: Policy, ends_at: float) -> float:
    """Seconds left before the deadline, capped by the wait for any one answer."""
    left = ends_at - time.monotonic()
    if left <= 0:
        raise CorpusError(f"{url}: no complete answer within {policy.deadline:g} s")
    return min(left, READ_TIMEOUT_SECONDS)


def _connection(scheme: str, host: str, port: int, addresses: list[Address], timeout: float):
    """Make a connection to the addresses checked, speaking to the host by name (TLS too)."""
    kind = PinnedHTTPS if scheme == "https" else PinnedHTTP
    return kind(host, port, addresses=[str(address) for address in addresses], timeout=timeout)


class PinnedHTTP(http.client.HTTPConnection):
    """An HTTP connection to addresses resolved and checked beforehand, so that the name
    cannot resolve elsewhere between the check and the connection."""

    def __init__(self, host: str, port: int, *, addresses: list[str], timeout: float):
        super().__init__(host, port, timeout=timeout)
        self.addresses = addresses
        self.raw: socket.socket | None = None

    def connect(self) -> None:
        """Connect to the checked addresses rather than resolving the name again."""
        self.sock = self.raw = self._first_answering()

    def _first_answering(self) -> socket.socket:
        """Connect to the first checked address that answers, as a resolver's order has it."""
        failure: OSError = ConnectionRefusedError("no address")
        for address in self.addresses:
            try:
                return socket.create_connection((address, self.port), self.timeout)
            except OSError as error:
                failure = error
        raise failure

    def close(self) -> None:
        """Let go of the socket without closing it: http.client closes a connection that
        will not be reused before its body is read, and the reads still need the socket."""
        self.sock = None

    def finish(self) -> None:
        """Close the socket for good."""
        if self.raw is not None:
            self.raw.close()

    def limit(self, seconds: float) -> None:
        """Bound the next wait for the server."""
        if self.raw is not None:
            self.raw.settimeout(seconds)

    def expire(self) -> None:
        """Shut the socket, ending any read that waits on it."""
        if self.raw is not None:
            with contextlib.suppress(OSError):  # already closed
                self.raw.shutdown(socket.SHUT_RDWR)


class PinnedHTTPS(PinnedHTTP):
    """An HTTPS connection to a checked address, verifying the certificate for the name."""

    def connect(self) -> None:
        """Connect to the checked address and start TLS for the host's name."""
        plain = self._first_answering()
        context = ssl.create_default_context()
        self.sock = self.raw = context.wrap_socket(plain, server_hostname=self.host)
