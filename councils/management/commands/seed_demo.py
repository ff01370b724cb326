"""Load the demo data. Idempotent: running it twice changes nothing.

Each app may have a ``demo`` module with ``seed(context)``; they run in the
order of INSTALLED_APPS, so later apps can use what earlier ones made.
Email tasks are paused throughout: the demo records months of history
without emailing anyone about it.
"""

from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import transaction

from councils.after_commit import notifications_paused


class Command(BaseCommand):
    help = "Load demo organisations, councils, people and records."

    def handle(self, *args, **options):
        context: dict = {}
        with notifications_paused(), transaction.atomic():
            for config in apps.get_app_configs():
                module_name = f"{config.name}.demo"
                if find_spec(module_name) is None:
                    continue
                import_module(module_name).seed(context)
                self.stdout.write(f"Seeded {config.label}")
        self.stdout.write(self.style.SUCCESS("Demo data ready."))
