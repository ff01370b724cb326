"""A covering index for counting an organisation's feedback over a period
(the feedback summary, the quarterly report's themes and people, the
dashboard's themes), on PostgreSQL only: SQLite (the demo) has no INCLUDE.

Every count of those pages filters by organisation and a range of
``received_on`` and reads only these short columns, so PostgreSQL answers
them from the index alone (an index-only scan of a quarter's entries)
instead of reading a heap page for nearly every item: the items of one
organisation are spread over the whole table. ``id`` is included because
Django counts ``COUNT(id)``. A new column counted by those pages belongs
here too, or its query goes back to reading the rows."""

from django.db import migrations

NAME = "feedback_period_counts"
INCLUDED = (
    "id",
    "council",
    "theme",
    "site",
    "channel",
    "kind",
    "gender",
    "age_band",
    "ethnicity",
    "order_type",
    "follow_up",
    "signposted_to",
)


def _index():
    from django.db.models import Index

    return Index(fields=["organisation", "received_on"], include=INCLUDED, name=NAME)


def add_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.add_index(apps.get_model("surgeries", "FeedbackItem"), _index())


def remove_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.remove_index(apps.get_model("surgeries", "FeedbackItem"), _index())


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0005_search_indexes_on_postgresql"),
        ("surgeries", "0009_count_tap"),
    ]

    operations = [migrations.RunPython(add_index, remove_index)]
