"""A real Celery worker, in its own process, takes the render task from Redis,
reads the report from PostgreSQL (the test database) and writes the PDF.

Needs REDIS_URL and a PostgreSQL DATABASE_URL: skipped loudly without them,
and a failure under STRICT=1 (tests/services.py)."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.db import connection

from reports.models import GeneratedReport
from tests.reports.factories import ReportFactory
from tests.reports.pdftext import pdf_text, says
from tests.reports.waiting import wait_for
from tests.services import require_postgres, require_redis

ROOT = Path(__file__).resolve().parents[2]

pytestmark = [
    pytest.mark.redis,
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
]


def worker_database_url() -> str:
    """The URL of the database this test run uses (test_<name>), for the worker."""
    db = connection.settings_dict
    auth = quote(db["USER"] or "", safe="")
    if db.get("PASSWORD"):
        auth += ":" + quote(db["PASSWORD"], safe="")
    host = db.get("HOST") or "127.0.0.1"
    port = db.get("PORT") or 5432
    return f"postgres://{auth}@{host}:{port}/{db['NAME']}"


@pytest.fixture
def worker(tmp_path, settings):
    redis_url = require_redis()
    require_postgres()
    queue = f"reports-test-{uuid.uuid4().hex[:8]}"
    media = tmp_path / "worker-media"
    settings.MEDIA_ROOT = media
    log = tmp_path / "worker.log"
    env = {
        **os.environ,
        "REDIS_URL": redis_url,
        "DATABASE_URL": worker_database_url(),
        "MEDIA_ROOT": str(media),
        "SITE_URL": "http://testserver",
    }
    with log.open("wb") as out:
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
                "--loglevel=INFO",
                "--without-heartbeat",
                "--without-gossip",
                "--without-mingle",
            ],
            cwd=ROOT,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        yield redis_url, queue, log
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until_finished(report, log, seconds=120):
    def finished():
        report.refresh_from_db()
        return report.status in {GeneratedReport.Status.READY, GeneratedReport.Status.FAILED}

    wait_for(
        finished,
        seconds=seconds,
        failure=lambda: (
            f"the worker did not finish the report within {seconds} seconds "
            f"(status {report.status}). Worker log:\n{log.read_text()[-3000:]}"
        ),
    )


def tasks_done(log) -> int:
    """Render tasks the worker has finished, by its own log."""
    return log.read_text(errors="replace").count("succeeded in")


def test_real_worker_renders_a_report_once(worker, tenant_a, settings):
    from celery import Celery

    redis_url, queue, log = worker
    report = ReportFactory(council=tenant_a.council)
    sender = Celery("sender", broker=redis_url)
    # Sent twice, as a redelivery would: one document, made once.
    sender.send_task("reports.tasks.render_report", args=[report.pk], queue=queue)
    sender.send_task("reports.tasks.render_report", args=[report.pk], queue=queue)
    wait_until_finished(report, log)
    assert report.status == GeneratedReport.Status.READY, report.error_message
    path = Path(settings.MEDIA_ROOT) / report.file.name
    assert path.exists()
    assert says(pdf_text(path.read_bytes()), tenant_a.council.name)
    # The second message is taken and finishes without rendering again.
    wait_for(
        lambda: tasks_done(log) >= 2,
        seconds=60,
        failure=lambda: f"the worker did not take the second message. Log:\n{log.read_text()}",
    )
    assert "'already_done'" in log.read_text()
    report.refresh_from_db()
    assert report.attempts == 1
    assert [p.name for p in path.parent.iterdir()] == [path.name]


def test_a_render_whose_worker_died_is_finished_by_a_real_worker(worker, tenant_a):
    """A worker killed mid-render leaves the row 'rendering' and the message
    unacknowledged (acks late); when it is delivered again after the lease,
    the next worker takes the report over and finishes it."""
    from celery import Celery
    from django.utils import timezone

    from reports.services import RENDER_LEASE

    redis_url, queue, log = worker
    died = timezone.now() - RENDER_LEASE - dt.timedelta(seconds=1)
    report = ReportFactory(
        council=tenant_a.council,
        status=GeneratedReport.Status.RENDERING,
        started_at=died,
        attempts=1,
    )
    Celery("sender", broker=redis_url).send_task(
        "reports.tasks.render_report", args=[report.pk], queue=queue
    )
    wait_until_finished(report, log)
    assert report.status == GeneratedReport.Status.READY, report.error_message
    assert report.attempts == 2
