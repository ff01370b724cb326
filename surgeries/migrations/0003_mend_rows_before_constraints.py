# Rows the new constraints would refuse are put right first, in their own
# transaction (PostgreSQL will not add a constraint to a table with pending
# deferred checks from updates in the same transaction).

from django.db import migrations, models


def mend_rows_the_constraints_refuse(apps, schema_editor):
    """The services never wrote such rows, but data entered by hand might
    have: put them right rather than fail the migration. A quote approved
    without consent or words goes back to "not reviewed"; a surgery whose
    counts do not add up counts everyone it counted as approached."""
    FeedbackItem = apps.get_model("surgeries", "FeedbackItem")
    Surgery = apps.get_model("surgeries", "Surgery")
    approved = FeedbackItem.objects.filter(quote_status="approved")
    approved.filter(models.Q(consent_to_quote=False) | models.Q(approved_quote="")).update(
        quote_status="", approved_quote="", quote_reviewed_at=None, quote_reviewed_by=None
    )
    FeedbackItem.objects.filter(surgery__isnull=False).exclude(channel="surgery").update(
        channel="surgery"
    )
    FeedbackItem.objects.filter(follow_up="", follow_up_closed_at__isnull=False).update(
        follow_up_closed_at=None
    )
    Surgery.objects.filter(
        people_approached__lt=models.F("people_engaged") + models.F("people_declined")
    ).update(people_approached=models.F("people_engaged") + models.F("people_declined"))


class Migration(migrations.Migration):
    dependencies = [
        ("surgeries", "0002_feedback_selection_and_quote_review"),
    ]

    operations = [
        migrations.RunPython(mend_rows_the_constraints_refuse, migrations.RunPython.noop),
    ]
