"""Production's static files: ``collectstatic`` with the manifest storage succeeds and every
stylesheet and script the pages link gets its cache-busting name."""

import pytest
from django.core.management import call_command
from django.test import override_settings

# Production's storage (whitenoise's compressed variant) without the compression, which is slow
# and does not change which references the manifest must resolve.
MANIFEST = {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"}


@pytest.fixture
def collected(settings, tmp_path):
    settings.STATIC_ROOT = tmp_path
    with override_settings(STORAGES={**settings.STORAGES, "staticfiles": MANIFEST}):
        call_command("collectstatic", interactive=False, verbosity=0)
        from django.contrib.staticfiles.storage import staticfiles_storage

        staticfiles_storage._setup()
        yield tmp_path, staticfiles_storage


def test_collectstatic_with_the_manifest_storage_hashes_what_the_pages_link(collected):
    root, storage = collected
    for asset in (
        "viewflow/fonts/roboto/roboto-fontface.css",
        "viewflow/css/viewflow.min.css",
        "css/portal.css",
    ):
        hashed = storage.url(asset)
        assert hashed != f"/static/{asset}"
        assert (root / hashed.removeprefix("/static/")).is_file()


def test_the_npm_packages_viewflow_ships_beside_its_assets_are_not_collected(collected):
    root, _ = collected
    assert (root / "viewflow/fonts/roboto/roboto-fontface.css").is_file()
    assert not list(root.rglob("node_modules"))
