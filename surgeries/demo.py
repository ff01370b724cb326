"""Demo themes, surgeries and feedback. The surgeries issue fills this in."""

DEFAULT_THEMES = [
    "Appointments and officers",
    "Reception and buildings",
    "Induction and information",
    "Housing and accommodation",
    "Employment, training and education",
    "Health and mental health",
    "Drugs and alcohol",
    "Money and benefits",
    "Unpaid work",
    "Through the gate",
    "Women",
    "Communication",
    "Other",
]


def seed(context: dict) -> None:
    from .models import Theme

    for org in context["organisations"]:
        for position, name in enumerate(DEFAULT_THEMES):
            Theme.objects.get_or_create(
                organisation=org, name=name, defaults={"position": position}
            )
