"""Static files as production serves them (config/storage.py): hashed names
cached for a year, compressed, ES modules importing each other by their
hashed names, and the surgery page's service worker keeping exactly those.

Other tests use plain storage (tests/conftest.py); these collect the static
files once, with the production storage, into a folder of their own."""

from __future__ import annotations

import json
import re

import pytest
from django.core.management import call_command
from django.test import Client, override_settings

from tests.surgeries.test_views import url

PRODUCTION_STORAGE = {"BACKEND": "config.storage.HashedCompressedStaticFilesStorage"}
HASHED = re.compile(r"\.[0-9a-f]{12}\.(css|js|mjs)$")


def production_static(settings, root) -> None:
    settings.STATIC_ROOT = root
    settings.STORAGES = {**settings.STORAGES, "staticfiles": PRODUCTION_STORAGE}


@pytest.fixture(scope="module")
def collected(tmp_path_factory, django_db_blocker):
    root = tmp_path_factory.mktemp("staticfiles")
    from django.conf import settings

    storages = {**settings.STORAGES, "staticfiles": PRODUCTION_STORAGE}
    with override_settings(STATIC_ROOT=root, STORAGES=storages):
        # axe.min.js is for the browser tests only, and the slowest to compress.
        call_command(
            "collectstatic", interactive=False, verbosity=0, ignore_patterns=["axe.min.js"]
        )
    return root


@pytest.fixture
def static_root(collected, settings):
    production_static(settings, collected)
    return collected


def hashed_copy(root, folder: str, stem: str, suffix: str):
    matches = [p for p in (root / folder).glob(f"{stem}.*.{suffix}") if HASHED.search(p.name)]
    assert len(matches) == 1, matches
    return matches[0]


def test_modules_import_each_other_by_their_hashed_names(static_root):
    app = hashed_copy(static_root, "js", "app", "mjs").read_text()
    imports = re.findall(r'from "([^"]+)"', app)
    assert imports, app[:300]
    for target in imports:
        assert HASHED.search(target), f"app.mjs imports {target} by its plain name"
        path = (
            static_root / target.removeprefix("/static/")
            if target.startswith("/static/")
            else static_root / "js" / target.removeprefix("./")
        )
        assert path.exists(), target
    surgeries = hashed_copy(static_root, "js", "surgeries", "mjs").read_text()
    assert re.search(r'from "\./queue\.[0-9a-f]{12}\.mjs"', surgeries)


def test_the_service_worker_keeps_the_hashed_files_the_page_asks_for(
    static_root, tenant_a, client_for
):
    body = client_for(tenant_a["rep"]).get(url(tenant_a, "surgeries/sw.js")).content.decode()
    assets = re.search(r"const ASSETS = \[(.*?)\];", body).group(1)
    urls = [json.loads(f'"{u}"') for u in re.findall(r'"([^"]+)"', assets)]  # escapejs
    # The stylesheet, GOV.UK Frontend, and each of our modules the surgery
    # page loads (app, surgeries, and the two they import).
    kept = {re.sub(r"\.[0-9a-f]{12}\.", ".", u.rsplit("/", 1)[1]) for u in urls}
    assert kept == {
        "app.css",
        "govuk-frontend.min.js",
        "app.mjs",
        "surgeries.mjs",
        "queue.mjs",
        "drafts.mjs",
    }, kept
    for asset in urls:
        assert asset.startswith("/static/") and HASHED.search(asset), asset
        assert (static_root / asset.removeprefix("/static/")).exists(), asset
    # The page links the same names the worker keeps.
    page = client_for(tenant_a["rep"]).get(url(tenant_a, "")).content.decode()
    css = next(u for u in urls if u.endswith(".css"))
    app_js = next(u for u in urls if "/js/app." in u)
    assert f'href="{css}"' in page and f'src="{app_js}"' in page


def test_hashed_files_are_cached_for_a_year_and_sent_compressed(static_root):
    css = hashed_copy(static_root, "build", "app", "css")
    response = Client().get(f"/static/build/{css.name}", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
    assert response.status_code == 200
    cache = response["Cache-Control"]
    assert "immutable" in cache
    assert int(re.search(r"max-age=(\d+)", cache).group(1)) >= 365 * 24 * 60 * 60
    assert response["Content-Encoding"] in {"gzip", "br"}
    # The plain name still works (the 500 page uses it) but is not kept long.
    plain = Client().get("/static/build/app.css")
    assert plain.status_code == 200
    assert "immutable" not in plain["Cache-Control"]


def test_the_stylesheet_is_small(static_root):
    """Only the components the product uses (static/scss/app.scss): the whole
    of GOV.UK Frontend and MoJ Frontend was 238 KB."""
    css = hashed_copy(static_root, "build", "app", "css")
    assert css.stat().st_size < 150_000
    gz = css.with_name(css.name + ".gz")
    assert gz.stat().st_size < 25_000
