"""Redis down is not an outage (issue 10): with the cache and broker
unreachable, signing in works, asking for a report answers with its status
page, and the report is sent to a worker again once Redis is back.

The last test starts its own redis-server on a free port, stops it and starts
it again. Without redis-server it skips loudly (fails under STRICT=1)."""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import socket
import subprocess
import time

import pytest
import redis
import time_machine
from django.core.cache import cache

from config import cache as degrading_cache
from config.celery import app as celery_app
from councils.after_commit import after_commit
from reports import tasks as report_tasks
from reports.models import GeneratedReport
from reports.requeue import stuck_reports_requeue
from tests.services import unavailable

pytestmark = pytest.mark.django_db


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def use_redis(settings, url: str) -> None:
    settings.CACHES = {
        "default": {
            "BACKEND": "config.cache.DegradingRedisCache",
            "LOCATION": url,
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }


@pytest.fixture
def broker_at():
    """Point Celery at a broker URL, not eager, for one test."""
    conf = celery_app.conf
    before = (conf.broker_url, conf.task_always_eager)

    def point(url: str) -> None:
        conf.broker_url = url
        conf.task_always_eager = False
        celery_app._pool = None
        celery_app.amqp._producer_pool = None

    yield point
    conf.broker_url, conf.task_always_eager = before
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def no_retry_pause(monkeypatch):
    # Try Redis again on the next call rather than after a few seconds.
    monkeypatch.setattr(degrading_cache, "RETRY_AFTER_SECONDS", 0.0)


def sign_in(client, user):
    return client.post(
        "/accounts/login/", {"login": user.username, "password": "correct-horse-battery"}
    )


def ask_for_report(client, tenant):
    url = f"/{tenant.organisation.slug}/reports/new/"
    form = client.get(url).context["form"]
    data = {
        "kind": GeneratedReport.Kind.YOU_SAID_WE_DID_BOOKLET,
        "period": form.fields["period"].choices[1][0],
        "scope": form.fields["scope"].choices[0][0],
    }
    return client.post(url, data, follow=True)


def test_sign_in_works_with_the_cache_at_a_closed_port(tenant_a, client, settings, caplog):
    use_redis(settings, f"redis://127.0.0.1:{free_port()}/0")
    with caplog.at_level(logging.ERROR, logger="config.cache"):
        response = sign_in(client, tenant_a["rep"])
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(tenant_a["rep"].pk)
    assert any("Redis unreachable" in r.getMessage() for r in caplog.records)


def test_after_commit_with_a_dead_broker_logs_one_line_and_does_not_raise(
    broker_at, caplog, django_capture_on_commit_callbacks
):
    broker_at(f"redis://127.0.0.1:{free_port()}/0")
    with caplog.at_level(logging.ERROR, logger="councils.after_commit"):
        with django_capture_on_commit_callbacks(execute=True):
            after_commit(report_tasks.render_report, 12345)
    lines = [r for r in caplog.records if r.name == "councils.after_commit"]
    assert len(lines) == 1
    assert "broker unreachable" in lines[0].getMessage()
    assert lines[0].exc_info is None


def test_asking_for_a_report_with_a_dead_broker_shows_its_status_page(
    tenant_a, client_for, broker_at, django_capture_on_commit_callbacks
):
    client = client_for(tenant_a["coordinator"])
    broker_at(f"redis://127.0.0.1:{free_port()}/0")
    with django_capture_on_commit_callbacks(execute=True):
        response = ask_for_report(client, tenant_a)
    assert response.status_code == 200
    assert "Your report is waiting to start." in response.content.decode()
    assert GeneratedReport.objects.get().status == GeneratedReport.Status.QUEUED


def test_stuck_reports_are_sent_again_once_and_only_once(
    tenant_a, monkeypatch, django_capture_on_commit_callbacks
):
    from tests.reports.factories import ReportFactory

    sent = []
    monkeypatch.setattr(report_tasks.render_report, "delay", lambda *a: sent.append(a))
    report = ReportFactory(organisation=tenant_a.organisation, council=tenant_a.council)
    assert report.status == GeneratedReport.Status.QUEUED
    assert stuck_reports_requeue() == 0  # not waited long enough yet
    later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=6)
    with time_machine.travel(later), django_capture_on_commit_callbacks(execute=True):
        assert stuck_reports_requeue() == 1
        assert stuck_reports_requeue() == 0  # claimed: a second run sends nothing
    with (
        time_machine.travel(later + dt.timedelta(minutes=6)),
        django_capture_on_commit_callbacks(execute=True),
    ):
        assert stuck_reports_requeue() == 1  # still waiting: sent once more
    assert sent == [(report.pk,), (report.pk,)]


def test_the_sweep_is_on_the_beat_schedule(settings):
    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "reports.tasks.requeue_stuck_reports" in tasks


@pytest.fixture
def redis_server():
    """A redis-server of the test's own, which it can stop and start."""
    binary = shutil.which("redis-server")
    if not binary:
        unavailable("redis-server is not installed, so Redis cannot be stopped and started")
    port = free_port()
    url = f"redis://127.0.0.1:{port}/0"
    state = {}

    def start() -> None:
        state["process"] = subprocess.Popen(
            [
                binary,
                "--port",
                str(port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "no",
                "--bind",
                "127.0.0.1",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        client = redis.Redis.from_url(url)
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                client.ping()
                return
            except redis.exceptions.ConnectionError:
                time.sleep(0.05)  # waiting for the server to listen, not for the app
        raise RuntimeError("redis-server did not start")

    def stop() -> None:
        process = state.pop("process", None)
        if process:
            process.terminate()
            process.wait(timeout=20)

    start()
    yield url, start, stop
    stop()


def test_real_redis_stopped_and_started_again(
    tenant_a,
    client,
    client_for,
    settings,
    redis_server,
    broker_at,
    no_retry_pause,
    django_capture_on_commit_callbacks,
):
    url, start, stop = redis_server
    use_redis(settings, url)
    broker_at(url)
    server = redis.Redis.from_url(url)

    # Up: the sign-in's rate limit lives in Redis.
    assert sign_in(client, tenant_a["rep"]).status_code == 302
    assert server.dbsize() > 0
    client.logout()

    stop()
    # Down: signing in still works, and asking for a report still answers.
    assert sign_in(client, tenant_a["rep"]).status_code == 302
    client.logout()
    coordinator = client_for(tenant_a["coordinator"])
    with django_capture_on_commit_callbacks(execute=True):
        response = ask_for_report(coordinator, tenant_a)
    assert response.status_code == 200
    report = GeneratedReport.objects.get()
    assert report.status == GeneratedReport.Status.QUEUED

    start()  # empty: nothing was queued while it was down
    assert server.llen("celery") == 0
    cache.set("back", "yes")
    assert server.dbsize() > 0  # the cache uses Redis again
    with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(minutes=6)):
        with django_capture_on_commit_callbacks(execute=True):
            assert stuck_reports_requeue() == 1
    assert server.llen("celery") == 1  # the report's render is queued for a worker
