from django.apps import AppConfig


class CouncilsConfig(AppConfig):
    name = "councils"
    verbose_name = "Councils"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from . import freshness, home, navigation
        from .models import Role
        from .translation import remember_translations

        remember_translations()
        freshness.watch_writes()

        navigation.register(_("Home"), "org_home", None, order=0)
        navigation.register(_("Setup"), "setup_index", "councils.manage_structure", order=80)
        navigation.register(_("Audit log"), "audit_log", "councils.view_audit", order=90)
        navigation.register(
            _("Problems"), "problem_reports", "councils.read_problem_reports", order=85
        )
        home.register_panel(
            "organisation-setup",
            roles={Role.ADMIN},
            template="councils/panels/admin.html",
            context=_admin_panel,
            order=90,
            # The organisation's own figures: the same for every admin.
            remembered=lambda request: (),
        )


def _admin_panel(request) -> dict:
    from .models import Council, Region, Site

    org = request.organisation
    return {
        "organisation": org,
        "region_count": Region.objects.filter(organisation=org, is_active=True).count(),
        "council_count": Council.objects.filter(organisation=org, is_active=True).count(),
        "site_count": Site.objects.filter(organisation=org, is_active=True).count(),
    }
