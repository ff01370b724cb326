from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProposalsConfig(AppConfig):
    name = "proposals"
    verbose_name = _("Proposals")

    def ready(self) -> None:
        from councils import home, navigation
        from councils.models import Role

        from . import panels

        navigation.register(_("Proposals"), "proposal_list", "proposals.view_proposal", order=40)
        navigation.register(_("Meetings"), "meeting_list", "proposals.view_proposal", order=45)
        home.register_panel(
            "rep-proposals",
            roles={Role.REP},
            **panels.registered("rep-proposals"),
            order=3,
        )
        home.register_panel(
            "rep-meetings",
            roles={Role.REP},
            **panels.registered("rep-meetings"),
            order=4,
        )
        home.register_panel(
            "chair-decisions",
            roles={Role.CHAIR},
            **panels.registered("chair-decisions"),
            order=2,
        )
        home.register_panel(
            "lead-actions",
            roles={Role.LEAD},
            **panels.registered("lead-actions"),
            order=2,
        )
        home.register_panel(
            "coordinator-overdue",
            roles={Role.COORDINATOR},
            **panels.registered("coordinator-overdue"),
            order=20,
        )
        home.register_panel(
            "coordinator-words",
            roles={Role.COORDINATOR},
            **panels.registered("coordinator-words"),
            order=21,
        )
