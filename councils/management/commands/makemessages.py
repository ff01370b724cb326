"""Django's makemessages, without fuzzy matching.

msgmerge guesses a translation for each new string from a similar old one
("Page %(number)s of %(count)s" for "%(office)s of %(council)s"). Those guesses
are wrong more often than right here, and one with other placeholders stops
the catalogue compiling. A new string starts empty, so it shows in English
until someone translates it.
"""

from django.core.management.commands import makemessages


class Command(makemessages.Command):
    msgmerge_options = [*makemessages.Command.msgmerge_options, "--no-fuzzy-matching"]
