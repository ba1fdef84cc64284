from tests.fuzz.checks import OUTCOMES, RUNS


def pytest_terminal_summary(terminalreporter):
    if RUNS:
        terminalreporter.section("fuzz examples per form (responses by status)")
        for name, count in sorted(RUNS.items()):
            statuses = ", ".join(f"{code}: {n}" for code, n in sorted(OUTCOMES[name].items()))
            terminalreporter.write_line(f"{count:5d}  {name}  ({statuses})")
