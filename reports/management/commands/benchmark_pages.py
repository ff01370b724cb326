"""Measure every main page of every role on the national data set, served
as production serves it, side by side with a bare Django view in the same run.

    createdb -h 127.0.0.1 -U postgres sad_bench
    export DATABASE_URL=postgres://postgres@127.0.0.1:5432/sad_bench
    .venv/bin/python manage.py migrate
    .venv/bin/python manage.py benchmark_pages

It builds the national data set if the database has none
(build_national_dataset), collects the static files, starts gunicorn (2 sync
workers, DEBUG=0, persistent database connections) on a free port, and signs
in one person of each role through Django's session store (staff sessions
are marked as having passed the second factor, as a real sign-in would).

For each page it prints: requests a second at 16 connections (wrk, from
Debian: ``apt-get install wrk``; or ``--load python``, a bounded thread loop
of our own), the share of the bare view's requests a second, p50 and p95 one
request at a time, the queries the page makes (counted in-process through
the same middleware), and the bytes of the HTML, plain and gzipped. The bare
view is ``/healthz`` (a view that returns "ok" through the whole middleware
stack); it is measured at the start, between pages and at the end, and each
page's share is of the median of those runs. Timings never go into tests.
"""

from __future__ import annotations

import http.client
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.db.models import Count
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from councils.models import Council, Organisation, Role, RoleAssignment
from councils.tenancy import mark_second_factor_passed
from surgeries.models import Surgery

BARE = ("bare Django view (/healthz)", None, "/healthz")


@dataclass
class Page:
    label: str
    role: str
    path: str


@dataclass
class Result:
    page: Page
    status: int
    rps: float
    errors: int
    p50: float
    p95: float
    queries: int
    html_bytes: int
    gzip_bytes: int


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(share * (len(ordered) - 1))))
    return ordered[index]


