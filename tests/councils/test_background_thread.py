"""With no broker (the demo), after_commit hands tasks to one background
thread of the process instead of running them inside the request; with a
broker they go to Celery as before; the tests run them at once."""

from __future__ import annotations

import logging
import threading

import pytest
from celery import shared_task
from django.db import transaction

from config.celery import app as celery_app
from councils import after_commit as after_commit_module
from councils.after_commit import BackgroundThread, after_commit

RAN: list = []


@shared_task(name="tests.background_thread.record")
def record(value):
    RAN.append((value, threading.current_thread().name))


@shared_task(name="tests.background_thread.fail")
def fail(value):
    raise RuntimeError(f"failed on {value}")


class Handed:
    def __init__(self):
        self.jobs = []

    def submit(self, task, args, kwargs):
        self.jobs.append((task.name, args, kwargs))


@pytest.fixture
def handed(monkeypatch):
    jobs = Handed()
    monkeypatch.setattr(after_commit_module, "background", jobs)
    RAN.clear()
    return jobs


@pytest.fixture
def runner():
    thread = BackgroundThread()
    yield thread
    thread.shutdown()


@pytest.mark.django_db(transaction=True)
def test_with_no_broker_the_task_is_handed_over_after_the_commit(settings, handed):
    settings.TASKS_IN_BACKGROUND_THREAD = True
    with transaction.atomic():
        after_commit(record, 1)
        assert handed.jobs == []
    assert handed.jobs == [("tests.background_thread.record", (1,), {})]
    assert RAN == []  # not run in the caller


@pytest.mark.django_db(transaction=True)
def test_with_a_broker_the_task_goes_to_celery_as_before(settings, handed, monkeypatch):
    settings.TASKS_IN_BACKGROUND_THREAD = True
    # A broker: Celery no longer runs tasks in the caller (tests/conftest.py
    # puts it back for the next test).
    celery_app.conf.task_always_eager = False
    sent = []
    monkeypatch.setattr(record, "delay", lambda *a, **k: sent.append(a))
    after_commit(record, 2)
    assert sent == [(2,)] and handed.jobs == []


@pytest.mark.django_db(transaction=True)
def test_the_tests_run_tasks_at_once(handed):
    after_commit(record, 3)
    assert handed.jobs == []
    assert RAN == [(3, threading.current_thread().name)]


def test_the_background_thread_runs_tasks_in_order_elsewhere_and_closes_connections(
    runner, monkeypatch
):
    RAN.clear()
    closed = []
    monkeypatch.setattr(
        after_commit_module.connections,
        "close_all",
        lambda: closed.append(threading.current_thread().name),
    )
    first = runner.submit(record, (1,), {})
    second = runner.submit(record, (2,), {})
    first.result(timeout=60), second.result(timeout=60)
    assert [value for value, _ in RAN] == [1, 2]
    names = {name for _, name in RAN}
    assert len(names) == 1 and names != {threading.current_thread().name}
    assert closed == [*names, *names]  # once after each task, in that thread


def test_a_failing_background_task_is_logged_not_raised(runner, caplog):
    with caplog.at_level(logging.ERROR, logger="councils.after_commit"):
        assert runner.submit(fail, (7,), {}).result(timeout=60) is None
    lines = [r for r in caplog.records if r.name == "councils.after_commit"]
    assert len(lines) == 1
    assert "tests.background_thread.fail" in lines[0].getMessage()
    assert "failed on 7" in str(lines[0].exc_info[1])
