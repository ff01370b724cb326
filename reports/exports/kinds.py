"""Imports every module that registers an export kind."""

from . import meetings, proposals  # noqa: F401
