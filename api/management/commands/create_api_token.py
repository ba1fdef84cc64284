from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from api import services
from api.models import Resource


class Command(BaseCommand):
    help = (
        "Make an API token for a user and print its key (shown only this once). It reads "
        "every resource unless --resources names some, for --days days."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="Integration")
        parser.add_argument("--resources", default=",".join(Resource.values))
        parser.add_argument("--days", type=int, default=services.DEFAULT_VALID_DAYS)

    def handle(self, *args, **options):
        user = get_user_model().objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"no user {options['username']!r}")
        try:
            _token, key = services.token_create(
                user=user,
                acting_user=None,
                name=options["name"],
                resources=options["resources"].split(","),
                valid_days=options["days"],
            )
        except ValidationError as refusal:
            raise CommandError(" ".join(refusal.messages)) from refusal
        self.stdout.write(key)
