from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        from councils import home, navigation
        from councils.permissions import roles_granting

        from .panels import dashboard_panel, latest_reports_panel

        # Whoever may read some report by role: all reports, or You Said We
        # Did documents only. Leads have no reports of their own; one shared
        # with them by name is reached from its link. Worked out from the
        # role map, so no role is named here.
        readers = roles_granting("reports.view_report") | roles_granting(
            "reports.view_you_said_we_did"
        )
        navigation.register(_("Reports"), "report_list", None, order=75, roles=readers)
        # Whoever reads quarterly reports sees the same figures on screen.
        navigation.register(_("Dashboard"), "dashboard", "reports.view_report", order=74)
        home.register_panel(
            "reports-dashboard",
            roles=roles_granting("reports.view_report"),
            template="reports/panels/dashboard.html",
            context=dashboard_panel,
            order=55,
        )
        home.register_panel(
            "reports-latest",
            roles=readers,
            template="reports/panels/latest.html",
            context=latest_reports_panel,
            order=60,
            # The reports a person may read include those shared with them
            # by name: theirs alone.
            remembered=lambda request: (request.user.pk,),
        )
