"""Audit events: every change that matters writes one, inside its transaction."""

from __future__ import annotations

from typing import Any

from django.db import models

from .models import AuditEvent, Organisation


def audit_record(
    *,
    organisation: Organisation | None,
    actor,
    action: str,
    obj: models.Model,
    changes: dict[str, Any] | None = None,
) -> AuditEvent:
    return AuditEvent.objects.create(
        organisation=organisation,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        action=action,
        object_type=obj._meta.label_lower,
        object_id=str(getattr(obj, "public_id", obj.pk)),
        object_repr=str(obj)[:200],
        changes=_jsonable(changes or {}),
    )


def audit_record_many(
    *,
    organisation: Organisation,
    actor,
    action: str,
    objs,
    changes: dict[str, Any] | None = None,
) -> list[AuditEvent]:
    """The same event about each of many objects, written in one query (a
    list page that names many people, each of whose restricted records was
    read)."""
    who = actor if getattr(actor, "is_authenticated", False) else None
    return AuditEvent.objects.bulk_create(
        AuditEvent(
            organisation=organisation,
            actor=who,
            action=action,
            object_type=obj._meta.label_lower,
            object_id=str(getattr(obj, "public_id", obj.pk)),
            object_repr=str(obj)[:200],
            changes=_jsonable(changes or {}),
        )
        for obj in objs
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
