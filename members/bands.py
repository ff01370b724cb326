"""Demographic bands. Optional, used only in aggregate, and suppressed under 5."""

from django.db import models


class Gender(models.TextChoices):
    WOMAN = "woman", "Woman"
    MAN = "man", "Man"
    OTHER = "other", "In another way"
    NOT_SAID = "not_said", "Prefer not to say"


class AgeBand(models.TextChoices):
    UNDER_25 = "18-24", "18 to 24"
    FROM_25 = "25-34", "25 to 34"
    FROM_35 = "35-49", "35 to 49"
    FROM_50 = "50+", "50 or over"
    NOT_SAID = "not_said", "Prefer not to say"


class Ethnicity(models.TextChoices):
    ASIAN = "asian", "Asian or Asian British"
    BLACK = "black", "Black, Black British, Caribbean or African"
    MIXED = "mixed", "Mixed or multiple ethnic groups"
    WHITE = "white", "White"
    OTHER = "other", "Another ethnic group"
    NOT_SAID = "not_said", "Prefer not to say"


class OrderType(models.TextChoices):
    COMMUNITY_ORDER = "community_order", "Community order"
    SUSPENDED = "suspended", "Suspended sentence order"
    LICENCE = "licence", "Licence"
    POST_SENTENCE = "pss", "Post-sentence supervision"
    CUSTODY = "custody", "In custody"
    NOT_SAID = "not_said", "Prefer not to say"
