"""The one way a write starts background work: after its transaction commits.

Services call ``after_commit(task, *ids)``. The task is queued only once the
transaction has committed, so a worker never reads a row that is not there
yet, and a write that fails queues nothing.

Email tasks are declared with ``@shared_task(..., sends_email=True)`` (Celery
keeps extra options as attributes of the task). Inside
``notifications_paused()`` those are not queued: the demo loader records
months of history without emailing anyone about it. Other tasks (rendering a
report) still run.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial

from django.db import transaction
from kombu.exceptions import OperationalError

logger = logging.getLogger(__name__)

# What publishing a task raises when the broker cannot be reached.
try:
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.exceptions import TimeoutError as RedisTimeoutError

    BROKER_UNREACHABLE: tuple[type[BaseException], ...] = (
        OperationalError,
        RedisConnectionError,
        RedisTimeoutError,
        OSError,
    )
except ImportError:  # pragma: no cover - redis is a dependency
    BROKER_UNREACHABLE = (OperationalError, OSError)

_state = threading.local()


@contextmanager
def notifications_paused() -> Iterator[None]:
    """Record history without telling anyone today."""
    before = getattr(_state, "paused", False)
    _state.paused = True
    try:
        yield
    finally:
        _state.paused = before


def notifications_are_paused() -> bool:
    return getattr(_state, "paused", False)


def after_commit(task, *args, **kwargs) -> None:
    """Queue ``task.delay(*args, **kwargs)`` once the current transaction
    commits (at once when there is none). Pass ids, never model objects."""
    if getattr(task, "sends_email", False) and notifications_are_paused():
        return
    transaction.on_commit(partial(QueueSafely(task), *args, **kwargs))


class QueueSafely:
    """``task.delay``, except that a broker that cannot be reached is logged
    in one line instead of raised. The write has committed: it must not turn
    into an error page. The row stays as it was saved (a report stays
    "queued" and the schedule sends it again, see reports/requeue.py).

    Like a bound method, ``__self__`` is the task (tests look at it)."""

    def __init__(self, task):
        self.__self__ = task

    def __call__(self, *args, **kwargs) -> None:
        task = self.__self__
        try:
            task.delay(*args, **kwargs)
        except BROKER_UNREACHABLE as error:
            logger.error(
                "after_commit: broker unreachable, task %s%r not queued (%s: %s)",
                getattr(task, "name", task),
                args,
                type(error).__name__,
                error,
            )
