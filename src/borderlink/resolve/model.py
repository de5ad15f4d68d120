"""Learn the model's parameters on the workspace's own records, and fingerprint the result.

u (how often levels occur by chance) comes from random record pairs; m (how
often they occur for true matches) from expectation maximisation over blocks
chosen so that true matches are common in them (same birth date, a shared name
key), each block capped to a deterministic sample of pairs so that training
cost stays flat as the workspace grows.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Callable
from typing import Any

from borderlink.resolve.spec import ModelSpec

log = logging.getLogger(__name__)


def train(
    linker: Any,
    spec: ModelSpec,
    records: int,
    notes: list[str] | None = None,
    rebuild: Callable[[dict[str, Any]], Any] | None = None,
) -> dict[str, Any]:
    """Estimate lambda, u and m on `linker`'s data; returns the trained model as a dict.

    A step that cannot run on this data (a tiny workspace where a training block
    holds no pairs, or EM drives an m to exactly zero) is skipped and noted: the
    levels keep the values they had. Splink can fail half-way through a step and
    leave its settings without the comparison the step had switched off, so after
    a failure the linker is rebuilt by `rebuild` from the model as it stood.
    """
    from borderlink.resolve.backends.protocol import training_errors

    notes = notes if notes is not None else []
    t = spec.training
    if records < t.min_records:
        notes.append(
            f"{records} records (< {t.min_records}): parameters kept at the shipped priors"
        )
        model: dict[str, Any] = linker.misc.save_model_to_json()
        return model
    steps: list[tuple[str, Any]] = [
        (
            "prior",
            lambda: linker.training.estimate_probability_two_random_records_match(
                list(t.deterministic.rules), recall=t.deterministic.recall
            ),
        ),
        (
            "u",
            lambda: linker.training.estimate_u_using_random_sampling(
                max_pairs=t.u_max_pairs, seed=t.seed
            ),
        ),
    ]
    for session in t.em:
        steps.append(
            (
                f"em: {session.blocking}",
                lambda s=session: (
                    linker.training.estimate_parameters_using_expectation_maximisation(
                        s.blocking, max_pairs=s.max_pairs, estimate_without_term_frequencies=True
                    )
                ),
            )
        )
    good: dict[str, Any] = linker.misc.save_model_to_json()
    for name, step in steps:
        try:
            step()
        except training_errors() as exc:
            notes.append(f"training step '{name}' skipped: {exc}")
            log.warning("resolve: training step %s skipped: %s", name, exc)
            if rebuild is not None:
                linker = rebuild(good)
            continue
        good = linker.misc.save_model_to_json()
    trained: dict[str, Any] = good
    return floor_m(decontaminate_u(trained, 1 / t.u_max_pairs), t.m_floor)


def decontaminate_u(model: dict[str, Any], floor: float) -> dict[str, Any]:
    """Remove the true matches from u, which random sampling counted as non-matches.

    A random pair is a match with probability lambda, so the sampled frequency of
    a level is lambda*m + (1-lambda)*u. In a small workspace lambda*m dominates
    the rarest levels (two records of one rare name are nearly always the same
    person), and taking the raw frequency as u would halve their evidence.
    `floor` is one observation among the sampled pairs: u is never below it.
    """
    lam = float(model["probability_two_random_records_match"])
    for comparison in model["comparisons"]:
        for level in comparison["comparison_levels"]:
            m, u = level.get("m_probability"), level.get("u_probability")
            if level.get("is_null_level") or not isinstance(m, float | int):
                continue
            if not isinstance(u, float | int) or u <= floor:
                continue
            level["u_probability"] = max((float(u) - lam * float(m)) / (1 - lam), floor)
    return model


def floor_m(model: dict[str, Any], floor: float) -> dict[str, Any]:
    """Keep every level's m at or above `floor` (then renormalise per comparison).

    EM drives the m of a level it never sees among matches to ~0 (a typo in sex
    never seen in training), which turns one clerical slip into a veto of -30
    bits; real records always carry some error, so no level may be impossible.
    """
    for comparison in model["comparisons"]:
        levels = [lv for lv in comparison["comparison_levels"] if not lv.get("is_null_level")]
        ms = [lv.get("m_probability") for lv in levels]
        if any(not isinstance(m, float | int) for m in ms):
            continue
        raised = [max(float(m), floor) for m in ms]
        total = sum(raised)
        for level, m in zip(levels, raised, strict=True):
            level["m_probability"] = m / total
    return model


# Significant digits kept of every probability in the stored model, so that noise in
# the last digits of a float never gives the same model a new hash (and a new file).
MODEL_DIGITS = 9


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return float(f"{value:.{MODEL_DIGITS}g}")
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_rounded(v) for v in value]
    return value


# Keys Splink writes that say nothing about the model: a random id per linker object.
VOLATILE_KEYS = ("linker_uid",)


def model_json(model: dict[str, Any]) -> str:
    """Canonical JSON of a model (sorted keys, rounded floats, no per-linker random id),
    the form stored and hashed: the same trained model always has the same hash."""
    kept = {k: v for k, v in model.items() if k not in VOLATILE_KEYS}
    return json.dumps(_rounded(kept), sort_keys=True, ensure_ascii=False)


def model_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
