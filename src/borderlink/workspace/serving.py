"""A workspace held by a long-running process (the server): one connection, logins, jobs.

DuckDB lets one process own a database file. `hold()` makes the Workspace that owner:
it opens the file once (taking the writer lock for the process), and from then on every
read, write and job runs on a cursor of that connection, so reads go on (MVCC) while a
job writes. Logins are bearer tokens stored as digests (access/sessions.py); long work
(ingest of an uploaded delivery, resolve, analyse, extract, report) runs as jobs on
one worker thread (workspace/jobs.py), each written through to the `jobs` table.
"""

from __future__ import annotations

from pathlib import Path
from typing import IO, TYPE_CHECKING, cast

from pydantic import BaseModel, Field

from borderlink.errors import NotFound
from borderlink.workspace.jobs import (
    JobLookup,
    JobRequest,
    JobRunner,
    JobView,
    ReportFileRequest,
    UploadRequest,
    job_from_row,
    job_row,
)
from borderlink.workspace.reads import ReadMethods

if TYPE_CHECKING:
    from borderlink.access.sessions import SessionToken, SessionUser
    from borderlink.browse.models import ViewerRequest
    from borderlink.store import Store
    from borderlink.workspace.workspace import Workspace

JOBS = "jobs"


class LoginRequest(BaseModel):
    username: str = Field(min_length=1, max_length=100)
    password: str = Field(max_length=1000)
    seconds: int = Field(8 * 3600, ge=60, le=30 * 24 * 3600, description="Token lifetime.")