class Command(BaseCommand):
    help = "Benchmark every main page of every role against a bare Django view."

    def add_arguments(self, parser):
        parser.add_argument("--duration", type=int, default=8, help="seconds of load per page")
        parser.add_argument("--connections", type=int, default=16)
        parser.add_argument("--serial", type=int, default=40, help="one-at-a-time requests")
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--load", choices=["wrk", "python"], default="")
        parser.add_argument("--only", default="", help="measure pages whose label contains this")
        parser.add_argument("--organisation", default="", help="slug; default: the largest")
        parser.add_argument(
            "--slow-queries",
            type=int,
            default=0,
            help="print each page's N slowest queries (in-process), to find where time goes",
        )
        parser.add_argument(
            "--explain", action="store_true", help="with --slow-queries: EXPLAIN ANALYZE them"
        )
        parser.add_argument(
            "--no-load", action="store_true", help="serial timings, queries and bytes only"
        )
        parser.add_argument(
            "--cold",
            action="store_true",
            help="with nothing remembered (FRESH_SECONDS=0): what each view costs when the "
            "organisation's data has just changed",
        )
        parser.add_argument(
            "--profile",
            type=int,
            default=0,
            help="profile each page in-process (cProfile, 20 requests) and print its N "
            "costliest functions; run with DEBUG=0, as production",
        )

    # -- set-up ---------------------------------------------------------

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            raise CommandError("Run it on PostgreSQL: set DATABASE_URL (see docs/benchmarks.md).")
        self.options = options
        if options["cold"]:
            settings.FRESH_SECONDS = 0
        self.load = options["load"] or ("wrk" if shutil.which("wrk") else "python")
        if not Organisation.objects.filter(slug__startswith="bench").exists():
            self.stdout.write("No national data set here: building it (about a minute).")
            call_command("build_national_dataset")
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        org = self._organisation(options["organisation"])
        pages = self._pages(org)
        if options["only"]:
            pages = [p for p in pages if options["only"].lower() in p.label.lower()]
        cookies = {role: self._session_for(user) for role, user in self.people.items()}
        # Hashed static names, as production: pages need the manifest.
        call_command("collectstatic", interactive=False, verbosity=0)
        queries = {p.label: self._queries(p, cookies[p.role]) for p in pages}
        if options["slow_queries"]:
            return
        if options["profile"]:
            for page in pages:
                self._profile(page, cookies[page.role])
            return
        port = free_port()
        server = self._start_gunicorn(port)
        try:
            self._wait_for(port)
            results, bare_runs = self._measure(port, pages, cookies, queries)
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        self._report(org, results, bare_runs)

    def _organisation(self, slug: str) -> Organisation:
        orgs = Organisation.objects.annotate(n=Count("council")).order_by("-n", "slug")
        org = orgs.filter(slug=slug).first() if slug else orgs.first()
        if org is None:
            raise CommandError("No organisation found.")
        return org

    def _person(self, org, role: str, **scope):
        assignment = (
            RoleAssignment.objects.active()
            .filter(organisation=org, role=role, **scope)
            .select_related("user")
            .order_by("id")
            .first()
        )
        if assignment is None:
            raise CommandError(f"No {role} in {org}.")
        return assignment.user

    def _pages(self, org) -> list[Page]:
        council = (
            Council.objects.filter(organisation=org)
            .annotate(n=Count("feedback_items"))
            .order_by("-n", "id")
            .first()
        )
        # A rep of the busiest council; their surgery page is the council's
        # latest surgery (the data set does not say which reps went).
        rep = self._person(org, Role.REP, council=council)
        surgery = Surgery.objects.filter(council=council).order_by("-date", "-id").first()
        self.people = {
            "coordinator": self._person(org, Role.COORDINATOR),
            "manager": self._person(org, Role.MANAGER),
            "lead": self._person(org, Role.LEAD),
            "chair": self._person(org, Role.CHAIR),
            "admin": self._person(org, Role.ADMIN),
            "rep": rep,
        }
        self.council = council
        slug = org.slug

        def url(name, **kwargs):
            return reverse(name, kwargs={"org_slug": slug, **kwargs})

        board = url("feedback_board") + f"?council={council.public_id}"
        rows = [
            ("home", "coordinator", url("org_home")),
            ("proposals", "coordinator", url("proposal_list")),
            ("feedback board", "coordinator", board),
            ("surgeries", "coordinator", url("surgery_list")),
            ("meetings", "coordinator", url("meeting_list")),
            ("reports", "coordinator", url("report_list")),
            ("follow-ups", "coordinator", url("followup_list")),
            ("quotes to review", "coordinator", url("quote_list")),
            ("people", "coordinator", url("people_list")),
            ("claims waiting", "coordinator", url("expenses_waiting")),
            ("home", "manager", url("org_home")),
            ("feedback summary", "manager", url("feedback_summary")),
            ("overdue", "manager", url("proposal_overdue")),
            ("reports", "manager", url("report_list")),
            ("home", "chair", url("org_home")),
            ("decisions awaiting me", "chair", url("proposal_decisions")),
            ("home", "lead", url("org_home")),
            ("my actions", "lead", url("proposal_my_actions")),
            ("home", "admin", url("org_home")),
            ("audit log", "admin", url("audit_log")),
            ("home", "rep", url("org_home")),
            ("surgery page", "rep", url("surgery_detail", surgery_id=surgery.public_id)),
            ("feedback board", "rep", board),
            ("our proposals", "rep", url("proposal_ours")),
            ("proposals", "rep", url("proposal_list")),
            ("my expenses", "rep", url("expenses_mine")),
            # Pages the open issues added: dashboards and the report as a page
            # (14), search (14), words to approve (9), the reps' journey (13).
            ("dashboard", "manager", url("dashboard")),
            ("quarterly report page", "manager", url("quarterly_page")),
            ("search", "coordinator", url("search") + "?q=reception"),
            ("words waiting", "coordinator", url("wording_waiting")),
            ("reps", "coordinator", url("reps_home")),
            ("elections", "coordinator", url("election_list")),
            ("my details", "rep", url("my_details")),
        ]
        return [Page(f"{label} ({role})", role, path) for label, role, path in rows]

    def _session_for(self, user) -> str:
        """A signed-in session as allauth would leave it; staff have passed
        their second factor (and get an authenticator if they have none)."""
        from allauth.mfa.models import Authenticator
        from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
        from django.contrib.sessions.backends.db import SessionStore

        from councils.selectors import user_is_staff

        if (
            user_is_staff(user)
            and not Authenticator.objects.filter(user=user, type=Authenticator.Type.TOTP).exists()
        ):
            TOTP.activate(user, generate_totp_secret())
        session = SessionStore()
        session[SESSION_KEY] = str(user.pk)
        session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        session[HASH_SESSION_KEY] = user.get_session_auth_hash()
        mark_second_factor_passed(session, user)
        session.set_expiry(24 * 60 * 60)
        session.save()
        return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"

    def _queries(self, page: Page, cookie: str) -> int:
        client = Client()
        client.cookies[settings.SESSION_COOKIE_NAME] = cookie.split("=", 1)[1]
        client.get(page.path)  # warm caches a worker would already have
        with CaptureQueriesContext(connection) as captured:
            response = client.get(page.path)
        if response.status_code != 200:
            raise CommandError(f"{page.label}: {page.path} answered {response.status_code}.")
        if self.options["slow_queries"]:
            slowest = sorted(captured, key=lambda q: -float(q["time"]))
            self.stderr.write(f"\n== {page.label}: {len(captured)} queries")
            for q in slowest[: self.options["slow_queries"]]:
                self.stderr.write(f"  {float(q['time']) * 1000:.0f} ms  {q['sql'][:300]}")
                if self.options["explain"] and q["sql"].startswith("SELECT"):
                    with connection.cursor() as cursor:
                        cursor.execute("EXPLAIN ANALYZE " + q["sql"])
                        plan = "\n".join("      " + row[0] for row in cursor.fetchall())
                    self.stderr.write(plan)
        return len(captured)

    def _profile(self, page: Page, cookie: str, requests: int = 20) -> None:
        """Where a page's time goes, in-process: the functions with the most
        cumulative and the most own time over `requests` requests."""
        import cProfile
        import io
        import pstats

        client = Client()
        client.cookies[settings.SESSION_COOKIE_NAME] = cookie.split("=", 1)[1]
        client.get(page.path)
        profiler = cProfile.Profile()
        start = time.process_time()
        profiler.enable()
        for _ in range(requests):
            client.get(page.path)
        profiler.disable()
        cpu = (time.process_time() - start) * 1000 / requests
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.sort_stats("cumulative").print_stats(self.options["profile"])
        stats.sort_stats("tottime").print_stats(self.options["profile"])
        self.stderr.write(f"\n== {page.label}: {cpu:.1f} ms CPU a request (profiled)")
        self.stderr.write(out.getvalue())

    def _start_gunicorn(self, port: int) -> subprocess.Popen:
        gunicorn = os.path.join(os.path.dirname(sys.executable), "gunicorn")
        env = {
            **os.environ,
            "DEBUG": "0",
            "CONN_MAX_AGE": "600",
            "DJANGO_SETTINGS_MODULE": "config.settings",
        }
        if self.options["cold"]:
            env["FRESH_SECONDS"] = "0"
        return subprocess.Popen(
            [
                gunicorn,
                "config.wsgi",
                "--workers",
                str(self.options["workers"]),
                "--worker-class",
                "sync",
                "--bind",
                f"127.0.0.1:{port}",
                "--log-level",
                "warning",
            ],
            env=env,
            start_new_session=True,
        )

    def _wait_for(self, port: int) -> None:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                self._get(port, "/healthz", "")
                return
            except OSError:
                time.sleep(0.3)
        raise CommandError("gunicorn did not start.")

    # -- measuring -------------------------------------------------------

    def _headers(self, cookie: str, gzip: bool = True) -> dict:
        headers = {"Host": "127.0.0.1", "Accept-Language": "en-GB"}
        if gzip:
            headers["Accept-Encoding"] = "gzip"
        if cookie:
            headers["Cookie"] = cookie
        return headers

    def _get(self, port, path, cookie, conn=None, gzip=True) -> tuple[int, bytes]:
        own = conn is None
        conn = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        conn.request("GET", path, headers=self._headers(cookie, gzip))
        response = conn.getresponse()
        body = response.read()
        if own:
            conn.close()
        return response.status, body

    def _serial(self, port, path, cookie) -> tuple[float, float]:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        times = []
        for i in range(self.options["serial"] + 3):
            start = time.perf_counter()
            self._get(port, path, cookie, conn)
            if i >= 3:  # each worker warm first
                times.append((time.perf_counter() - start) * 1000)
        conn.close()
        return percentile(times, 0.5), percentile(times, 0.95)

    def _under_load(self, port, path, cookie) -> tuple[float, int]:
        if self.options["no_load"]:
            return 0.0, 0
        if self.load == "wrk":
            return self._wrk(port, path, cookie)
        return self._python_load(port, path, cookie)

    def _wrk(self, port, path, cookie) -> tuple[float, int]:
        command = ["wrk", "-t2", f"-c{self.options['connections']}"]
        command += [f"-d{self.options['duration']}s", "--timeout", "30s"]
        for name, value in self._headers(cookie).items():
            if name != "Host":
                command += ["-H", f"{name}: {value}"]
        command.append(f"http://127.0.0.1:{port}{path}")
        out = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
        errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
        return rps, int(errors.group(1)) if errors else 0

    def _python_load(self, port, path, cookie) -> tuple[float, int]:
        """A bounded loop of our own: N threads, each with one keep-alive
        connection, for the duration; counts answers and non-200s."""
        stop = time.monotonic() + self.options["duration"]
        counts = [0] * self.options["connections"]
        errors = [0] * self.options["connections"]

        def worker(i):
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            while time.monotonic() < stop:
                status, _ = self._get(port, path, cookie, conn)
                counts[i] += 1
                errors[i] += status != 200

        threads = [threading.Thread(target=worker, args=(i,)) for i in range(len(counts))]
        start = time.monotonic()
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return sum(counts) / (time.monotonic() - start), sum(errors)

    def _measure_one(self, port, page: Page, cookie: str, queries: int) -> Result:
        status, plain = self._get(port, page.path, cookie, gzip=False)
        _, compressed = self._get(port, page.path, cookie, gzip=True)
        p50, p95 = self._serial(port, page.path, cookie)
        rps, errors = self._under_load(port, page.path, cookie)
        return Result(page, status, rps, errors, p50, p95, queries, len(plain), len(compressed))

    def _measure(self, port, pages, cookies, queries):
        bare = Page(BARE[0], "", BARE[2])
        bare_runs = []
        results = []
        for i, page in enumerate(pages):
            if i % 5 == 0:
                bare_runs.append(self._measure_one(port, bare, "", 0))
            result = self._measure_one(port, page, cookies[page.role], queries[page.label])
            self.stderr.write(
                f"{page.label}: {result.rps:.0f}/s p50 {result.p50:.0f} ms "
                f"p95 {result.p95:.0f} ms, {result.queries} queries"
            )
            results.append(result)
        bare_runs.append(self._measure_one(port, bare, "", 0))
        return results, bare_runs

    # -- report ----------------------------------------------------------

    def _report(self, org, results: list[Result], bare_runs: list[Result]) -> None:
        bare_rps = statistics.median(r.rps for r in bare_runs) if not self.options["no_load"] else 0
        load = os.getloadavg()
        now = timezone.localtime()
        self.stdout.write(
            f"\n{now:%Y-%m-%d %H:%M} (Europe/London); {os.cpu_count()} CPUs; "
            f"Python {platform.python_version()}; PostgreSQL "
            f"{connection.cursor().connection.info.server_version}; load average "
            f"{load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} (1/5/15 min) at the end; "
            f"organisation {org.name}, council {self.council.name}; "
            f"gunicorn {self.options['workers']} sync workers; load by {self.load}, "
            f"{self.options['connections']} connections, {self.options['duration']} s a page; "
            f"{self.options['serial']} requests one at a time; "
            f"remembered work {'off (--cold)' if self.options['cold'] else 'on'}, cache "
            f"{'Redis' if os.environ.get('REDIS_URL') else 'in each worker'}.\n"
        )
        runs = ", ".join(f"{r.rps:.0f}" for r in bare_runs)
        self.stdout.write(
            f"Bare Django view: {bare_rps:.0f} requests/s (median of runs: {runs}); "
            f"p50 {statistics.median(r.p50 for r in bare_runs):.1f} ms.\n\n"
        )
        self.stdout.write(
            "| page (role) | requests/s | share of bare | p50 (ms) | p95 (ms) "
            "| queries | HTML | gzipped |\n|---|---:|---:|---:|---:|---:|---:|---:|\n"
        )
        for r in results:
            share = f"{100 * r.rps / bare_rps:.1f}%" if bare_rps else "-"
            flag = (
                ""
                if r.status == 200 and not r.errors
                else f" (status {r.status}, {r.errors} errors)"
            )
            self.stdout.write(
                f"| {r.page.label}{flag} | {r.rps:.0f} | {share} | {r.p50:.0f} | {r.p95:.0f} "
                f"| {r.queries} | {r.html_bytes / 1024:.0f} KB | {r.gzip_bytes / 1024:.1f} KB |\n"
            )
        if bare_rps:
            shares = sorted(100 * r.rps / bare_rps for r in results)
            self.stdout.write(
                f"\nShare of bare: lowest {shares[0]:.1f}%, "
                f"median {statistics.median(shares):.1f}%. "
                f"p95 one at a time: worst {max(r.p95 for r in results):.0f} ms.\n"
            )
