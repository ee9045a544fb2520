"""The suite itself runs offline (see ``tests/conftest.py``), so every test proves mcqa needs no network."""

from __future__ import annotations

import socket

import pytest

from tests.conftest import NetworkUsed


def test_the_suite_cannot_reach_the_network() -> None:
    probe = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        with pytest.raises(NetworkUsed):
            probe.connect(("192.0.2.1", 80))  # TEST-NET-1: never routed
        with pytest.raises(NetworkUsed):
            probe.connect_ex(("2001:db8::1", 80))
    finally:
        probe.close()
