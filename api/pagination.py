"""Cursor pagination: stable under inserts, `next` and `previous` links, by ascending id."""

from rest_framework.pagination import CursorPagination


class Cursor(CursorPagination):
    ordering = "pk"
    page_size = 100
    page_size_query_param = "page_size"
    max_page_size = 500
