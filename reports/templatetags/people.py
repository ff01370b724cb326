"""Counts of people in pages and PDFs, through the one disclosure rule."""

from django import template

from councils.disclosure import Cell, people_count

register = template.Library()


@register.filter
def people(count) -> str:
    """A count of people as printed: "fewer than 5" for 1 to 4, else the number."""
    if isinstance(count, Cell):
        return count.text
    return people_count(int(count or 0)).text


@register.filter
def people_cell(count) -> Cell:
    """The count as a disclosure cell, for templates that word small numbers."""
    return count if isinstance(count, Cell) else people_count(int(count or 0))
