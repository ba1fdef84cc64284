"""Document rendering speed: median seconds per document and pages per second, warm.

Run from the project root:  .venv/bin/python bench/documents.py [--runs N]

Each case is rendered once to warm up (fonts, templates, the parsed stylesheet), then N times
(15 by default); the figure is the whole of ``documents.rendering.render``: Django template,
WeasyPrint layout, PDF/A output and the template fingerprint. "loop s" is the whole timed loop
divided by N, so that work put off until after a render (garbage collection) counts too.
"cpu s" is the median CPU time of this process; "calls k" the Python function calls of one
render (cProfile), which do not depend on the machine's load at all: on a shared machine, compare
changes by these two rather than by wall time. ``--stages`` adds the median CPU time of each
step of a render (template, HTML parsing, WeasyPrint layout, PDF/A writing, and the collection
of the cyclic garbage WeasyPrint leaves). Two last rows are the floor: pages of nothing but
headings and paragraphs in the documents' own print layout (letterhead, running headers and
footers, stylesheet, PDF/A), as many pages as the two agreements: what a full page of running
text costs at least. Prints a table and writes bench/results/documents.json.
"""

import argparse
import cProfile
import json
import os
import platform
import pstats
import statistics
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")

import django  # noqa: E402

django.setup()

import weasyprint  # noqa: E402
from django.conf import settings  # noqa: E402
from django.template import Context, Template  # noqa: E402

from documents import kinds, rendering, samples  # noqa: E402

# (name, kind, sample builder, target median seconds or None)
CASES = [
    ("agreement, 3 parties (~5 pages)", "iop_agreement",
     lambda: samples.agreement(parties=3, goals=2, paragraphs=1), 0.25),
    ("agreement, 12 parties (~20 pages)", "iop_agreement",
     lambda: samples.agreement(parties=12, goals=8, paragraphs=9), 1.0),
    ("memo to a board", "board_memo", samples.memo, None),
    ("decision letter", "decision_letter", samples.decision, None),
    ("submission receipt", "submission_receipt", samples.receipt, None),
]  # fmt: skip


def measure(render_once, runs: int) -> dict:
    """Figures of ``render_once`` (no arguments, returns PDF bytes and the number of pages)."""
    render_once()  # warm-up
    seconds, cpu_seconds, pages = [], [], 0
    loop_start = time.perf_counter()
    for _ in range(runs):
        start, cpu_start = time.perf_counter(), time.process_time()
        pdf, pages = render_once()
        seconds.append(time.perf_counter() - start)
        cpu_seconds.append(time.process_time() - cpu_start)
    loop_mean = (time.perf_counter() - loop_start) / runs
    median = statistics.median(seconds)
    return {
        "pages": pages,
        "runs": runs,
        "median_s": round(median, 4),
        "min_s": round(min(seconds), 4),
        "max_s": round(max(seconds), 4),
        "loop_mean_s": round(loop_mean, 4),
        # CPU time of this process: less disturbed than wall time when the machine is busy.
        "cpu_median_s": round(statistics.median(cpu_seconds), 4),
        "pages_per_s": round(pages / median, 1),
        "ms_per_page": round(1000 * median / pages, 1),
        "bytes": len(pdf),
        "calls_k": round(python_calls(render_once) / 1000),
    }


def python_calls(render_once) -> int:
    """Python function calls of one render: a measure of work that the machine's load leaves be."""
    profile = cProfile.Profile()
    profile.runcall(render_once)
    return pstats.Stats(profile).total_calls


def render_kind(kind: str, context):
    def render_once():
        rendered = rendering.render(kind, context)
        return rendered.pdf, rendered.pages

    return render_once


# The floor: pages of nothing but headings and paragraphs, in the documents' own print layout
# (letterhead, running headers and footers, stylesheet, PDF/A): what a full page of running text
# costs at least. The difference to it is roughly what tables, lists and other structure add.
RUNNING_TEXT = Template(
    '{% extends "documents/layout/print.html" %}{% block doc_body %}<article class="doc">'
    '{% include "documents/layout/_letterhead.html" with label="Avtal" %}'
    "{% for heading, text in sections %}<h2>{{ heading }}</h2>{{ text|linebreaks }}{% endfor %}"
    "</article>{% endblock %}"
)
FLOORS = [
    ("floor: running text (~5 pages)", 7),
    ("floor: running text (~20 pages)", 30),
]


def render_running_text(sections: int):
    values = {
        "data": {"case_number": "SK-2026-00042", "document_date": date(2026, 3, 2)},
        "city_name": settings.CITY_NAME,
        "is_draft": False,
        "produced_at": "2026-03-02T10:00:00+01:00",
        "sections": [
            (f"Avsnitt {n + 1}", samples.text(paragraphs=4, sentences=4, start=n))
            for n in range(sections)
        ],
    }
    page, stylesheets = rendering._split_stylesheet(RUNNING_TEXT.render(Context(values)))
    fonts, fetcher = rendering._tools()

    def render_once():
        with rendering._gc_paused():
            document = weasyprint.HTML(string=page, url_fetcher=fetcher).render(
                font_config=fonts, pdf_variant=rendering.PDF_VARIANT, stylesheets=stylesheets
            )
            pdf = document.write_pdf(pdf_variant=rendering.PDF_VARIANT)
            pages = len(document.pages)
            del document
        return pdf, pages

    return render_once


