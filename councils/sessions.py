"""The session store: Django's database sessions, read with SQL built once.

Every signed-in page reads its session first. Django builds that query's SQL
afresh each time (about 0.3 ms of Python); here it is built once per process
(``councils.precompiled``). The expiry is compared in Python, against the
same clock, so a session past its time is refused exactly as before.
"""

from __future__ import annotations

from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.utils import timezone

from .precompiled import PrecompiledQuery

_SESSION_BY_KEY = PrecompiledQuery(
    lambda key, session_key: Session.objects.filter(session_key=session_key)
)


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        found = _SESSION_BY_KEY.run(session_key=self.session_key)
        if found and found[0].expire_date > timezone.now():
            return found[0]
        self._session_key = None
        return None
