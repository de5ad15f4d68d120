"""Long work inside a held workspace: one worker thread runs jobs one after the other.

A job is a Workspace stage (ingest, resolve, analyse, extract, report) run on the
held database instance, so it writes while requests keep reading through cursors.
Its state and latest progress messages are kept in memory for fast polling and
written through to the declared `jobs` table, so a finished job can still be looked
up after a restart (a job a stopped server left queued or running is marked failed).
"""

from __future__ import annotations

import json
import queue
import threading
import traceback
import uuid
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Literal

from pydantic import BaseModel, Field

from borderlink.browse.models import ViewerRequest
from borderlink.errors import BorderlinkError

JobState = Literal["queued", "running", "done", "failed"]
Work = Callable[[Callable[[str], None]], dict[str, object]]
Record = Callable[["JobView"], None]
JOB_KINDS = ("ingest", "resolve", "analyse", "extract", "report")
JOB_STATES = ("queued", "running", "done", "failed")


class JobView(BaseModel):
    job_id: str
    kind: str
    state: JobState
    submitted_by: str
    submitted_at: str
    started_at: str | None = None
    finished_at: str | None = None
    progress: list[str] = Field(default_factory=list)
    result: dict[str, object] = Field(default_factory=dict)
    error: str | None = None


class JobRequest(ViewerRequest):
    """Queue a stage as a job (an ingest job comes from an upload instead)."""

    kind: Literal["resolve", "analyse", "extract", "report"]


class JobLookup(ViewerRequest):
    job_id: str = Field(min_length=1, max_length=40)


class UploadRequest(ViewerRequest):
    filename: str = Field("delivery.zip", max_length=300)


class ReportFileRequest(ViewerRequest):
    job_id: str = Field(min_length=1, max_length=40)
    name: str = Field(min_length=1, max_length=100)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class JobRunner:
    """A FIFO of jobs and the one thread that runs them (one writer at a time)."""

    def __init__(
        self, after_each: Callable[[], object] | None = None, record: Record | None = None
    ) -> None:
        self._after_each = after_each  # e.g. re-create indexes a job's tables lost
        self._record = record  # writes a job's state through to the jobs table
        self._jobs: dict[str, JobView] = {}
        self._work: dict[str, Work] = {}
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._lock = threading.Lock()
        self._stopping = False
        self._thread = threading.Thread(target=self._loop, name="borderlink-jobs", daemon=True)
        self._thread.start()

    def submit(self, kind: str, by: str, work: Work) -> JobView:
        job = JobView(
            job_id=uuid.uuid4().hex[:12],
            kind=kind,
            state="queued",
            submitted_by=by,
            submitted_at=_now(),
        )
        with self._lock:
            self._jobs[job.job_id] = job
            self._work[job.job_id] = work
        self._write(job)
        self._queue.put(job.job_id)
        return job.model_copy()

    def get(self, job_id: str) -> JobView | None:
        with self._lock:
            job = self._jobs.get(job_id)
            return None if job is None else job.model_copy(deep=True)

    def all(self) -> list[JobView]:
        with self._lock:
            return [j.model_copy(deep=True) for j in reversed(self._jobs.values())]

    def stop(self) -> None:
        """Run nothing more (queued jobs are marked failed); give a running job 5 s."""
        self._stopping = True
        self._queue.put(None)
        self._thread.join(timeout=5)

    def _write(self, job: JobView) -> None:
        if self._record is None:
            return
        try:
            self._record(job)
        except Exception:  # the job goes on; its state is still in memory
            traceback.print_exc()

    def _update(self, job_id: str, **changes: object) -> None:
        with self._lock:
            job = self._jobs[job_id].model_copy(update=changes)
            self._jobs[job_id] = job
        self._write(job.model_copy(deep=True))

    def _say(self, job_id: str) -> Callable[[str], None]:
        def say(message: str) -> None:
            with self._lock:
                job = self._jobs[job_id]
                job.progress.append(message)
                del job.progress[:-50]  # the latest messages are enough to watch
                copy = job.model_copy(deep=True)
            self._write(copy)

        return say

    def _loop(self) -> None:
        while True:
            job_id = self._queue.get()
            if job_id is None:
                return
            work = self._work.pop(job_id)
            if self._stopping:
                self._update(job_id, state="failed", error="the server stopped", finished_at=_now())
                continue
            self._update(job_id, state="running", started_at=_now())
            changes = self._run(job_id, work)
            self._update(job_id, **changes, finished_at=_now())

    def _run(self, job_id: str, work: Work) -> dict[str, object]:
        """Run the work, then `after_each` (so "done" means the reads see the new data)."""
        try:
            result = work(self._say(job_id))
        except BorderlinkError as exc:
            changes: dict[str, object] = {"state": "failed", "error": str(exc)}
        except Exception as exc:  # a bug: keep the server alive, show the traceback
            text = "".join(traceback.format_exception_only(type(exc), exc)).strip()
            changes = {"state": "failed", "error": f"internal error: {text}"}
            traceback.print_exc()
        else:
            changes = {"state": "done", "result": result}
        if self._after_each is not None:
            try:
                self._after_each()
            except Exception as exc:  # e.g. the server closed the database meanwhile
                self._say(job_id)(f"after the job: {exc}")
        return changes


def job_row(job: JobView) -> list[object]:
    """The `jobs` table's row of a job (progress and result as JSON)."""
    return [
        job.job_id,
        job.kind,
        job.state,
        job.submitted_by,
        job.submitted_at,
        job.started_at,
        job.finished_at,
        json.dumps(job.progress, ensure_ascii=False),
        json.dumps(job.result, ensure_ascii=False, default=str),
        job.error,
    ]


def job_from_row(row: dict[str, object]) -> JobView:
    return JobView.model_validate(
        {
            **row,
            "progress": json.loads(str(row.get("progress") or "[]")),
            "result": json.loads(str(row.get("result") or "{}")),
        }
    )
