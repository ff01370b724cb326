"""Where receipts are kept: a private folder, never under MEDIA_ROOT or static.

Nothing serves this folder. A receipt is read only through the receipt view,
which checks permission and writes an audit event for every read. The folder
is ``EXPENSES_RECEIPT_ROOT`` if that setting exists (tests point it at a
temporary folder), otherwise ``private/`` beside manage.py.
"""

from __future__ import annotations

import os
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def receipt_root() -> Path:
    root = getattr(settings, "EXPENSES_RECEIPT_ROOT", None)
    return Path(root) if root else Path(settings.BASE_DIR) / "private"


class ReceiptStorage(FileSystemStorage):
    """A file system storage with no URL, whose folder is read from settings
    each time, so a test can move it."""

    def __init__(self) -> None:
        super().__init__(base_url=None)

    @property
    def base_location(self) -> str:  # type: ignore[override]
        return str(receipt_root())

    @property
    def location(self) -> str:  # type: ignore[override]
        return os.path.abspath(self.base_location)

    def url(self, name):  # noqa: ARG002 - never a public address
        raise ValueError("Receipts have no public address; use the receipt view.")


receipt_storage = ReceiptStorage()
