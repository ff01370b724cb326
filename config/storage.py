"""Static files with content-hashed names, compressed once at collectstatic.

WhiteNoise serves a hashed name (``app.3f2a9c1b7d4e.css``) with
``Cache-Control: max-age=315360000, public, immutable``: a phone that has it
never asks again, and a changed file has a new name. Unhashed names are still
served, with a short cache life (the 500 page links to one).

Django rewrites ``url(...)`` in CSS, and, with module-import support on,
``import ... from "./x.mjs"`` in our ES modules, so a module asks for its
imports by their hashed names too (the service worker keeps exactly those).
Its patterns are written for ``*.js``; ours are ``*.mjs``. In DEBUG (``make
demo``) ``{% static %}`` gives the plain names and runserver serves them from
the source folders; tests use plain storage (tests/conftest.py).
"""

from __future__ import annotations

from django.contrib.staticfiles.storage import HashedFilesMixin
from whitenoise.storage import CompressedManifestStaticFilesStorage

_IMPORT_PATTERNS = HashedFilesMixin._js_module_import_aggregation_patterns[1]


class HashedCompressedStaticFilesStorage(CompressedManifestStaticFilesStorage):
    patterns = (
        *CompressedManifestStaticFilesStorage.patterns,
        ("*.mjs", _IMPORT_PATTERNS),
    )
