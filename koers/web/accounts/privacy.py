"""A person's own data: all of it as one JSON document, and deleting the account.

Deleting removes the person and everything that is only about them (portfolio, history,
consents, reads of their data, plans, notes, follow-ups, organisation checks). What the
learning-and-career account ledger must keep for the public money it records stays, without
the person: the account loses its holder and its name.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from koers.web.accounts.models import User
from koers.web.checks.models import OrganisationCheck
from koers.web.learning.models import Account, Entry
from koers.web.portfolio.models import (
    AccessLog,
    ActionItem,
    Claim,
    ClaimEvent,
    CoachNote,
    Consent,
    FollowUp,
    Profile,
)

FORMAT = "koers-personal-data/1"


def _when(value: Any) -> str | None:
    return value.isoformat() if value else None


def personal_data(user: User) -> dict[str, Any]:
    """Everything Koers keeps about ``user``, as JSON values."""
    profile = Profile.objects.filter(owner=user).first()
    return {
        "format": FORMAT,
        "exported_at": timezone.now().isoformat(),
        "account": {
            "username": user.username,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "role": user.role,
            "joined": _when(user.date_joined),
            "last_login": _when(user.last_login),
        },
        "profile": {
            "occupation": profile.occupation_uri if profile else "",
            "aspirations": list(profile.aspirations) if profile else [],
        },
        "claims": [
            {
                "id": c.pk,
                "skill_uri": c.skill_uri,
                "validation": c.validation,
                "source": c.source,
                "issuer": c.issuer,
                "identified_on": _when(c.identified_on),
                "last_used": _when(c.last_used),
                "evidence": c.evidence,
                "visibility": c.visibility,
                "to_confirm": c.to_confirm,
                "added": _when(c.created_at),
                "removed": _when(c.removed_at),
            }
            for c in Claim.objects.filter(owner=user).order_by("id")
        ],
        "claim_history": [
            {"claim": e.claim_id, "action": e.action, "by": str(e.by or ""), "at": _when(e.at)}
            for e in ClaimEvent.objects.filter(claim__owner=user).select_related("by")
        ],
        "consents_given": [
            {"to": str(c.grantee), "granted": _when(c.granted_at), "revoked": _when(c.revoked_at)}
            for c in Consent.objects.filter(citizen=user).select_related("grantee")
        ],
        "reads_of_my_data": [
            {"by": str(r.viewer or ""), "what": r.what, "at": _when(r.at)}
            for r in AccessLog.objects.filter(citizen=user).select_related("viewer")
        ],
        "action_plan": [
            {"text": a.text, "signal": a.signal, "done": a.done, "shared": a.shared}
            for a in ActionItem.objects.filter(citizen=user)
        ],
        "coach_notes": [
            {"by": str(n.coach or ""), "text": n.text, "at": _when(n.created_at)}
            for n in CoachNote.objects.filter(citizen=user).select_related("coach")
        ],
        "follow_ups": [
            {"by": str(f.coach or ""), "text": f.text, "on": _when(f.due_on), "done": f.done}
            for f in FollowUp.objects.filter(citizen=user).select_related("coach")
        ],
        "organisation_checks": [
            {"organisation": o.organisation, "employees": o.employees, "at": _when(o.checked_at)}
            for o in OrganisationCheck.objects.filter(employer=user)
        ],
        "learning_accounts": [
            {
                "name": a.name,
                "available_cents": a.available_cents,
                "reserved_cents": a.reserved_cents,
                "entries": [
                    {
                        "kind": e.kind,
                        "amount_cents": e.amount_cents,
                        "funder": e.funder,
                        "reference": e.reference,
                        "at": _when(e.created_at),
                    }
                    for e in Entry.objects.filter(account=a).order_by("sequence")
                ],
            }
            for a in Account.objects.filter(holder=user)
        ],
        "training": _training_data(user),
    }


def _training_data(user: User) -> dict[str, Any]:
    """Enrolments, the rights profile and (for a provider) the courses published."""
    from koers.web.training.models import Course, Enrolment, RightsProfile
    from koers.web.training.services import profile_data

    profile = RightsProfile.objects.filter(owner=user).first()
    return {
        "rights_profile": profile_data(profile) if profile else None,
        "enrolments": [
            {
                "course_id": e.course.course_id,
                "title": e.course.title,
                "state": e.state,
                "cost_cents": e.cost_cents,
                "at": _when(e.created_at),
                "completed_at": _when(e.completed_at),
            }
            for e in Enrolment.objects.filter(citizen=user).select_related("course")
        ],
        "courses_published": list(
            Course.objects.filter(owner=user).values_list("course_id", flat=True)
        ),
    }


@transaction.atomic
def account_delete(user: User) -> int:
    """Delete ``user`` and what is only about them; keep their learning-account ledgers
    without them. Returns how many ledgers were kept anonymised."""
    from koers.web.training.services import enrolments_cancel_all

    enrolments_cancel_all(user)  # open reservations go back to the account
    kept = 0
    for account in Account.objects.select_for_update().filter(holder=user):
        account.holder = None
        account.name = f"anonymised account {account.pk}"
        account.save(update_fields=["holder", "name"])
        kept += 1
    user.delete()
    return kept
