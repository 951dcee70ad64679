"""Account applications on the Broker API face move SUBMITTED -> APPROVED -> ACTIVE one sandbox
minute apart (or come back ACTION_REQUIRED / REJECTED, by the applicant's email). The status is
read from the clock (`api.accounts.status_at`); this job records each move as an event when the
sandbox clock passes it, so the account status stream tells a partner what it would poll for.

Its trigger fires only at those instants, so a sandbox with no new application runs no job.
"""
from __future__ import annotations

import json
from datetime import datetime, timedelta
from enum import StrEnum

from apscheduler.triggers.base import BaseTrigger
from sqlmodel import Session, col, select

from fivelayer.broker.accounts import FIRM
from fivelayer.broker.models import AccountRow, AccountStatus
from fivelayer.kernel.db import Database
from fivelayer.kernel.outbox import emit
from fivelayer.kernel.statuses import by_name, inverse
from fivelayer.v1 import events_pb2 as ev
from fivelayer.v1 import statuses_pb2

APPROVAL, ACTIVATION = timedelta(minutes=1), timedelta(minutes=2)
OUTCOMES = ("action_required", "rejected")


def outcome(row: AccountRow) -> str:
    """What the application comes to: "active", or the outcome its Alpaca sandbox fixture
    (`additional_information`, kept as "fixture") or its email asks for."""
    application = json.loads(row.application or "{}")
    if application.get("fixture") in (*OUTCOMES, "active"):
        return str(application["fixture"])
    contact = application.get("contact", {})
    email = str(contact.get("email_address", "")).split("@")[0].lower()
    return next((o for o in OUTCOMES if email.endswith(f"+{o}")), "active")


class FaceStatus(StrEnum):
    """An account's status on the Broker API face (statuses.proto `BrokerApiAccountStatus`): Alpaca's words."""
    SUBMITTED = "SUBMITTED"
    ACTION_REQUIRED = "ACTION_REQUIRED"
    REJECTED = "REJECTED"
    APPROVED = "APPROVED"
    ACTIVE = "ACTIVE"
    DISABLED = "DISABLED"
    ACCOUNT_CLOSED = "ACCOUNT_CLOSED"


# The face's status as statuses.proto declares it (the account status stream's events), and back.
FACE_STATUS_PB = by_name(FaceStatus, statuses_pb2.BrokerApiAccountStatus)
FACE_STATUS_OF_PB = inverse(FACE_STATUS_PB)
OUTCOME_STATUS = {"action_required": FaceStatus.ACTION_REQUIRED, "rejected": FaceStatus.REJECTED}
BROKER_STATUSES = {AccountStatus.FROZEN: FaceStatus.DISABLED, AccountStatus.ESTATE: FaceStatus.ACCOUNT_CLOSED,
                   AccountStatus.CLOSED: FaceStatus.ACCOUNT_CLOSED}


def broker_status(status: str) -> FaceStatus:
    """An account status the broker sets (active, frozen, estate, closed) as Alpaca's AccountStatus
    names it.

    - frozen -> DISABLED: Alpaca's status for an account stopped after it was ACTIVE ("comes after
      ACTIVE"). A freeze (a court order, a compliance hold) is the broker's, not the customer's to
      cure, and is lifted back to ACTIVE. Not ACTION_REQUIRED: that asks an applicant for something
      during onboarding, and the partner could do nothing about a freeze.
    - estate -> ACCOUNT_CLOSED: the customer is insolvent and its estate winds the account up; it
      takes no new business from the partner again. Its positions stay, customer property, until
      the estate disposes of them, as Alpaca keeps a closed account's records.
    - closed (by its correspondent on this face) -> ACCOUNT_CLOSED, as before.
    """
    return BROKER_STATUSES.get(AccountStatus(status), FaceStatus.ACTIVE) if status else FaceStatus.ACTIVE


def status_at(row: AccountRow, now: datetime) -> FaceStatus:
    """The account's status on the face at `now`: the broker's own status (frozen, estate, closed)
    wins; an open account shows where its application is."""
    if row.status != AccountStatus.ACTIVE:
        return broker_status(row.status)
    if row.kind == FIRM:
        return FaceStatus.ACTIVE  # the partner's own sweep account: no application to approve
    ends = outcome(row)
    if ends != "active" and now >= row.created_at + APPROVAL:
        return OUTCOME_STATUS[ends]
    if now >= row.created_at + ACTIVATION:
        return FaceStatus.ACTIVE
    return FaceStatus.APPROVED if now >= row.created_at + APPROVAL else FaceStatus.SUBMITTED


def moves_at(row: AccountRow, at: datetime) -> tuple[FaceStatus, FaceStatus] | None:
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
            emit(session, at, ev.AccountStatusUpdated(account_id=row.account_id, status_from=FACE_STATUS_PB[move[0]],
                                                      status_to=FACE_STATUS_PB[move[1]]))
            count += 1
    return count