STAGES = ("template", "parse", "layout", "write", "collect")


def stage_seconds(kind: str, context) -> dict:
    """CPU seconds of each step of ``rendering.render``, taken one by one as it takes them."""
    clock = time.process_time
    start = clock()
    page, stylesheets = rendering._split_stylesheet(kinds.render_html(kind, context, draft=False))
    fonts, fetcher = rendering._tools()
    marks = [start, clock()]
    with rendering._gc_paused():
        html = weasyprint.HTML(string=page, url_fetcher=fetcher)
        marks.append(clock())
        document = html.render(
            font_config=fonts, pdf_variant=rendering.PDF_VARIANT, stylesheets=stylesheets
        )
        marks.append(clock())
        document.write_pdf(pdf_variant=rendering.PDF_VARIANT)
        marks.append(clock())
        del document, html
    marks.append(clock())  # the collector runs as it resumes: WeasyPrint's reference cycles
    return {stage: marks[i + 1] - marks[i] for i, stage in enumerate(STAGES)}


def measure_stages(kind: str, context, runs: int) -> dict:
    taken = [stage_seconds(kind, context) for _ in range(runs)]
    return {stage: round(statistics.median(t[stage] for t in taken), 4) for stage in STAGES}


def interpreter() -> dict:
    """Which Python runs the bench, and whether it runs from a shared libpython.

    A shared-library build (pyenv's here) renders documents about a sixth slower than Debian's
    statically linked interpreter: WeasyPrint is pure Python (docs/documents.md, "Speed").
    """
    with open("/proc/self/maps", encoding="ascii", errors="replace") as maps:
        shared = any("libpython" in line for line in maps)
    return {
        "python": platform.python_version(),
        "executable": sys.executable,
        "libpython_shared": shared,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--stages", action="store_true", help="CPU time of each step, too")
    args = parser.parse_args()
    python = interpreter()
    linked = (
        "shared: documents render about a sixth slower"
        if python["libpython_shared"]
        else "linked in"
    )
    print(
        f"Python {python['python']} ({os.path.realpath(python['executable'])}, libpython "
        f"{linked}), WeasyPrint {weasyprint.__version__}, "
        f"load average {os.getloadavg()[0]:.2f}\n"
    )
    results = []
    for name, kind, build, target in CASES:
        row = {"case": name, "kind": kind, "target_median_s": target}
        context = build()
        row.update(measure(render_kind(kind, context), args.runs))
        row["meets_target"] = None if target is None else row["median_s"] <= target
        if args.stages:
            row["stages_cpu_s"] = measure_stages(kind, context, args.runs)
        results.append(row)
    for name, sections in FLOORS:
        row = {"case": name, "kind": None, "target_median_s": None, "meets_target": None}
        row.update(measure(render_running_text(sections), args.runs))
        results.append(row)
    _print_table(results)
    if args.stages:
        _print_stages(results)
    _write_json(results, args.runs, python)


def _print_table(results: list[dict]) -> None:
    header = (
        f"{'case':36} {'pages':>5} {'median s':>9} {'min s':>7} {'loop s':>7} {'cpu s':>7}"
        f" {'calls k':>8} {'pages/s':>8} {'ms/page':>8}  target"
    )
    print(header)
    print("-" * len(header))
    for row in results:
        target = (
            ""
            if row["target_median_s"] is None
            else (f"≤ {row['target_median_s']} s: {'met' if row['meets_target'] else 'NOT met'}")
        )
        print(
            f"{row['case']:36} {row['pages']:>5} {row['median_s']:>9.3f} {row['min_s']:>7.3f} "
            f"{row['loop_mean_s']:>7.3f} "
            f"{row['cpu_median_s']:>7.3f} {row['calls_k']:>8} {row['pages_per_s']:>8.1f}"
            f" {row['ms_per_page']:>8.1f}  {target}"
        )


def _print_stages(results: list[dict]) -> None:
    print(f"\nCPU median of each step, ms (share of their sum)\n{'case':36}", end="")
    print("".join(f" {stage:>14}" for stage in STAGES))
    for row in results:
        if "stages_cpu_s" not in row:
            continue
        stages = row["stages_cpu_s"]
        total = sum(stages.values())
        cells = (f"{1000 * stages[s]:6.1f} ({100 * stages[s] / total:2.0f} %)" for s in STAGES)
        print(f"{row['case']:36}" + "".join(f" {cell:>14}" for cell in cells))


def _write_json(results: list[dict], runs: int, python: dict) -> None:
    out = ROOT / "bench" / "results" / "documents.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    meta = {
        "benchmark": "documents.rendering.render, warm, sequential",
        "note": "cpu_median_s and calls_k are the figures to compare on a busy machine",
        "runs_per_case": runs,
        "weasyprint": weasyprint.__version__,
        "pdf_variant": rendering.PDF_VARIANT,
        **python,
        "cpus": os.cpu_count(),
        "load_average": list(os.getloadavg()),
    }
    out.write_text(json.dumps({"meta": meta, "results": results}, indent=2, ensure_ascii=False))
    print(f"\nwritten to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