class ServingMethods(ReadMethods):
    """Hold the database for a server; sessions; jobs and their files."""

    # -- holding the database --------------------------------------------------------------
    def hold(self) -> None:
        """Open the database once for this process and start the job worker."""
        from borderlink.access.sessions import ensure_sessions_table
        from borderlink.access.users import ensure_users_table
        from borderlink.audit.log import ensure_table
        from borderlink.browse.indexes import ensure_browse_indexes
        from borderlink.browse.search_keys import ensure_search_keys
        from borderlink.model.tables import create_table
        from borderlink.store import Store

        if self._held is not None:
            return
        store = Store.open(self.path)
        try:
            with store.transaction():
                ensure_table(store)
                ensure_users_table(store)
                ensure_sessions_table(store)
                if not store.table_exists(JOBS):
                    create_table(store, JOBS)
                store.execute(  # a job this server's predecessor left behind did not finish
                    f"UPDATE {JOBS} SET state = 'failed', error = 'the server stopped' "
                    "WHERE state IN ('queued', 'running')"
                )
            ensure_browse_indexes(store)
            ensure_search_keys(store)
        except BaseException:
            store.close()
            raise
        self._held = store
        self._jobs = JobRunner(after_each=self._reindex, record=self._record_job)

    def release(self) -> None:
        """Stop the job worker and close the held connection (and its lock)."""
        if self._jobs is not None:
            self._jobs.stop()
            self._jobs = None
        if self._held is not None:
            held, self._held = self._held, None  # a job still running sees it gone first
            held.close()

    def _held_store(self) -> Store:
        if self._held is None:
            raise NotFound("this workspace is not held by a server (call hold() first)")
        return self._held

    def _runner(self) -> JobRunner:
        if self._jobs is None:
            raise NotFound("this workspace is not held by a server (call hold() first)")
        return self._jobs

    def _reindex(self) -> None:
        """A job may have replaced tables and dropped their indexes, or changed what search
        finds: make them again."""
        from borderlink.browse.indexes import ensure_browse_indexes
        from borderlink.browse.search_keys import ensure_search_keys

        if self._held is None:  # released while the job ran: nothing to index
            return
        with self._held.cursor() as cursor:
            ensure_browse_indexes(cursor)
            ensure_search_keys(cursor)

    def _record_job(self, job: JobView) -> None:
        if self._held is None:  # released: the next hold() marks an unfinished job failed
            return
        with self._held.cursor() as cursor, cursor.transaction():
            cursor.execute(f"DELETE FROM {JOBS} WHERE job_id = ?", [job.job_id], table=JOBS)
            cursor.execute(
                f"INSERT INTO {JOBS} VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                job_row(job),
                table=JOBS,
            )

    # -- sessions ---------------------------------------------------------------------------
    def login(self, request: LoginRequest) -> SessionToken:
        """Check the password (audited either way) and issue a token (stored as a digest)."""
        from borderlink.access import authenticate
        from borderlink.access.sessions import issue

        with self._writer("login") as store:
            viewer = authenticate(store, request.username, request.password, policy=self.policy)
            return issue(store, viewer.username, request.seconds)

    def session(self, token: str) -> SessionUser:
        """The user a live token belongs to; NotAuthenticated for an expired, revoked or
        unknown token or a disabled user."""
        from borderlink.access.sessions import session_user

        with self._reader() as store:
            return session_user(store, token)

    def logout(self, token: str) -> None:
        """Revoke the token: it stops working at once, in this server and after a restart."""
        from borderlink.access.sessions import revoke

        with self._writer("logout") as store:
            revoke(store, token)

    @staticmethod
    def csrf_token(token: str) -> str:
        """The CSRF token bound to a web session's token (forms and scripts send it back)."""
        from borderlink.access.sessions import csrf_for

        return csrf_for(token)

    # -- jobs -------------------------------------------------------------------------------
    def _audit_as(self, request: ViewerRequest, action: str, target: str | None) -> None:
        from borderlink.browse.visibility import audit_read

        with self._as(request) as (store, viewer):
            viewer.require("run_jobs")
            audit_read(store, viewer, action, target, 1)

    def submit_job(self, request: JobRequest) -> JobView:
        """Queue resolve, analyse, extract or report; watch it with `job`."""
        from borderlink.workspace.job_work import job_work

        runner = self._runner()
        self._audit_as(request, f"job_{request.kind}", None)
        return runner.submit(
            request.kind, request.user, job_work(cast("Workspace", self), request.kind)
        )

    def upload_delivery(self, request: UploadRequest, data: IO[bytes]) -> JobView:
        """Unpack an uploaded delivery (a zip of source folders) and ingest it as a job."""
        from borderlink.workspace.job_work import job_work, unpack_delivery

        runner = self._runner()
        self._audit_as(request, "import_upload", request.filename)
        folder = unpack_delivery(self.path, data, request.filename)
        return runner.submit(
            "ingest", request.user, job_work(cast("Workspace", self), "ingest", folder)
        )

    def job(self, request: JobLookup) -> JobView:
        """A job's state, progress and result (this server's, or an earlier run's)."""
        with self._as(request) as (store, viewer):
            viewer.require("read")
            found = self._runner().get(request.job_id)
            if found is None:
                rows = store.query_dicts(f"SELECT * FROM {JOBS} WHERE job_id = ?", [request.job_id])
                if not rows:
                    raise NotFound(f"no job {request.job_id}", job_id=request.job_id)
                found = job_from_row(rows[0])
            return found

    def jobs(self, request: ViewerRequest) -> list[JobView]:
        """The latest jobs, newest first."""
        with self._as(request) as (store, viewer):
            viewer.require("read")
            live = self._runner().all()
            known = {j.job_id for j in live}
            rows = store.query_dicts(f"SELECT * FROM {JOBS} ORDER BY submitted_at DESC LIMIT 50")
            return live + [job_from_row(r) for r in rows if r["job_id"] not in known]

    def report_file(self, request: ReportFileRequest) -> Path:
        """A file of a finished report job (an export: audited)."""
        from borderlink.browse.visibility import audit_read
        from borderlink.workspace.job_work import REPORT_FILES

        job = self.job(JobLookup(user=request.user, job_id=request.job_id))
        path = self.path / "reports" / str(job.result.get("report")) / request.name
        if job.kind != "report" or job.state != "done" or request.name not in REPORT_FILES:
            raise NotFound("no such report file")
        if not path.is_file():
            raise NotFound("no such report file")
        with self._as(request) as (store, viewer):
            audit_read(store, viewer, "export", f"{request.job_id}/{request.name}", 1)
        return path
