"""Requests and answers of the policy-aware reads (the API returns these as JSON).

Every answer holds only what the viewer's agency may see: a withheld field is
absent (never null-with-a-hint), and `more_elsewhere` says that another agency
holds more without saying what.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field


class ViewerRequest(BaseModel):
    """A read on someone's behalf: the Workspace looks the user up (agency, role), applies
    the policy for them and audits the read under their name."""

    user: str = Field(
        default="", max_length=100, description="Who reads (a user of the workspace)."
    )


class SearchRequest(ViewerRequest):
    q: str = Field(min_length=1, max_length=200, description="Name in any script, phone, ...")
    limit: int = Field(20, ge=1, le=100)


class SearchHit(BaseModel):
    entity_id: str
    names: list[str]
    nationality: str | None
    role: str | None
    syndicate_id: str | None
    score: float
    matched: str  # name / phone / id_number / plate / case / entity


class SearchResponse(BaseModel):
    query: str
    results: list[SearchHit]
    cases: list[str] = Field(default_factory=list)


class RecordView(BaseModel):
    record_id: str
    source: str
    file: str
    record_key: str
    fields: dict[str, Any]
    withheld: bool  # some fields of this record are not shown to the viewer
    # Marks of a record received under an exchange agreement (None on an agency's own):
    # shown to every viewer of the record, whatever fields the policy withholds.
    handling_code: str | None = None
    source_reliability: str | None = None
    information_grade: str | None = None


class RoleView(BaseModel):
    role: str
    confidence: float | None
    decided_by: str | None
    evidence: dict[str, Any]


class CaseBrief(BaseModel):
    case_no: str
    source: str | None = None
    offence: str | None = None
    opened: str | None = None
    region: str | None = None


class ExhibitView(BaseModel):
    kind: str | None
    identifier: str | None  # None: withheld from the viewer
    case_no: str | None
    source: str


class LinkView(BaseModel):
    entity_id: str
    kind: str
    weight: float
    names: list[str]


class AliasView(BaseModel):
    entity_id: str
    names: list[str]
    match_probability: float | None
    decided: bool  # an analyst called it a possible alias


class TimelineItem(BaseModel):
    date: str
    what: str
    case_no: str | None
    source: str


class EntityRequest(ViewerRequest):
    entity_id: str = Field(min_length=1, max_length=100)


class EntityView(BaseModel):
    entity_id: str
    names: list[str]
    nationality: str | None
    syndicate_id: str | None
    role: RoleView | None
    records: list[RecordView]
    cases: list[CaseBrief]
    phones: list[str]
    vehicles: list[ExhibitView]
    exhibits: list[ExhibitView]
    links: list[LinkView]
    aliases: list[AliasView]
    timeline: list[TimelineItem]
    more_elsewhere: bool


class MemberView(BaseModel):
    entity_id: str
    names: list[str]
    role: str | None
    kpp_rank: int | None
    key_player_score: float | None
    betweenness: float | None
    degree: int | None


class TieView(BaseModel):
    a: str
    b: str
    weight: float


class RelationView(BaseModel):
    syndicate_id: str
    shared_customers: int
    facilitator_ties: int


class SyndicateBrief(BaseModel):
    syndicate_id: str
    size: int
    routes: list[str]
    base_region: str | None
    active_from: str | None
    active_to: str | None
    key_players: list[str]


class SyndicateListResponse(BaseModel):
    syndicates: list[SyndicateBrief]


class SyndicateRequest(ViewerRequest):
    syndicate_id: str = Field(min_length=1, max_length=100)


class SyndicateView(BaseModel):
    syndicate: SyndicateBrief
    members: list[MemberView]
    ties: list[TieView]
    relations: list[RelationView]
    customers: int


class DisruptBody(BaseModel):
    """Whom to take out: named members, or the syndicate's top-k key players."""

    remove: list[str] | None = Field(None, max_length=200)
    top: int | None = Field(None, ge=1, le=50)


class DisruptRequest(DisruptBody, ViewerRequest):
    syndicate_id: str = Field("", max_length=100)


class SyndicatesRequest(ViewerRequest):
    """Every syndicate, largest first."""


class FiguresRequest(ViewerRequest):
    by: str | None = Field(default=None, max_length=20, description="region, route, origin, ...")


class NetworkStateView(BaseModel):
    members: int
    components: int
    largest_component: int
    largest_share: float
    stages_in_core: list[str]


class DisruptView(BaseModel):
    syndicate_id: str
    removed: list[str]
    before: NetworkStateView
    after: NetworkStateView
    stages_cut_off: list[str]


class CaseRequest(ViewerRequest):
    case_no: str = Field(min_length=1, max_length=100)


class CaseView(BaseModel):
    case_no: str
    records: list[RecordView]  # the case as each agency recorded it
    people: list[RecordView]
    entities: dict[str, str]  # person record_id -> entity_id
    exhibits: list[ExhibitView]
    more_elsewhere: bool


class ReviewQueueRequest(ViewerRequest):
    limit: int = Field(50, ge=1, le=500)


class ReviewPairBrief(BaseModel):
    record_a: str
    record_b: str
    match_probability: float
    linked: bool
    effect: int
    name_a: str | None
    name_b: str | None
    source_a: str
    source_b: str


class ReviewQueue(BaseModel):
    pairs: list[ReviewPairBrief]
    total: int


class WeightStep(BaseModel):
    comparison: str
    level: str
    match_weight: float


class ReviewPairRequest(ViewerRequest):
    record_a: str = Field(min_length=1, max_length=100)
    record_b: str = Field(min_length=1, max_length=100)


class ReviewPairView(BaseModel):
    record_a: RecordView
    record_b: RecordView
    entity_a: str | None
    entity_b: str | None
    compared_fields: list[str]
    prior_match_weight: float
    steps: list[WeightStep]
    match_weight: float
    match_probability: float


class DecisionBody(BaseModel):
    record_a: str = Field(min_length=1, max_length=100)
    record_b: str = Field(min_length=1, max_length=100)
    decision: Literal["same", "different", "possible_alias"]
    reason: str = Field(min_length=1, max_length=2000)


class DecisionRequest(DecisionBody, ViewerRequest):
    """A decision on a pair, made by `user`."""


class DecisionView(BaseModel):
    record_a: str
    record_b: str
    decision: str
    reason: str
    decided_by: str
    decided_at: str


class AuditRequest(ViewerRequest):
    actor: str | None = None
    action: str | None = None
    limit: int = Field(100, ge=1, le=1000)


class AuditView(BaseModel):
    entries: list[dict[str, Any]]
    chain_ok: bool
    first_bad_seq: int | None
