"""GIN indexes for full-text search (reports/selectors/search.py), on
PostgreSQL only: SQLite (the demo) searches with icontains and gets nothing.
Each index is on the same expression the search uses (the same fields, in
the same order, with the same text search configuration), so PostgreSQL can
use it. Change both together."""

from django.db import migrations

SEARCH_CONFIG = "english"
INDEXES = [
    ("proposals", "Proposal", "proposal_search_gin", ("title", "problem", "solution", "we_did")),
    ("proposals", "Decision", "decision_search_gin", ("reason", "changes_required")),
    ("proposals", "Meeting", "meeting_search_gin", ("venue", "cancelled_reason")),
    ("proposals", "MinutePoint", "minute_point_search_gin", ("text",)),
    ("proposals", "ActionPoint", "action_point_search_gin", ("description",)),
    ("surgeries", "FeedbackItem", "feedback_search_gin", ("said", "suggestion")),
]


def _index(fields, name):
    from django.contrib.postgres.indexes import GinIndex
    from django.contrib.postgres.search import SearchVector

    return GinIndex(SearchVector(*fields, config=SEARCH_CONFIG), name=name)


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for app_label, model_name, name, fields in INDEXES:
        schema_editor.add_index(apps.get_model(app_label, model_name), _index(fields, name))


def remove_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for app_label, model_name, name, fields in INDEXES:
        schema_editor.remove_index(apps.get_model(app_label, model_name), _index(fields, name))


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0004_exports_as_a_kind_of_report"),
        ("proposals", "0007_target_date_requests_and_milestones"),
        ("surgeries", "0004_constraints_and_words_ready_for_welsh"),
    ]

    operations = [migrations.RunPython(add_indexes, remove_indexes)]
