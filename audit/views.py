from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import render

from accounts.decorators import role_required
from accounts.models import User
from accounts.roles import Role
from audit.forms import AuditSearchForm
from audit.selectors import Cursor, Search, change_history_page, personal_data_accesses


@role_required(Role.PROGRAM_ADMIN)
def audit_log(request):
    """Who changed what (before → after) and who read or changed personal data."""
    form = AuditSearchForm(request.GET or None)
    search, log = Search(), AuditSearchForm.CHANGES
    if form.is_valid():
        data = form.cleaned_data
        log = data["log"] or log
        search = Search(
            record_type=data["record_type"],
            record_id=data["record_id"].strip(),
            since=data["since"],
            until=data["until"],
        )
        if who := data["who"].strip():
            search.actors = User.objects.filter(
                Q(full_name__icontains=who) | Q(email__icontains=who)
            )
    context = {"form": form, "log": log}
    if log == AuditSearchForm.PERSONAL:
        page = Paginator(personal_data_accesses(search), 50).get_page(request.GET.get("page"))
        context.update(page=page, rows=page.object_list)
    else:
        before = Cursor.decode(request.GET.get("before", ""))
        rows, older = change_history_page(search, before)
        query = request.GET.copy()
        query.pop("before", None)
        newest_url = f"?{query.urlencode()}" if before else ""
        if older:
            query["before"] = older.encode()
        context.update(
            rows=rows, older_url=f"?{query.urlencode()}" if older else "", newest_url=newest_url
        )
    return render(request, "audit/log.html", context)
