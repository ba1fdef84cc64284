"""The benchmark's verdicts are decided by ratios to anchors measured in the same run."""

from bench import alternate, ratios, run


def test_a_throughput_target_is_met_at_three_times_the_anchor():
    row = ratios.row(
        "officer's queue: throughput",
        ours=120.0,
        anchor_name="viewflow's lean queue",
        anchor=40.0,
        unit="req/s",
        target=(">=", 3),
    )
    assert (row["ratio"], row["target"], row["met"]) == (3.0, ">= 3 x", True)
    assert not ratios.row("q", ours=119.0, anchor_name="a", anchor=40.0, unit="", target=(">=", 3))[
        "met"
    ]


def test_a_cost_target_is_met_up_to_its_bound_and_not_above():
    assert ratios.met(ratios.ratio(15.0, 10.0), ("<=", 1.5)) is True
    assert ratios.met(ratios.ratio(15.1, 10.0), ("<=", 1.5)) is False


def test_without_an_anchor_or_a_target_nothing_is_decided():
    assert (
        ratios.row("x", ours=1.0, anchor_name="a", anchor=None, unit="ms", target=("<=", 1.5))[
            "met"
        ]
        is None
    )
    assert ratios.row("x", ours=1.0, anchor_name="a", anchor=0, unit="ms")["ratio"] is None
    assert ratios.row("x", ours=2.0, anchor_name="a", anchor=1.0, unit="ms")["met"] is None


def test_the_rounds_of_a_figure_are_pooled_and_its_cpu_weighted_by_requests():
    first = ({"ms": {"page": [10.0] * 30}, "errors": {}, "measured_s": 3.0}, {"web": 20.0})
    second = (
        {"ms": {"page": [30.0] * 10}, "errors": {"page": 1}, "measured_s": 2.0},
        {"web": 40.0},
    )
    merged = alternate.merge([first, second])
    assert merged["rate"] == 40 / 5
    assert merged["errors"] == 1
    assert merged["cpu"]["web"] == (20.0 * 30 + 40.0 * 10) / 40
    assert len(merged["ms"]) == 40


def test_a_page_at_the_larger_size_must_keep_its_queries_and_the_task_tables_indexes():
    at_1m = {"queries": 6, "indexes": ["workflows_task_open", "casework_case_pkey"]}
    same = {"queries": 6, "indexes": ["casework_case_pkey", "workflows_task_open"]}
    other = {"queries": 6, "indexes": ["viewflow_task_pkey", "casework_case_pkey"]}
    explained = {
        "1 M tasks": {"size_mb": 1.0, "pages": {"queue": at_1m, "inbox": at_1m}},
        "3 M tasks": {"size_mb": 3.0, "pages": {"queue": same, "inbox": other}},
    }
    checks = {
        r["figure"].split(" at ")[0]: r["met"]
        for r in run.scale_checks(explained, "1 M tasks")
        if "met" in r
    }
    assert checks == {"queue": True, "inbox": False}
