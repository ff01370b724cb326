import pytest


@pytest.fixture(autouse=True)
def _private_receipts(settings, tmp_path):
    """Receipts go to a temporary private folder in every expenses test."""
    settings.EXPENSES_RECEIPT_ROOT = tmp_path / "private"
    return settings.EXPENSES_RECEIPT_ROOT
