from .navigation import items_for


def navigation(request):
    organisation = getattr(request, "organisation", None)
    if organisation is None:
        return {}
    # Worked out once a request: a page that renders parts of itself with
    # the request (the home page's panels) runs this for every part.
    items = getattr(request, "_nav_items", None)
    if items is None:
        items = request._nav_items = items_for(request)
    return {"organisation": organisation, "nav_items": items}
