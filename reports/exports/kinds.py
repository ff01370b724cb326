"""Imports every module that registers an export kind."""

from . import meetings, places, proposals  # noqa: F401
