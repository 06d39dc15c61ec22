"""Reads and writes of portfolios: every write atomic with its history, every read of someone
else's portfolio checked against consent and logged."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from koers.errors import Forbidden, InvalidInput
from koers.portfolio.model import (
    ClaimSource,
    Portfolio,
    SkillClaim,
    ValidationLevel,
    Visibility,
)
from koers.web.accounts.models import Role, User
from koers.web.portfolio.models import AccessLog, ActionItem, Claim, ClaimEvent, Consent, Profile

GRANTEE_ROLES = (Role.COACH, Role.EMPLOYER)


class NoConsent(Forbidden):
    code = "portfolio.no_consent"
    message = "This citizen has not given you access to their portfolio."


class NotAGrantee(InvalidInput):
    code = "portfolio.not_a_grantee"
    message = "“{username}” is not a career coach or employer on Koers."


def claim_fields(claim: Claim) -> dict[str, Any]:
    """The claim's fields as JSON values: its history snapshots and its API form."""
    return {
        "skill_uri": claim.skill_uri,
        "validation": claim.validation,
        "source": claim.source,
        "issuer": claim.issuer,
        "identified_on": claim.identified_on.isoformat() if claim.identified_on else None,
        "last_used": claim.last_used.isoformat() if claim.last_used else None,
        "evidence": claim.evidence,
        "visibility": claim.visibility,
        "to_confirm": claim.to_confirm,
    }


def _domain(claim: Claim) -> SkillClaim:
    return SkillClaim(
        skill_uri=claim.skill_uri,
        validation=ValidationLevel(claim.validation),
        last_used=claim.last_used,
        source=ClaimSource(claim.source),
        evidence=claim.evidence,
        issuer=claim.issuer,
        identified_on=claim.identified_on,
        visibility=Visibility(claim.visibility),
    )


def active_claims(owner: User) -> list[Claim]:
    return list(Claim.objects.filter(owner=owner, removed_at__isnull=True))


def has_consent(citizen: User, viewer: User) -> bool:
    return Consent.objects.filter(citizen=citizen, grantee=viewer, revoked_at__isnull=True).exists()


def access_portfolio(*, citizen: User, viewer: User, what: str = "portfolio") -> Portfolio:
    """The citizen's portfolio as ``viewer`` may see it: all of it for the citizen, the shared
    claims for someone with consent (and the read is logged). Raises :class:`NoConsent`."""
    own = citizen.pk == viewer.pk
    if not own:
        if not has_consent(citizen, viewer):
            raise NoConsent()
        AccessLog.objects.create(citizen=citizen, viewer=viewer, what=what)
    profile = Profile.objects.filter(owner=citizen).first()
    claims = [
        _domain(c) for c in active_claims(citizen) if own or c.visibility == Visibility.SHARED.value
    ]
    return Portfolio(
        claims=tuple(claims),
        owner=citizen.get_full_name() or citizen.username,
        occupation=(profile.occupation_uri or None) if profile else None,
        aspirations=tuple(profile.aspirations) if profile else (),
    )


def log_read(*, citizen: User, viewer: User, what: str) -> None:
    """Check consent for another read of the citizen's data and log it."""
    if citizen.pk != viewer.pk:
        if not has_consent(citizen, viewer):
            raise NoConsent()
        AccessLog.objects.create(citizen=citizen, viewer=viewer, what=what)


@transaction.atomic
def claim_add(*, owner: User, claim: SkillClaim, by: User, to_confirm: bool = False) -> Claim:
    """Add a claim (a skill already held stays as it is; returns the claim kept)."""
    existing = Claim.objects.filter(
        owner=owner, skill_uri=claim.skill_uri, removed_at__isnull=True
    ).first()
    if existing is not None:
        return existing
    row = Claim.objects.create(
        owner=owner,
        skill_uri=claim.skill_uri,
        validation=claim.validation.value,
        source=claim.source.value,
        issuer=claim.issuer,
        identified_on=claim.identified_on,
        last_used=claim.last_used,
        evidence=claim.evidence,
        visibility=claim.visibility.value,
        to_confirm=to_confirm,
    )
    ClaimEvent.objects.create(claim=row, action="added", by=by, snapshot=claim_fields(row))
    return row


