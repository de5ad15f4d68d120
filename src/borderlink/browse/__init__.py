"""Policy-aware reads for analysts: every function takes (store, viewer, request),
applies the access policy for the viewer's agency and writes one audit entry.

The API, the web pages and exports call these and nothing else, so what a user
sees does not depend on which front end they use.
"""

from borderlink.browse.audit_view import audit_log
from borderlink.browse.case import case
from borderlink.browse.entity import entity
from borderlink.browse.models import (
    AuditRequest,
    CaseRequest,
    DecisionRequest,
    DisruptRequest,
    EntityRequest,
    ReviewPairRequest,
    ReviewQueueRequest,
    SearchRequest,
    SyndicateRequest,
)
from borderlink.browse.review import decide, review_pair, review_queue
from borderlink.browse.search import search
from borderlink.browse.syndicate import disrupt, syndicate, syndicates

__all__ = [
    "AuditRequest",
    "CaseRequest",
    "DecisionRequest",
    "DisruptRequest",
    "EntityRequest",
    "ReviewPairRequest",
    "ReviewQueueRequest",
    "SearchRequest",
    "SyndicateRequest",
    "audit_log",
    "case",
    "decide",
    "disrupt",
    "entity",
    "review_pair",
    "review_queue",
    "search",
    "syndicate",
    "syndicates",
]
