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
of the cyclic garbage WeasyPrint leaves). Each kind is measured alternating, render by render,
with its floor: pages of nothing but headings and paragraphs in the documents' own print layout
(letterhead, running headers and footers, stylesheet, PDF/A), as many pages as the document:
what a page of running text costs at least. Its ratio (CPU median of the document over CPU
median of the floor) is the figure with a target: at most 1.5. Prints a table and writes
bench/results/documents.json.
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

# (name, kind, sample builder)
CASES = [
    ("agreement, 3 parties (~5 pages)", "iop_agreement",
     lambda: samples.agreement(parties=3, goals=2, paragraphs=1)),
    ("agreement, 12 parties (~20 pages)", "iop_agreement",
     lambda: samples.agreement(parties=12, goals=8, paragraphs=9)),
    ("memo to a board", "board_memo", samples.memo),
    ("decision letter", "decision_letter", samples.decision),
    ("submission receipt", "submission_receipt", samples.receipt),
]  # fmt: skip
# Every kind at most this many times its floor's CPU (issue 26).
FLOOR_RATIO_TARGET = 1.5


def measure(render_once, runs: int, between=None) -> dict:
    """Figures of ``render_once`` (no arguments, returns PDF bytes and the number of pages);
    ``between`` (if given) is called after each timed render, untimed: the anchor's render, so
    that both are measured alternating under the same load."""
    render_once()  # warm-up
    seconds, cpu_seconds, pages = [], [], 0
    loop = 0.0
    for _ in range(runs):
        start, cpu_start = time.perf_counter(), time.process_time()
        pdf, pages = render_once()
        seconds.append(time.perf_counter() - start)
        cpu_seconds.append(time.process_time() - cpu_start)
        loop += time.perf_counter() - start
        if between is not None:
            between()
    loop_mean = loop / runs
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


def floor_for(pages: int):
    """The running text with as many pages as a document of ``pages`` (about 1.45 sections a
    page; a few renders to find the number)."""
    sections, seen = max(1, round(pages * 1.45)), {}
    while sections not in seen and len(seen) < 8:
        render_once = render_running_text(sections)
        seen[sections] = (render_once()[1], render_once)
        got = seen[sections][0]
        if got == pages:
            return render_once
        sections = max(1, sections + (1 if got < pages else -1))
    return min(seen.values(), key=lambda found: abs(found[0] - pages))[1]


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
    for name, kind, build in CASES:
        row = {"case": name, "kind": kind}
        context = build()
        render_once = render_kind(kind, context)
        floor_once = floor_for(render_once()[1])
        floor_cpu = []

        def floor_timed(floor_once=floor_once, floor_cpu=floor_cpu):
            started = time.process_time()
            floor_once()
            floor_cpu.append(time.process_time() - started)

        row.update(measure(render_once, args.runs, between=floor_timed))
        row["floor_pages"] = floor_once()[1]
        row["floor_cpu_median_s"] = round(statistics.median(floor_cpu), 4)
        row["floor_ratio"] = round(row["cpu_median_s"] / row["floor_cpu_median_s"], 2)
        row["target_floor_ratio"] = FLOOR_RATIO_TARGET
        row["meets_target"] = row["floor_ratio"] <= FLOOR_RATIO_TARGET
        if args.stages:
            row["stages_cpu_s"] = measure_stages(kind, context, args.runs)
        results.append(row)
    _print_table(results)
    if args.stages:
        _print_stages(results)
    _write_json(results, args.runs, python)


def _print_table(results: list[dict]) -> None:
    header = (
        f"{'case':36} {'pages':>5} {'median s':>9} {'min s':>7} {'loop s':>7} {'cpu s':>7}"
        f" {'calls k':>8} {'pages/s':>8} {'ms/page':>8} {'floor cpu s':>11} {'ratio':>5}  target"
    )
    print(header)
    print("-" * len(header))
    for row in results:
        target = f"≤ {row['target_floor_ratio']} x: {'met' if row['meets_target'] else 'NOT met'}"
        print(
            f"{row['case']:36} {row['pages']:>5} {row['median_s']:>9.3f} {row['min_s']:>7.3f} "
            f"{row['loop_mean_s']:>7.3f} "
            f"{row['cpu_median_s']:>7.3f} {row['calls_k']:>8} {row['pages_per_s']:>8.1f}"
            f" {row['ms_per_page']:>8.1f} {row['floor_cpu_median_s']:>11.3f}"
            f" {row['floor_ratio']:>5.2f}  {target}"
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
