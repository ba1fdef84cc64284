"""Production refuses to run with the demo's switch on or with its accounts in the database.

The demo accounts' password is published in the README. ``DEMO_MODE`` on is a deployment
error (``check --deploy``; the production settings refuse it outright). An active account
flagged as a demo account (``User.is_demo``, set by the demo loader only) while ``DEMO_MODE`` is
off is an error whenever the checks read a database (``migrate``, ``check --database default``)
and when the web server starts (``config/wsgi.py``). A deactivated one logs in nowhere and may
stay, since the audit log may name it.
"""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.checks import Error, Tags, register
from django.core.exceptions import ImproperlyConfigured
from django.db import connections

_DEMO_ACCOUNTS_HINT = (
    "Deactivate the demo accounts (User.is_demo) in a shell, or start from a database the "
    "demo was never loaded into."
)


@register(Tags.security, deploy=True)
def demo_mode_is_off(**kwargs) -> list[Error]:
    if settings.DEMO_MODE:
        return [
            Error(
                "DEMO_MODE is on: the demo's accounts and data must never be deployed.",
                hint="Set DEMO_MODE=false.",
                id="organisations.E001",
            )
        ]
    return []


@register(Tags.security, Tags.database)
def no_demo_accounts(databases=None, **kwargs) -> list[Error]:
    if settings.DEMO_MODE:
        return []
    return [
        Error(
            f"Demo accounts exist in the database {alias!r} while DEMO_MODE is off.",
            hint=_DEMO_ACCOUNTS_HINT,
            id="organisations.E002",
        )
        for alias in databases or ()
        if demo_accounts_exist(alias)
    ]


def demo_accounts_exist(using: str = "default") -> bool:
    """Whether an active demo account exists; before the flag's migration none can."""
    user_model = get_user_model()
    connection = connections[using]
    table = user_model._meta.db_table
    with connection.cursor() as cursor:
        if table not in connection.introspection.table_names(cursor):
            return False
        columns = {c.name for c in connection.introspection.get_table_description(cursor, table)}
    if "is_demo" not in columns:
        return False
    return user_model.objects.using(using).filter(is_demo=True, is_active=True).exists()


def refuse_demo_accounts_at_start() -> None:
    """The web server does not start while demo accounts exist and DEMO_MODE is off."""
    if not settings.DEMO_MODE and demo_accounts_exist():
        raise ImproperlyConfigured(
            "Demo accounts exist while DEMO_MODE is off: the server refuses to start. "
            + _DEMO_ACCOUNTS_HINT
        )
