"""Demographic bands. Optional, used only in aggregate, and suppressed under 5."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    OTHER = "other", _("In another way")
    NOT_SAID = "not_said", _("Prefer not to say")


class AgeBand(models.TextChoices):
    UNDER_25 = "18-24", _("18 to 24")
    FROM_25 = "25-34", _("25 to 34")
    FROM_35 = "35-49", _("35 to 49")
    FROM_50 = "50+", _("50 or over")
    NOT_SAID = "not_said", _("Prefer not to say")


class Ethnicity(models.TextChoices):
    ASIAN = "asian", _("Asian or Asian British")
    BLACK = "black", _("Black, Black British, Caribbean or African")
    MIXED = "mixed", _("Mixed or multiple ethnic groups")
    WHITE = "white", _("White")
    OTHER = "other", _("Another ethnic group")
    NOT_SAID = "not_said", _("Prefer not to say")


class OrderType(models.TextChoices):
    COMMUNITY_ORDER = "community_order", _("Community order")
    SUSPENDED = "suspended", _("Suspended sentence order")
    LICENCE = "licence", _("Licence")
    POST_SENTENCE = "pss", _("Post-sentence supervision")
    CUSTODY = "custody", _("In custody")
    NOT_SAID = "not_said", _("Prefer not to say")
