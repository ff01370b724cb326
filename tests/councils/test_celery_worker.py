"""A real Celery worker, started as its own process against Redis, takes a
task from the queue and does it. And in every other test, tasks run in the
test's own process and a task that raises fails the test."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
import redis
from celery import shared_task
from celery.exceptions import TimeoutError as CeleryTimeoutError
from django.db import transaction

from councils.after_commit import after_commit
from tests.services import require_redis

ROOT = Path(__file__).resolve().parents[2]
WORKER_TIMEOUT = 60  # seconds: the worker starts, imports Django, runs one task


@pytest.fixture
def celery_worker_process(tmp_path):
    """A worker on a queue of its own, so that parallel test runs (xdist
    workers, other checkouts) sharing this Redis never take each other's
    tasks. It stores results in Redis, so the test can wait for one."""
    url = require_redis()
    env = {**os.environ, "REDIS_URL": url}
    queue = f"test-{uuid.uuid4().hex}"
    log = tmp_path / "worker.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "celery",
                "-A",
                "config",
                f"--result-backend={url}",
                "worker",
                "--pool=solo",
                "--concurrency=1",
                "-Q",
                queue,
                "--loglevel=WARNING",
                "--without-heartbeat",
                "--without-gossip",
                "--without-mingle",
            ],
            cwd=ROOT,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        yield url, queue, log
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def test_worker_round_trip(celery_worker_process):
    from celery import Celery

    url, queue, log = celery_worker_process
    # Not the current app: otherwise every later test's shared tasks would
    # be sent to Redis instead of running in-process.
    sender = Celery("sender", broker=url, backend=url, set_as_current=False)
    key, value = f"heartbeat-{uuid.uuid4().hex}", uuid.uuid4().hex
    result = sender.send_task("councils.tasks.heartbeat", args=[key, value], queue=queue)
    try:
        # Blocks until the worker stores the task's result (Redis tells us).
        returned = result.get(timeout=WORKER_TIMEOUT)
    except CeleryTimeoutError:
        pytest.fail(
            f"the worker did not run the task within {WORKER_TIMEOUT} seconds. "
            f"Its log:\n{log.read_text()}"
        )
    finally:
        result.forget()
    assert returned == value

    # The task's own work: the value is in the cache (Django prefixes the key).
    client = redis.Redis.from_url(url)
    keys = client.keys(f"*{key}")
    assert len(keys) == 1, keys
    assert value.encode() in client.get(keys[0])
    client.delete(*keys)


class BrokenTaskError(Exception):
    pass


@shared_task(name="tests.celery_worker.broken", sends_email=True)
def broken_email_task(person_id: int) -> None:
    raise BrokenTaskError(f"cannot email person {person_id}")


def test_a_task_that_raises_fails_the_test_that_started_it():
    with pytest.raises(BrokenTaskError):
        broken_email_task.delay(1)


@pytest.mark.django_db
def test_a_task_started_after_commit_raises_too(django_capture_on_commit_callbacks):
    with pytest.raises(BrokenTaskError):
        with django_capture_on_commit_callbacks(execute=True):
            with transaction.atomic():
                after_commit(broken_email_task, 1)


def test_a_test_that_makes_its_own_celery_app():
    from celery import Celery, current_app

    Celery("stray")  # becomes the current app, as a sender made carelessly would
    assert current_app.main == "stray"


def test_the_next_test_still_runs_tasks_in_process():
    """Runs after the test above (same file, same process): the autouse
    fixture made the project's app current again."""
    from celery import current_app

    from config.celery import app

    assert current_app.main == app.main
    with pytest.raises(BrokenTaskError):
        broken_email_task.delay(1)
