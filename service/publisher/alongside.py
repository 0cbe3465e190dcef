"""Run a publisher beside `claims serve`: a process of its own, stopped with the server."""

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager

STOP_WAIT = 60  # seconds a publisher may take to finish its job once the server stops


@contextmanager
def publisher_beside(settings: dict, enabled: bool = True) -> Iterator[None]:
    """Run `claims publish` on the server's settings while the block runs, unless disabled.

    The publisher is told the server's process id and stops if the server dies without
    stopping it; when the server stops, the publisher finishes the job it is on (a killed
    publisher's job is taken up again by the next one).
    """
    if not enabled:
        yield
        return
    environment = dict(os.environ)
    for key, value in settings.items():
        # The paths are resolved already: the corpus that named them is not passed on.
        if value is not None and key != "CORPUS":
            environment[f"CLAIMS_{key}"] = str(value)
    command = [sys.executable, "-m", "service.cli", "publish", "--parent", str(os.getpid())]
    process = subprocess.Popen(command, env=environment)
    try:
        yield
    finally:
        process.terminate()
        try:
            process.wait(STOP_WAIT)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
