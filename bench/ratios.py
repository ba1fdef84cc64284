"""Figures as ratios to anchors measured in the same run: the only thing "met" is decided by.

A target is ``(">=", 3.0)`` (ours must reach at least three times the anchor, e.g. throughput)
or ``("<=", 1.5)`` (ours may cost at most one and a half times the anchor, e.g. CPU or time).
"""

OPERATORS = {">=": lambda ratio, bound: ratio >= bound, "<=": lambda ratio, bound: ratio <= bound}


def ratio(ours: float | None, anchor: float | None) -> float | None:
    """ours / anchor, or None when either is missing or the anchor is zero."""
    if ours is None or anchor is None or anchor == 0:
        return None
    return ours / anchor


def met(value: float | None, target: tuple[str, float] | None) -> bool | None:
    """Whether ``value`` (a ratio) meets ``target``; None when there is no target or no ratio
    (a figure that could not be measured is not met, nor is it failed: it is missing)."""
    if target is None or value is None:
        return None
    operator, bound = target
    return OPERATORS[operator](value, bound)


def row(
    figure: str,
    *,
    ours: float | None,
    anchor_name: str,
    anchor: float | None,
    unit: str,
    target: tuple[str, float] | None = None,
) -> dict:
    """One line of the table: ours, the anchor, the ratio, the target, met (by the ratio)."""
    value = ratio(ours, anchor)
    return {
        "figure": figure,
        "value": None if ours is None else round(ours, 3),
        "unit": unit,
        "anchor": anchor_name,
        "anchor_value": None if anchor is None else round(anchor, 3),
        "ratio": None if value is None else round(value, 2),
        "target": None if target is None else f"{target[0]} {target[1]:g} x",
        "met": met(value, target),
    }
