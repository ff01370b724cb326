"""Audit events: every change that matters writes one, inside its transaction.

An event keeps who acted, when, what kind of thing happened and to which
object. It should hold as little personal data as it can: ids and the names
of the fields that changed, not the values of personal fields (a person's
contact details, needs, order end date, restricted records). Where a name
does end up in an event (an object's name, "shared with", "owner"),
``audit_scrub`` takes it out again when the person's data is deleted under
the retention rule (``members.services.retention``): the event stays, the
person shows as "Former rep".
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from django.db import models

from .models import AuditEvent, Organisation

# The key of an event's ``changes`` that holds the objects a page listed.
LISTED = "listed"


def audit_record(
    *,
    organisation: Organisation | None,
    actor,
    action: str,
    obj: models.Model,
    changes: dict[str, Any] | None = None,
    label: str | None = None,
) -> AuditEvent:
    """``label`` names the object in the log instead of ``str(obj)``, for an
    object whose name is a person's name (a referral)."""
    object_type, object_id = audit_object_key(obj)
    return AuditEvent.objects.create(
        organisation=organisation,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=object_type,
        object_id=object_id,
        object_repr=(str(obj) if label is None else label)[:200],
        changes=_jsonable(changes or {}),
    )


def audit_record_listing(
    *,
    organisation: Organisation,
    actor,
    action: str,
    obj: models.Model,
    label: str,
    lists: dict[str, Iterable[models.Model]],
) -> AuditEvent | None:
    """One event for a page view that names many objects whose reading is
    audited (reps listed from their restricted records): who and when, as
    any event, and in ``changes["listed"]`` the id of each object named with
    the lists that named it. One row a view, however long the lists (it was
    a row for each object: 110 a view of a coordinator's reps page). Ids
    only, no names: nothing for ``audit_scrub`` to take out. The audit log's
    search by an object's reference finds these events too. None, and no
    event, when the lists name nobody."""
    listed: dict[str, list[str]] = {}
    for what, objs in lists.items():
        for item in objs:
            listed.setdefault(audit_object_key(item)[1], []).append(what)
    if not listed:
        return None
    return audit_record(
        organisation=organisation,
        actor=actor,
        action=action,
        obj=obj,
        changes={LISTED: listed},
        label=label,
    )


def audit_refusal(*, request, reason: str) -> AuditEvent | None:
    """A refused attempt at an action the person's role does not allow.
    Written outside the refused view's transaction (that one was undone)."""
    organisation = getattr(request, "organisation", None)
    user = request.user
    if not getattr(user, "is_authenticated", False):
        return None
    return AuditEvent.objects.create(
        organisation=organisation,
        actor=user,
        action="access.refused",
        object_type="request",
        object_id="",
        object_repr=f"{request.method} {request.path}"[:200],
        changes={"reason": reason[:500], "roles": sorted(getattr(request, "roles", []) or [])},
    )


def audit_object_key(obj: models.Model) -> tuple[str, str]:
    """How an event names its object: (type, id), as stored."""
    return obj._meta.label_lower, str(getattr(obj, "public_id", obj.pk))


REMOVED = "[removed]"


