"""Account applications on the Broker API face move SUBMITTED -> APPROVED -> ACTIVE one sandbox
minute apart (or come back ACTION_REQUIRED / REJECTED, by the applicant's email). The status is
read from the clock (`api.accounts.status_at`); this job records each move as an event when the
sandbox clock passes it, so the account status stream tells a partner what it would poll for.

Its trigger fires only at those instants, so a sandbox with no new application runs no job.
"""
from __future__ import annotations

import json
from datetime import datetime, timedelta

from apscheduler.triggers.base import BaseTrigger
from sqlmodel import Session, col, select

from fivelayer.broker.accounts import FIRM
from fivelayer.broker.models import AccountRow, AccountStatus
from fivelayer.kernel.db import Database
from fivelayer.kernel.outbox import record

APPROVAL, ACTIVATION = timedelta(minutes=1), timedelta(minutes=2)
OUTCOMES = ("action_required", "rejected")


def outcome(row: AccountRow) -> str:
    """What the application comes to: "active", or the outcome its email asks for."""
    contact = json.loads(row.application or "{}").get("contact", {})
    email = str(contact.get("email_address", "")).split("@")[0].lower()
    return next((o for o in OUTCOMES if email.endswith(f"+{o}")), "active")


def status_at(row: AccountRow, now: datetime) -> str:
    """The account's status on the face at `now`."""
    if row.status == AccountStatus.CLOSED:
        return "ACCOUNT_CLOSED"
    if row.kind == FIRM:
        return "ACTIVE"  # the partner's own sweep account: no application to approve
    if row.status != AccountStatus.ACTIVE:
        return "ACTIVE"  # frozen or an estate's: still an account, its trading stopped by the broker
    ends = outcome(row)
    if ends != "active" and now >= row.created_at + APPROVAL:
        return ends.upper()
    if now >= row.created_at + ACTIVATION:
        return "ACTIVE"
    return "APPROVED" if now >= row.created_at + APPROVAL else "SUBMITTED"


def moves_at(row: AccountRow, at: datetime) -> tuple[str, str] | None:
    """The status move that happens exactly at `at`, if any."""
    if at not in (row.created_at + APPROVAL, row.created_at + ACTIVATION):
        return None
    before, after = status_at(row, at - timedelta(microseconds=1)), status_at(row, at)
    return (before, after) if before != after else None


def _recent(session: Session, since: datetime) -> list[AccountRow]:
    return list(session.exec(select(AccountRow).where(AccountRow.external_id != "", AccountRow.kind != FIRM,
                                                      col(AccountRow.created_at) >= since - ACTIVATION)
                             .order_by(col(AccountRow.created_at)).limit(1000)))


class ApprovalTrigger(BaseTrigger):
    """Fires at the next instant an application moves."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def get_next_fire_time(self, previous_fire_time: datetime | None, now: datetime) -> datetime | None:
        with self.db.read() as session:
            instants = [t for row in _recent(session, now) for t in (row.created_at + APPROVAL,
                                                                      row.created_at + ACTIVATION) if t >= now]
        return min(instants) if instants else None


def record_moves(session: Session, at: datetime) -> int:
    count = 0
    for row in _recent(session, at):
        move = moves_at(row, at)
        if move is not None:
            record(session, at, "account.status_updated", account_id=row.account_id, status_from=move[0],
                   status_to=move[1])
            count += 1
    return count
