"""What keeps rendering fast, checked without timing it: the tables' drawing and the benchmark's
load-independent measures (bench/documents.py prints the timings)."""

import io
import re
from collections import defaultdict

from pypdf import PdfReader
from pypdf.generic import ContentStream

from bench import documents as bench
from documents import rendering, samples


def _horizontal_rules(pdf: bytes) -> list[list[tuple[float, float]]]:
    """Per page, the horizontal lines stroked on it as (x from, x to), joined where they meet."""
    reader = PdfReader(io.BytesIO(pdf))
    pages = []
    for page in reader.pages:
        segments, start = defaultdict(list), None
        for operands, operator in ContentStream(page.get_contents(), reader).operations:
            if operator == b"m":
                start = [float(value) for value in operands]
            elif operator == b"l" and start is not None:
                x, y = float(operands[0]), float(operands[1])
                if abs(y - start[1]) < 0.01:
                    segments[round(y, 1)].append(tuple(sorted((start[0], x))))
                start = None
        pages.append([_joined(row) for row in segments.values()])
    return pages


def _joined(segments: list[tuple[float, float]]) -> list[tuple[float, float]]:
    joined: list[tuple[float, float]] = []
    for left, right in sorted(segments):
        if joined and left <= joined[-1][1] + 0.5:
            joined[-1] = (joined[-1][0], max(joined[-1][1], right))
        else:
            joined.append((left, right))
    return joined


def test_table_rules_run_unbroken_across_every_column():
    pdf = rendering.render_pdf("delegation_list", samples.delegation_list(decisions=30))
    rules = [rule for page in _horizontal_rules(pdf) for rule in page]
    # One rule under the letterhead, the header row and each of the thirty decisions.
    assert len(rules) >= 32
    assert all(len(pieces) == 1 for pieces in rules), "a rule breaks between two cells"
    assert len({(round(left), round(right)) for ((left, right),) in rules}) == 1


def test_the_benchmark_counts_the_same_work_for_the_same_document_whatever_the_load():
    render_once = bench.render_kind("decision_letter", samples.decision())
    bench.python_calls(render_once)  # warm: fonts, templates, stylesheet
    first = bench.python_calls(render_once)
    assert first > 10_000
    assert bench.python_calls(render_once) == first


def test_the_floor_is_running_text_in_the_documents_own_layout():
    """The floor the agreement is compared with has the same paper, heads, feet and PDF/A."""
    pdf, pages = bench.render_running_text(sections=7)()
    reader = PdfReader(io.BytesIO(pdf))
    assert pages == len(reader.pages) == 5
    first, last = reader.pages[0].extract_text(), reader.pages[-1].extract_text()
    assert "Malmö stad" in first and "Sida 1 av 5" in first and "Avsnitt 1" in first
    assert "Dnr SK-2026-00042" in last and "Sida 5 av 5" in last and "Avsnitt 7" in last
    metadata = reader.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert re.search(rb'pdfaid:part(>|=")3', metadata)


def test_the_benchmark_times_each_step_of_a_render():
    stages = bench.stage_seconds("decision_letter", samples.decision())
    assert list(stages) == ["template", "parse", "layout", "write", "collect"]
    assert stages["layout"] > 0 and stages["write"] > 0
    assert all(seconds >= 0 for seconds in stages.values())