@transaction.atomic
def claim_change(*, owner: User, claim_id: int, by: User, **changes: Any) -> Claim:
    """Change fields of one of the owner's claims, keeping the previous version in its history."""
    row = Claim.objects.select_for_update().get(pk=claim_id, owner=owner, removed_at__isnull=True)
    for field, value in changes.items():
        setattr(row, field, value)
    row.save()
    ClaimEvent.objects.create(claim=row, action="changed", by=by, snapshot=claim_fields(row))
    return row


@transaction.atomic
def claim_remove(*, owner: User, claim_id: int, by: User) -> None:
    """Mark a claim removed; its history stays."""
    row = Claim.objects.select_for_update().get(pk=claim_id, owner=owner, removed_at__isnull=True)
    row.removed_at = timezone.now()
    row.save(update_fields=["removed_at"])
    ClaimEvent.objects.create(claim=row, action="removed", by=by, snapshot=claim_fields(row))


@transaction.atomic
def profile_set(
    *, owner: User, occupation_uri: str | None, aspirations: list[str] | None = None
) -> Profile:
    profile, _ = Profile.objects.get_or_create(owner=owner)
    profile.occupation_uri = occupation_uri or ""
    if aspirations is not None:
        profile.aspirations = list(dict.fromkeys(aspirations))
    profile.save()
    return profile


@transaction.atomic
def portfolio_import(*, owner: User, portfolio: Portfolio, by: User) -> int:
    """Add an imported portfolio's claims (skills already held are kept as they are) and its
    occupation and aspirations; return how many claims were added. All or nothing."""
    held = {c.skill_uri for c in active_claims(owner)}
    added = 0
    for claim in portfolio.claims:
        if claim.skill_uri not in held:
            claim_add(owner=owner, claim=claim, by=by)
            held.add(claim.skill_uri)
            added += 1
    if portfolio.occupation or portfolio.aspirations:
        profile = Profile.objects.filter(owner=owner).first()
        profile_set(
            owner=owner,
            occupation_uri=portfolio.occupation or (profile.occupation_uri if profile else None),
            aspirations=[*(profile.aspirations if profile else []), *portfolio.aspirations],
        )
    return added


@transaction.atomic
def consent_grant(*, citizen: User, grantee_username: str) -> Consent:
    grantee = User.objects.filter(username=grantee_username.strip(), role__in=GRANTEE_ROLES).first()
    if grantee is None:
        raise NotAGrantee(username=grantee_username.strip()[:150])
    existing = Consent.objects.filter(
        citizen=citizen, grantee=grantee, revoked_at__isnull=True
    ).first()
    return existing or Consent.objects.create(citizen=citizen, grantee=grantee)


def consent_revoke(*, citizen: User, consent_id: int) -> None:
    Consent.objects.filter(pk=consent_id, citizen=citizen, revoked_at__isnull=True).update(
        revoked_at=timezone.now()
    )


def caseload(viewer: User) -> list[User]:
    """The citizens who gave ``viewer`` access, by name."""
    ids = Consent.objects.filter(grantee=viewer, revoked_at__isnull=True).values_list(
        "citizen", flat=True
    )
    return list(User.objects.filter(pk__in=ids).order_by("last_name", "first_name", "username"))


@transaction.atomic
def plan_save(*, citizen: User, actions: list[Any], share: bool, by: User) -> list[ActionItem]:
    """Replace the open steps the check made with ``actions`` (domain Actions); coach-made
    and finished steps stay."""
    ActionItem.objects.filter(citizen=citizen, done=False, created_by=citizen).delete()
    return [
        ActionItem.objects.create(
            citizen=citizen,
            action=a.action,
            text=a.text[:500],
            signal=a.signal,
            skill_uri=a.skill_uri or "",
            occupation_uri=a.occupation_uri or "",
            shared=share,
            created_by=by,
        )
        for a in actions
    ]
