from django.urls import Resolver404, resolve
from pghistory.middleware import HistoryMiddleware


class HistoryContextMiddleware(HistoryMiddleware):
    """Every change made during a request is attributed to its user and the page's name.

    The page's name, not its address: some addresses carry an applicant's private link.
    """

    def get_context(self, request) -> dict:
        context = super().get_context(request)
        try:
            context["url"] = resolve(request.path_info).view_name
        except Resolver404:
            context["url"] = ""
        return context
