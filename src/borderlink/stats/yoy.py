"""Year-on-year arithmetic, kept pure so its edge cases are tested on their own.

- the base is zero and the current figure is not: the change is undefined, status "new";
- both are zero: status "none";
- the base period lies (partly) before or after the data: status "no_base", because a
  zero there means "no data", not "nothing happened";
- a figure that could not be computed (e.g. no resolve yet): status "not_computed".
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel

YoyStatus = Literal["change", "new", "none", "no_base", "not_computed"]


class YoyChange(BaseModel):
    status: YoyStatus
    percent: float | None = None

    def text(self) -> str:
        """Short human form: '-59.0%', '+12.5%', 'new', 'no change (0)', 'no base', 'n/a'."""
        if self.status == "change" and self.percent is not None:
            return f"{self.percent:+.1f}%"
        return {
            "new": "new",
            "none": "0 both years",
            "no_base": "no base",
            "not_computed": "not computed",
            "change": "",
        }[self.status]


def yoy_change(current: int | None, base: int | None, *, base_covered: bool) -> YoyChange:
    """Signed percent change from `base` to `current`, or why there is none."""
    if current is None:
        return YoyChange(status="not_computed")
    if not base_covered:
        return YoyChange(status="no_base")
    if base is None:
        return YoyChange(status="not_computed")
    if base == 0:
        return YoyChange(status="new" if current > 0 else "none")
    return YoyChange(status="change", percent=round((current - base) * 100.0 / base, 1))
