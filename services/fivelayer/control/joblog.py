"""The log of every job the driver ran: what `fivelayer status` shows last, and what a test
compares between a realtime run and a manual advance over the same span."""
from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import col, select

from fivelayer.control.models import JobRunRow
from fivelayer.kernel.db import Database
from fivelayer.kernel.timeutil import from_ts, to_ts
from fivelayer.v1 import common_pb2

DEFAULT_PAGE, MAX_PAGE = 100, 1000


def to_message(row: JobRunRow) -> common_pb2.JobRun:
    return common_pb2.JobRun(service=row.service, job=row.job, at=to_ts(row.at), outcome=row.outcome)


class JobLog:
    def __init__(self, db: Database) -> None:
        self.db = db

    def append(self, runs: Sequence[common_pb2.JobRun]) -> None:
        if not runs:
            return
        with self.db.transaction() as session:
            for run in runs:
                session.add(JobRunRow(service=run.service, job=run.job, at=from_ts(run.at), outcome=run.outcome))

    def last(self) -> common_pb2.JobRun | None:
        with self.db.read() as session:
            row = session.exec(select(JobRunRow).order_by(col(JobRunRow.id).desc()).limit(1)).first()
        return to_message(row) if row is not None else None

    def page(self, after: int, limit: int) -> tuple[list[tuple[int, common_pb2.JobRun]], int]:
        """Runs after index `after`, at most `limit` (bounded by MAX_PAGE), and the next `after`
        (0 when nothing follows)."""
        size = min(limit or DEFAULT_PAGE, MAX_PAGE)
        with self.db.read() as session:
            rows = list(session.exec(select(JobRunRow).where(col(JobRunRow.id) > after)
                                     .order_by(col(JobRunRow.id)).limit(size + 1)))
        more = len(rows) > size
        rows = rows[:size]
        entries = [(row.id or 0, to_message(row)) for row in rows]
        return entries, (entries[-1][0] if more and entries else 0)
