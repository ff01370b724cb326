"""Waiting in tests for something another process does: look again until
the condition holds, and fail with a reason after a bounded time. A test
never sleeps a fixed time and hopes."""

from __future__ import annotations

import time
from collections.abc import Callable

import pytest

POLL_SECONDS = 0.1


def wait_for(condition: Callable[[], bool], *, seconds: float, failure: Callable[[], str]) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(failure())
        time.sleep(POLL_SECONDS)
