"""Members: people who sign in, council reps and their records.

One module per part of a member's record; import models from here.
"""

from .accounts import RepProfile, RepSetupCode, User

__all__ = ["RepProfile", "RepSetupCode", "User"]
