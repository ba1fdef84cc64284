"""Our pages and their anchors measured in turn, round after round, on the same server, data
and load: every figure's windows are spread over the whole run, so a machine that slows down
halfway slows ours and its anchor alike. Then the table's rows: absolute figures for
information, ratios to the anchors for the verdict."""

import statistics

from bench import ratios

# Targets (issue 26): at least 3x the throughput of viewflow's lean list of the same person,
# at most 1.5x the web CPU per request of a static page in the same shell; at 3 M tasks at most
# 1.1x the page at 1 M.
THROUGHPUT = (">=", 3.0)
SHELL_CPU = ("<=", 1.5)
SCALE = ("<=", 1.1)


def merge(windows: list[tuple[dict, dict]]) -> dict:
    """One figure from the rounds' measured windows [(locust result, CPU ms per request by
    group)]: response times pooled, time and requests summed, CPU per request weighted by each
    window's requests."""
    times, errors, measured, served = [], 0, 0.0, 0
    cpu: dict[str, float] = {}
    for result, per_request in windows:
        window = result["ms"].get("page", [])
        times += window
        errors += sum(result["errors"].values())
        measured += result["measured_s"]
        served += len(window)
        for group, ms in per_request.items():
            cpu[group] = cpu.get(group, 0.0) + ms * len(window)
    return {
        "ms": times,
        "errors": errors,
        "measured_s": measured,
        "rate": served / measured if measured else 0.0,
        "cpu": {group: total / served if served else 0.0 for group, total in cpu.items()},
    }


def measure(slots: dict, *, rounds: int, run_window) -> dict[str, dict]:
    """``run_window(label, who, path)`` for every slot, in turn, ``rounds`` times; merged."""
    windows: dict[str, list] = {label: [] for label in slots}
    for turn in range(rounds):
        for label, (who, path, _target) in slots.items():
            windows[label].append(run_window(label, who, path))
            print(f"  round {turn + 1}/{rounds}: {label}", flush=True)
    return {label: merge(found) for label, found in windows.items()}


def _percentile(values: list[float], share: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def absolute_rows(label: str, figure: dict, queries: int | None = None) -> list[dict]:
    """For information: median, p95, rate, CPU per request (web / PostgreSQL / locust / worker);
    errors and the queries per page are checks, not speed."""
    times = figure["ms"]
    rows = [
        {
            "figure": f"{label}: median / p95",
            "value": f"{_round(statistics.median(times) if times else None)} / "
            f"{_round(_percentile(times, 0.95))}",
            "unit": "ms",
            "target": None,
        },
        {
            "figure": f"{label}: CPU per request ({' / '.join(figure['cpu'])})",
            "value": " / ".join(f"{ms:.1f}" for ms in figure["cpu"].values()),
            "unit": "ms",
            "target": None,
        },
        {
            "figure": f"{label}: errors",
            "value": figure["errors"],
            "unit": "",
            "target": "0",
            "met": figure["errors"] == 0,
        },
    ]
    if queries is not None:
        rows.append(
            {
                "figure": f"{label}: queries per page",
                "value": queries,
                "unit": "",
                "target": "<= 10, same for 1/25/100 rows (tests)",
                "met": queries <= 10,
            }
        )
    return rows


def _round(value):
    return None if value is None else round(value, 1)


def ratio_rows(label: str, ours: dict, anchor_label: str, anchor: dict, static: dict) -> list:
    """The page's verdicts: throughput against its lean list, web CPU against the static page."""
    return [
        ratios.row(
            f"{label}: throughput",
            ours=ours["rate"],
            anchor_name=anchor_label,
            anchor=anchor["rate"],
            unit="req/s",
            target=THROUGHPUT,
        ),
        ratios.row(
            f"{label}: web CPU per request",
            ours=ours["cpu"].get("web"),
            anchor_name="static page in the same shell",
            anchor=static["cpu"].get("web"),
            unit="ms",
            target=SHELL_CPU,
        ),
    ]


def scale_rows(label: str, small: dict, large: dict, names: tuple[str, str]) -> list[dict]:
    """The page at the larger size against the page at the smaller, same run: web CPU per
    request and median time."""
    median = [statistics.median(f["ms"]) if f["ms"] else None for f in (small, large)]
    return [
        ratios.row(
            f"{label} at {names[1]}: web CPU per request",
            ours=large["cpu"].get("web"),
            anchor_name=f"the page at {names[0]}",
            anchor=small["cpu"].get("web"),
            unit="ms",
            target=SCALE,
        ),
        ratios.row(
            f"{label} at {names[1]}: median",
            ours=median[1],
            anchor_name=f"the page at {names[0]}",
            anchor=median[0],
            unit="ms",
            target=SCALE,
        ),
    ]
