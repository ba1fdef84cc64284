from .models import EmailPreference, Kind, Notification


def unread_count(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def recent(user, limit: int = 50) -> list[Notification]:
    return list(Notification.objects.filter(recipient=user)[:limit])


def email_preferences(user) -> dict[str, bool]:
    chosen = dict(EmailPreference.objects.filter(user=user).values_list("kind", "by_email"))
    return {kind: chosen.get(kind, True) for kind in Kind.values}
