from django.apps import AppConfig


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = "Members"

    def ready(self) -> None:
        from councils import navigation

        navigation.register("People", "people_list", "members.manage_reps", order=70)
