"""Serving stored files: only through views that have checked permission first."""

import mimetypes

from django.http import FileResponse, Http404


def private_file_response(field_file, filename: str | None = None) -> FileResponse:
    """Send a stored file as a download the browser will not try to render."""
    if not field_file:
        raise Http404
    try:
        handle = field_file.open("rb")
    except FileNotFoundError as exc:
        raise Http404 from exc
    name = filename or field_file.name.rsplit("/", 1)[-1]
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    response = FileResponse(handle, as_attachment=True, filename=name, content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response
