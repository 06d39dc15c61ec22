"""My data: download everything Koers keeps about me, or delete my account."""

from __future__ import annotations

import json

from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from koers.web.accounts.models import User
from koers.web.accounts.privacy import account_delete, personal_data


@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    """What Koers keeps about me; deleting the account asks for the password again."""
    user: User = request.user  # type: ignore[assignment]
    error = ""
    if request.method == "POST":
        if request.POST.get("confirm") == "1" and user.check_password(
            request.POST.get("password", "")
        ):
            account_delete(user)
            logout(request)
            return render(request, "accounts/deleted.html")
        error = _("The account was not deleted: tick the box and give your password.")
    data = personal_data(user)
    counts = {key: len(value) for key, value in data.items() if isinstance(value, list)}
    status = 400 if error else 200
    return render(
        request, "accounts/my_data.html", {"counts": counts, "error": error}, status=status
    )


@login_required
def my_data_download(request: HttpRequest) -> HttpResponse:
    user: User = request.user  # type: ignore[assignment]
    body = json.dumps(personal_data(user), ensure_ascii=False, indent=2)
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    name = f"koers-mijn-gegevens-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
