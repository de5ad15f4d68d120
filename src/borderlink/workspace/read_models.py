"""The requests and answers of the Workspace's policy-aware reads, sessions and jobs, in
one importable place for front ends (the API, the web pages, a notebook).

They are defined beside the code that fills them (browse/models.py, browse/imports.py,
access/sessions.py, workspace/jobs.py); a front end imports them from here so it
depends on the library's surface, not on where a read is implemented.
"""

from borderlink.access.sessions import SessionToken, SessionUser
from borderlink.browse.imports import ImportRun, ImportsView, QuarantinedRow, QuarantineRequest
from borderlink.browse.models import (
    AuditRequest,
    AuditView,
    CaseRequest,
    CaseView,
    DecisionBody,
    DecisionRequest,
    DecisionView,
    DisruptBody,
    DisruptRequest,
    DisruptView,
    EntityRequest,
    EntityView,
    FiguresRequest,
    ReviewPairRequest,
    ReviewPairView,
    ReviewQueue,
    ReviewQueueRequest,
    SearchHit,
    SearchRequest,
    SearchResponse,
    SyndicateListResponse,
    SyndicateRequest,
    SyndicatesRequest,
    SyndicateView,
    ViewerRequest,
)
from borderlink.workspace.jobs import (
    JOB_KINDS,
    JOB_STATES,
    JobLookup,
    JobRequest,
    JobView,
    ReportFileRequest,
    UploadRequest,
)
from borderlink.workspace.serving import LoginRequest

__all__ = [
    "JOB_KINDS",
    "JOB_STATES",
    "AuditRequest",
    "AuditView",
    "CaseRequest",
    "CaseView",
    "DecisionBody",
    "DecisionRequest",
    "DecisionView",
    "DisruptBody",
    "DisruptRequest",
    "DisruptView",
    "EntityRequest",
    "EntityView",
    "FiguresRequest",
    "ImportRun",
    "ImportsView",
    "JobLookup",
    "JobRequest",
    "JobView",
    "LoginRequest",
    "QuarantineRequest",
    "QuarantinedRow",
    "ReportFileRequest",
    "ReviewPairRequest",
    "ReviewPairView",
    "ReviewQueue",
    "ReviewQueueRequest",
    "SearchHit",
    "SearchRequest",
    "SearchResponse",
    "SessionToken",
    "SessionUser",
    "SyndicateListResponse",
    "SyndicateRequest",
    "SyndicateView",
    "SyndicatesRequest",
    "UploadRequest",
    "ViewerRequest",
]
