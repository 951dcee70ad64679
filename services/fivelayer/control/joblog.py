"""The log of every job the driver ran: what `fivelayer status` shows last, and what a test
compares between a realtime run and a manual advance over the same span."""
from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import col, select

from fivelayer.control.models import JobRunRow
from fivelayer.kernel import paging
from fivelayer.kernel.db import Database
from fivelayer.kernel.errors import require
from fivelayer.kernel.reasons import Common
from fivelayer.kernel.timeutil import from_ts, to_ts
from fivelayer.v1 import common_pb2


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

    def page(self, after: int, token: str, limit: int) -> tuple[list[tuple[int, common_pb2.JobRun]], str]:
        """Runs in the order they ran, a page at a time (`kernel.paging`: at most 1,000), each with its
        index, and the next page's token ("" on the last page); the first page may start after the
        index `after` instead of at a token."""
        require(after >= 0, Common.INVALID_ARGUMENT, f"after is a job-run index, 0 or more, got {after}",
                field="after")
        with self.db.read() as session:
            query = select(JobRunRow)
            if after and not token:
                query = query.where(col(JobRunRow.id) > after)
            rows, following = paging.page_by(session, query, col(JobRunRow.id), token, limit,
                                             lambda row: row.id or 0, int)
        return [(row.id or 0, to_message(row)) for row in rows], following
