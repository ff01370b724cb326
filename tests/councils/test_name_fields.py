"""``name_fields``: the columns a person's name is written from, for lists
that load only what they show."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from councils.models import RoleAssignment
from councils.selectors import name_fields

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "person",
    [
        {"display_name": "Cora Lindqvist"},
        {"display_name": "", "first_name": "Ray", "last_name": "Daniels"},
        {"display_name": "", "first_name": "", "last_name": ""},
    ],
)
def test_a_name_loaded_with_only_its_fields_is_written_without_a_query(tenant_a, person):
    user = tenant_a["coordinator"]
    for field, value in person.items():
        setattr(user, field, value)
    user.save()
    assignment = (
        RoleAssignment.objects.filter(user=user)
        .select_related("user")
        .only("role", *name_fields("user"))
        .get()
    )
    with CaptureQueriesContext(connection) as ctx:
        written = str(assignment.user)
    assert ctx.captured_queries == []
    assert written == str(type(user).objects.get(pk=user.pk))
