from django import template

from expenses.money import money

register = template.Library()


@register.filter(name="money")
def money_filter(pence) -> str:
    """{{ claim.total_pence|money }} → £12.50"""
    return money(pence)
