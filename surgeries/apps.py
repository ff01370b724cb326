from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SurgeriesConfig(AppConfig):
    name = "surgeries"
    verbose_name = _("Surgeries")

    def ready(self) -> None:
        from councils import home, navigation
        from councils.models import Role

        navigation.register(_("Surgeries"), "surgery_list", "surgeries.plan_surgery", order=20)
        # One "Feedback" link for everyone: it opens the board for reps and
        # coordinators and the summary for other staff.
        navigation.register(_("Feedback"), "feedback_home", None, order=30)
        navigation.register(_("Themes"), "theme_list", "surgeries.manage_themes", order=85)
        home.register_panel(
            "rep-surgeries",
            roles={Role.REP},
            template="surgeries/panels/rep.html",
            context=_rep_panel,
            order=1,
        )
        home.register_panel(
            "coordinator-feedback",
            roles={Role.COORDINATOR},
            template="surgeries/panels/coordinator.html",
            context=_coordinator_panel,
            order=10,
        )


def _rep_panel(request) -> dict:
    from django.utils import timezone

    from councils.freshness import remember

    from .selectors import surgeries_coming_up_for

    org = request.organisation
    # The person's own surgeries: remembered for them alone.
    surgeries = remember(
        org,
        "home-rep-surgeries",
        request.user.pk,
        lambda: surgeries_coming_up_for(request.user, org),
    )
    today = timezone.localdate()
    return {
        "organisation": request.organisation,
        "today_surgeries": [s for s in surgeries if s.date == today],
        "upcoming": [s for s in surgeries if s.date > today][:3],
    }


def _coordinator_panel(request) -> dict:
    from councils.freshness import remember
    from councils.permissions import council_ids_where

    from .selectors import open_follow_up_count

    org = request.organisation
    council_ids = council_ids_where(request.user, org, "surgeries.close_followup")
    # The same for every coordinator of the same councils.
    counts = remember(
        org,
        "home-coordinator-feedback",
        council_ids,
        lambda: open_follow_up_count(org, council_ids),
    )
    return {"organisation": org, "counts": counts}
