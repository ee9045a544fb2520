"""Shared test helpers.

Tests that need the public corpus or the official external schemas read them
from ``../shared`` beside the repository (CI has it there). A clone without
it skips those tests with a clear reason; every other test still runs.

The whole suite runs with the network made impossible: mcqa promises to work
offline, so any connection beyond this machine (loopback, where a test's own
server may listen, and local sockets, which the worker pool uses) fails the test
that made it.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


class NetworkUsed(AssertionError):
    """A test (or mcqa under test) tried to reach the network."""


def _local(address: Any) -> bool:
    if not isinstance(address, tuple) or not address:
        return True  # a Unix socket path
    host = str(address[0])
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.split("%", 1)[0]).is_loopback
    except ValueError:
        return False


@pytest.fixture(autouse=True, scope="session")
def offline_suite() -> Iterator[None]:
    """Refuse every connection that would leave this machine, for the whole run."""
    connect, connect_ex = socket.socket.connect, socket.socket.connect_ex

    def guarded(self: socket.socket, address: Any) -> Any:
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _local(address):
            raise NetworkUsed(f"the test suite runs offline; a connection to {address!r}")
        return connect(self, address)

    def guarded_ex(self: socket.socket, address: Any) -> Any:
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _local(address):
            raise NetworkUsed(f"the test suite runs offline; a connection to {address!r}")
        return connect_ex(self, address)

    socket.socket.connect = guarded  # type: ignore[method-assign]
    socket.socket.connect_ex = guarded_ex  # type: ignore[method-assign]
    try:
        yield
    finally:
        socket.socket.connect, socket.socket.connect_ex = connect, connect_ex  # type: ignore[method-assign]


@pytest.fixture
def shared_dir() -> Path:
    """``../shared``; the test is skipped when the folder is not beside the clone."""
    if not SHARED.is_dir():
        pytest.skip(f"needs the shared corpus at {SHARED} (not present in this clone)")
    return SHARED


@pytest.fixture
def write(tmp_path: Path):  # type: ignore[no-untyped-def]
    """Write a text file under ``tmp_path`` and return its path: ``write("a.yaml", text)``."""

    def _write(name: str, text: str) -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    return _write
