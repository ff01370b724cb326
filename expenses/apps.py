from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExpensesConfig(AppConfig):
    name = "expenses"
    verbose_name = "Expenses"

    def ready(self) -> None:
        from councils import navigation
        from councils.models import Role

        navigation.register(_("My expenses"), "expenses_mine", "expenses.claim_expenses", order=60)
        navigation.register(
            _("Claims waiting"), "expenses_waiting", "expenses.approve_expenses", order=61
        )
        # Finance pays; an admin pays only where there is no finance officer,
        # which the page itself checks (expenses.access.may_pay_anywhere).
        navigation.register(
            _("Claims to pay"), "expenses_to_pay", None, order=62, roles={Role.FINANCE, Role.ADMIN}
        )
        navigation.register(
            _("Expenses totals"), "expenses_totals", "expenses.view_expenses", order=63
        )
