"""Training: courses and sessions (coordinators), attendance, and a rep's own
record with their certificates and their own words."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods

from councils.forms import add_service_errors
from councils.models import Role, RoleAssignment
from councils.permissions import council_ids_where
from councils.tenancy import get_for_org, org_view

from .. import access, selectors, services
from ..forms import AttendanceForm, CourseForm, InvolvementStatementForm, TrainingSessionForm
from ..models import Course, TrainingSession


def _require_training_manager(request) -> None:
    access.require(
        access.may_manage_training(request.user, request.organisation),
        gettext("Only coordinators and admins set up training."),
    )


@org_view
def training_list(request):
    _require_training_manager(request)
    org = request.organisation
    return render(
        request,
        "members/training/training_list.html",
        {
            "courses": selectors.courses_for(org),
            "sessions": TrainingSession.objects.filter(organisation=org).select_related("course")[
                :20
            ],
        },
    )


@org_view
@require_http_methods(["GET", "POST"])
def course_new(request):
    _require_training_manager(request)
    org = request.organisation
    form = CourseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            course = services.course_create(
                organisation=org, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, gettext("Course added."))
            return redirect("course_detail", org.slug, course.public_id)
    return render(request, "members/training/course_new.html", {"form": form})


@org_view
@require_http_methods(["GET", "POST"])
def course_detail(request, course_id: str):
    _require_training_manager(request)
    org = request.organisation
    course = get_for_org(Course, request, public_id=course_id)
    form = TrainingSessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            session = services.training_session_create(
                course=course, actor=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, gettext("Session added. Record who came on the day."))
            return redirect("training_session_detail", org.slug, session.public_id)
    return render(
        request,
        "members/training/course_detail.html",
        {"course": course, "sessions": course.sessions.all(), "form": form},
    )


def _reps_for(request):
    """Reps of the councils the person coordinates, for the attendance form."""
    from django.contrib.auth import get_user_model

    org = request.organisation
    ids = council_ids_where(request.user, org, "members.manage_training")
    reps = RoleAssignment.objects.active().filter(organisation=org, role=Role.REP)
    if ids is not None:
        reps = reps.filter(council_id__in=ids)
    return (
        get_user_model()
        .objects.filter(pk__in=reps.values("user_id"))
        .order_by("display_name", "username")
    )


@org_view
@require_http_methods(["GET", "POST"])
def training_session_detail(request, session_id: str):
    _require_training_manager(request)
    org = request.organisation
    session = get_for_org(
        TrainingSession.objects.select_related("course"), request, public_id=session_id
    )
    form = AttendanceForm(request.POST or None, people=_reps_for(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.training_attendance_record(
                session=session, people=form.cleaned_data["people"], actor=request.user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(
                request, gettext("Attendance recorded. Each rep can download a certificate.")
            )
            return redirect("training_session_detail", org.slug, session.public_id)
    return render(
        request,
        "members/training/session_detail.html",
        {
            "session": session,
            "attendance": session.attendance.select_related("person"),
            "form": form,
        },
    )


@org_view
@require_http_methods(["GET", "POST"])
def my_record(request):
    """A rep's own training and certificates, and their own words."""
    org, user = request.organisation, request.user
    access.require(
        access.may_keep_own_record(user, org),
        gettext("Only reps have an involvement record."),
    )
    statement = selectors.involvement_statement_of(user, org)
    form = InvolvementStatementForm(
        request.POST or None, initial={"text": statement.text if statement else ""}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.involvement_statement_save(
                organisation=org, text=form.cleaned_data["text"], actor=user
            )
        except ValidationError as error:
            add_service_errors(form, error)
        else:
            messages.success(request, gettext("Your words are saved."))
            return redirect("my_record", org.slug)
    return render(
        request,
        "members/training/my_record.html",
        {"training": selectors.training_of(user, org), "form": form},
    )
