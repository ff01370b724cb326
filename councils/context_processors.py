from .navigation import items_for


def navigation(request):
    organisation = getattr(request, "organisation", None)
    if organisation is None:
        return {}
    return {"organisation": organisation, "nav_items": items_for(request)}
