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
            template="proposals/panels/rep.html",
            context=panels.rep_panel,
            order=3,
        )
        home.register_panel(
            "rep-meetings",
            roles={Role.REP},
            template="proposals/panels/rep_meetings.html",
            context=panels.rep_meetings_panel,
            order=4,
        )
        home.register_panel(
            "chair-decisions",
            roles={Role.CHAIR},
            template="proposals/panels/chair.html",
            context=panels.chair_panel,
            order=2,
        )
        home.register_panel(
            "lead-actions",
            roles={Role.LEAD},
            template="proposals/panels/lead.html",
            context=panels.lead_panel,
            order=2,
        )
        home.register_panel(
            "coordinator-overdue",
            roles={Role.COORDINATOR},
            template="proposals/panels/coordinator.html",
            context=panels.coordinator_panel,
            order=20,
        )
        home.register_panel(
            "coordinator-words",
            roles={Role.COORDINATOR},
            template="proposals/panels/words.html",
            context=panels.words_panel,
            order=21,
        )
