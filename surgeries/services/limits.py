"""How long text may be and how far dates may reach, shared by the services
and the forms so the two always agree."""

import datetime as dt

SAID_MAX = 2000
QUOTE_MAX = 1000
NOTE_MAX = 1000
REASON_MAX = 200
COUNT_MAX = 1000
THEME_NAME_MAX = 100
SIGNPOSTED_OTHER_MAX = 100
PLAN_AHEAD = dt.timedelta(days=366)
LOG_BACK = dt.timedelta(days=366)
