"""A throwaway PostgreSQL cluster for the tests: initdb and pg_ctl in a temporary folder."""

import glob
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from tests.support.server import free_port


def binaries() -> Path | None:
    """Return the folder of initdb and pg_ctl, or None when PostgreSQL is not installed."""
    found = shutil.which("initdb")
    if found:
        return Path(found).resolve().parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(versions[-1]).parent if versions else None


class Cluster:
    """A cluster of our own on a free loopback port; as root it runs as the `postgres` user."""

    def __init__(self, bin_dir: Path):
        self.bin_dir, self.port = bin_dir, free_port()
        self.root = Path(tempfile.mkdtemp(prefix="claims-pg-"))
        self.data = self.root / "data"
        self.as_user = []
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root
            shutil.chown(self.root, "postgres")
            self.as_user = ["runuser", "-u", "postgres", "--"]

    def run(self, *command: str) -> None:
        """Run a PostgreSQL program as the cluster's user."""
        subprocess.run(
            [*self.as_user, str(self.bin_dir / command[0]), *command[1:]],
            check=True,
            capture_output=True,
            text=True,
            timeout=120,
        )

    def start(self) -> str:
        """Create and start the cluster; return a URL to its database."""
        self.run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=on"
        self.run(
            "pg_ctl",
            "-D",
            str(self.data),
            "-o",
            options,
            "-l",
            str(self.root / "log"),
            "-w",
            "start",
        )
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def stop(self) -> None:
        """Stop the cluster, if it runs, and delete it."""
        if (self.data / "postmaster.pid").exists():
            self.run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.root, ignore_errors=True)
