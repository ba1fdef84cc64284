"""Pages of a list, as the schema declares them: ``page`` is a whole number from 1."""

import re

from django.utils.translation import gettext_lazy as _
from rest_framework import pagination
from rest_framework.exceptions import ValidationError

_WHOLE_NUMBER = re.compile(r"[0-9]+")
# More digits than any list has pages: past the last page, without making the number.
_MAX_DIGITS = 18


class PageNumberPagination(pagination.PageNumberPagination):
    """DRF's pages, stricter: a ``page`` that is no whole number from 1 (``?page=``,
    ``?page=last``, ``?page=0``) is a 400, not the first page; a page past the last is a 404
    (both documented)."""

    def get_page_number(self, request, paginator):
        value = request.query_params.get(self.page_query_param)
        if value is None:
            return 1
        if not _WHOLE_NUMBER.fullmatch(value) or not value.strip("0"):
            raise ValidationError({self.page_query_param: [_("A page is a whole number from 1.")]})
        return paginator.num_pages + 1 if len(value.lstrip("0")) > _MAX_DIGITS else int(value)

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"] = {**parameter["schema"], "minimum": 1}
        return parameters
