"""The default server keeps answering while slow and idle clients hold connections open."""

import socket
import time
import urllib.request

import pytest

from tests.support.server import start_server

IDLE, SLOW, PROBES = 5, 5, 6


def hold_connections(port: int) -> list[socket.socket]:
    """Open idle connections that send nothing and slow ones stuck inside their headers."""
    held = [socket.create_connection(("127.0.0.1", port)) for _ in range(IDLE + SLOW)]
    for sock in held[IDLE:]:
        sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nX-Slow: 1\r\n")
    return held


@pytest.mark.slow
def test_healthz_answers_while_clients_hold_connections(built_db, tmp_path):
    process, base = start_server(built_db, tmp_path / "store.db")
    held = hold_connections(int(base.rsplit(":", 1)[1]))
    try:
        answered = 0
        for _ in range(PROBES):
            time.sleep(1)
            with urllib.request.urlopen(f"{base}/healthz", timeout=1) as response:
                answered += response.status == 200
        assert answered == PROBES
    finally:
        for sock in held:
            sock.close()
        process.terminate()
        process.wait(timeout=10)
