from django.apps import AppConfig


class CouncilsConfig(AppConfig):
    name = "councils"
    verbose_name = "Councils"

    def ready(self) -> None:
        from . import navigation

        navigation.register("Home", "org_home", None, order=0)
        navigation.register("Setup", "setup_index", "councils.manage_structure", order=80)
        navigation.register("Audit log", "audit_log", "councils.view_audit", order=90)
