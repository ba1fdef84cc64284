from django.core.management.base import BaseCommand, CommandError

from organisations import services
from organisations.models import User


class Command(BaseCommand):
    help = (
        "Issue a one-time code with which a person pairs an authenticator app (the first "
        "administrator's, after createsuperuser). The code is printed once; earlier unused "
        "codes of the person are revoked."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, **options):
        user = User.objects.filter(username=options["username"]).first()
        if user is None:
            raise CommandError(f"No person with the username {options['username']!r}.")
        code, record = services.enrolment_code_issue(user=user, acting_user=None)
        self.stdout.write(f"Enrolment code for {user.username}: {code}")
        self.stdout.write(f"Valid until {record.expires_at:%Y-%m-%d %H:%M %Z}, once.")
