"""A real Celery worker, started as its own process against Redis, takes a
task from the queue and does it."""

import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
import redis

from tests.services import require_redis

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def celery_worker_process():
    url = require_redis()
    env = {**os.environ, "REDIS_URL": url}
    queue = f"test-{uuid.uuid4().hex[:8]}"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
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
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    try:
        yield url, queue
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()


def test_worker_round_trip(celery_worker_process):
    from celery import Celery

    url, queue = celery_worker_process
    sender = Celery("sender", broker=url)
    key, value = f"heartbeat-{uuid.uuid4().hex}", uuid.uuid4().hex
    sender.send_task("councils.tasks.heartbeat", args=[key, value], queue=queue)

    client = redis.Redis.from_url(url)
    deadline = time.monotonic() + 60
    found = None
    while time.monotonic() < deadline:
        keys = client.keys(f"*{key}")
        if keys:
            found = keys[0]
            break
        time.sleep(0.25)
    assert found is not None, "the worker did not run the task within 60 seconds"
    assert value.encode() in client.get(found)
