"""Reading the directory: only published profiles, searched by text, area, district, group."""

from django.db.models import QuerySet
from django.http import Http404

from ..models.directory import DirectoryProfile


def published_profiles(
    *, text: str = "", area=None, district: str = "", target_group: str = ""
) -> QuerySet[DirectoryProfile]:
    """The public directory. The text is matched in one lower-cased column kept on save, so the
    search is a single ``LIKE`` on SQLite and PostgreSQL alike, without joins."""
    profiles = DirectoryProfile.objects.filter(is_published=True)
    for word in text.lower().split()[:5]:
        profiles = profiles.filter(search_text__contains=word)
    if area is not None:
        profiles = profiles.filter(challenge_areas=area)
    if district:
        profiles = profiles.filter(districts__contains=f" {district} ")
    if target_group:
        profiles = profiles.filter(target_groups__contains=f" {target_group} ")
    return profiles.select_related("organisation").prefetch_related("challenge_areas")


def get_published_profile_or_404(pk: int) -> DirectoryProfile:
    profile = DirectoryProfile.objects.filter(pk=pk, is_published=True).first()
    if profile is None:
        raise Http404
    return profile