def audit_scrub(
    *,
    organisation: Organisation,
    objects: dict[tuple[str, str], str | None],
    identifiers: Iterable[str],
    details: Iterable[str] = (),
    personal_keys: Iterable[str] = (),
    replacement: str,
) -> int:
    """Take one person's personal data out of the audit trail, keeping every
    event (who acted, when, what kind, on which object). Call it inside the
    transaction that deletes the data. Returns how many events changed.

    - ``objects``: the events about these objects, (type, id) as
      ``audit_object_key`` gives, are about the person. Each maps to the name
      the object shows from now on, or None to keep the name with the
      person's details taken out. In these events the values under
      ``personal_keys`` become "[removed]" and ``details`` (words from their
      records) are taken out too.
    - ``identifiers`` (their name, username, email, phone, address) are taken
      out of every event of the organisation that holds one, about them or
      not: a whole word or phrase, any case, becomes ``replacement``.
    The actor is a foreign key and stays; the person's own account is
    renamed by the caller, so the events they did show the new name.
    """
    identifiers = _clean(identifiers)
    details = _clean(details)
    keys = frozenset(personal_keys)
    everywhere = _pattern(identifiers)
    inside = _pattern(sorted({*identifiers, *details}, key=len, reverse=True))
    about = models.Q()
    for object_type, object_id in objects:
        about |= models.Q(object_type=object_type, object_id=object_id)
    mentions = models.Q()
    for value in identifiers:
        for form in {value, json.dumps(value)[1:-1]}:
            mentions |= models.Q(object_repr__icontains=form) | models.Q(changes__icontains=form)
    query = about | mentions
    if not query:
        return 0
    changed = []
    events = AuditEvent.objects.filter(
        models.Q(organisation=organisation) | models.Q(organisation__isnull=True), query
    )
    for event in events.only("id", "object_type", "object_id", "object_repr", "changes"):
        key = (event.object_type, event.object_id)
        is_about = key in objects
        pattern = inside if is_about else everywhere
        new_repr = objects.get(key) if is_about else None
        if new_repr is None:
            new_repr = _sub(pattern, event.object_repr, replacement)
        new_changes = _scrub_json(
            event.changes, pattern, replacement, keys if is_about else frozenset()
        )
        if (new_repr, new_changes) != (event.object_repr, event.changes):
            event.object_repr, event.changes = new_repr[:200], new_changes
            changed.append(event)
    AuditEvent.objects.bulk_update(changed, ["object_repr", "changes"], batch_size=500)
    return len(changed)


def words_pattern(values: Iterable[str]) -> re.Pattern | None:
    """The values as whole words or phrases, any case, as ``audit_scrub``
    finds them: for a caller that takes the same words out of its own rows."""
    return _pattern(_clean(values))


def _clean(values: Iterable[str]) -> list[str]:
    """Distinct, longest first; shorter than three characters is too likely
    to be part of someone else's words."""
    seen = {str(v).strip() for v in values if v is not None}
    return sorted((v for v in seen if len(v) >= 3), key=len, reverse=True)


def _pattern(values: list[str]) -> re.Pattern | None:
    if not values:
        return None
    words = "|".join(re.escape(v) for v in values)
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.IGNORECASE)


def _sub(pattern: re.Pattern | None, text: str, replacement: str) -> str:
    return pattern.sub(replacement, text) if pattern is not None and text else text


def _scrub_json(value: Any, pattern, replacement: str, keys: frozenset) -> Any:
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            name = _sub(pattern, str(k), replacement)
            if k in keys:
                out[name] = _removed(v)
            else:
                out[name] = _scrub_json(v, pattern, replacement, keys)
        return out
    if isinstance(value, list):
        return [_scrub_json(v, pattern, replacement, keys) for v in value]
    if isinstance(value, str):
        return _sub(pattern, value, replacement)
    return value


def _removed(value: Any) -> Any:
    """A personal field's value goes; its shape stays ([before, after])."""
    if isinstance(value, list):
        return [None if v in (None, "", []) else REMOVED for v in value]
    return None if value in (None, "", []) else REMOVED


def changes_between(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list]:
    """{"field": [old, new]} for the fields whose value changed."""
    return {
        key: [before.get(key), value] for key, value in after.items() if before.get(key) != value
    }


def model_values(obj: models.Model, fields: list[str]) -> dict[str, Any]:
    return {name: getattr(obj, name) for name in fields}


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, bool | int | float | str):
        return value
    return str(value)


def changes_shown(changes: dict[str, Any]) -> list[tuple[str, str]]:
    """An event's changes as the audit log shows them, one line a key. A
    page view that listed many objects (``audit_record_listing``) shows how
    many each list named, not every id: searching by an object's reference
    finds the events that named it."""
    shown = []
    for key, value in (changes or {}).items():
        if key == LISTED and isinstance(value, dict):
            per_list: dict[str, int] = {}
            for lists in value.values():
                for name in lists:
                    per_list[name] = per_list.get(name, 0) + 1
            value = ", ".join(f"{name} {count}" for name, count in per_list.items())
        shown.append((key, str(value)))
    return shown
