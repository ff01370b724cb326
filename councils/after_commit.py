"""The one way a write starts background work: after its transaction commits.

Services call ``after_commit(task, *ids)``. The task is queued only once the
transaction has committed, so a worker never reads a row that is not there
yet, and a write that fails queues nothing.

Email tasks are declared with ``@shared_task(..., sends_email=True)`` (Celery
keeps extra options as attributes of the task). Inside
``notifications_paused()`` those are not queued: the demo loader records
months of history without emailing anyone about it. Other tasks (rendering a
report) still run.

With a broker (``REDIS_URL``), the task goes to a Celery worker. With none
(the demo), Celery runs tasks eagerly, which would make the request that
asked wait for the work (a report takes seconds to render). So, with
``TASKS_IN_BACKGROUND_THREAD`` on, the task is handed instead to one thread of
this process, and runs after the response has gone: the page can say
"waiting" and mean it. The tests turn it off, so tasks run at once, in order.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from functools import partial

from django.conf import settings
from django.db import connections, transaction
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
    commits (at once when there is none): to the broker, or with none to the
    background thread. Pass ids, never model objects."""
    if getattr(task, "sends_email", False) and notifications_are_paused():
        return
    transaction.on_commit(partial(QueueSafely(task), *args, **kwargs))


class QueueSafely:
    """``task.delay`` (or, with no broker, the background thread), except
    that a broker that cannot be reached is logged
    in one line instead of raised. The write has committed: it must not turn
    into an error page. The row stays as it was saved (a report stays
    "queued" and the schedule sends it again, see reports/requeue.py).

    Like a bound method, ``__self__`` is the task (tests look at it)."""

    def __init__(self, task):
        self.__self__ = task

    def __call__(self, *args, **kwargs) -> None:
        task = self.__self__
        if runs_in_background_thread(task):
            background.submit(task, args, kwargs)
            return
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


def runs_in_background_thread(task) -> bool:
    """No broker, so Celery would run the task inside the caller: hand it to
    the background thread instead (when the setting allows)."""
    if not getattr(settings, "TASKS_IN_BACKGROUND_THREAD", False):
        return False
    app = getattr(task, "app", None)
    return bool(app is not None and app.conf.task_always_eager)


class BackgroundThread:
    """Runs tasks one at a time, in order, in one thread of this process.
    Used only when there is no broker (the demo). One thread, so two renders
    never compete for SQLite or the CPU. Work still waiting when the process
    exits is finished first (a management command waits for it)."""

    def __init__(self):
        self._lock = threading.Lock()
        self._executor: ThreadPoolExecutor | None = None

    def submit(self, task, args: tuple, kwargs: dict) -> Future:
        with self._lock:
            if self._executor is None:
                self._executor = ThreadPoolExecutor(
                    max_workers=1, thread_name_prefix="background-tasks"
                )
            return self._executor.submit(run_task, task, args, kwargs)

    def shutdown(self) -> None:
        """Finish what is waiting and stop the thread (tests)."""
        with self._lock:
            executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True)

    def forget(self) -> None:
        """In a forked child the parent's thread is not there: start afresh."""
        self._lock = threading.Lock()
        self._executor = None


def run_task(task, args: tuple, kwargs: dict) -> None:
    """Run one task here and now, as a worker would: an error is logged, not
    raised (nobody is waiting for it), and the thread's database connection
    is closed at the end, so none is left open between jobs."""
    try:
        task.apply(args=args, kwargs=kwargs, throw=True)
    except Exception:
        logger.exception("background task %s%r failed", getattr(task, "name", task), args)
    finally:
        connections.close_all()


background = BackgroundThread()
if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=background.forget)
