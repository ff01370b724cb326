from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = "Reports"

    def ready(self) -> None:
        from councils import home, navigation

        from .panels import latest_reports_panel

        # Leads have no reports of their own; one shared with them by name is
        # reached from its link.
        navigation.register(
            "Reports",
            "report_list",
            None,
            order=75,
            roles={"admin", "coordinator", "chair", "manager", "rep"},
        )
        home.register_panel(
            "reports-latest",
            roles={"admin", "coordinator", "chair", "manager", "rep"},
            template="reports/panels/latest.html",
            context=latest_reports_panel,
            order=60,
        )
