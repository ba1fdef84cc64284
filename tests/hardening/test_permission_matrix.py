"""Every URL pattern × every role × GET and POST gets what ``matrix.py`` says."""

import pytest

from tests.hardening import matrix

PATTERNS = {pattern.name: pattern for pattern in matrix.url_patterns()}


def test_every_url_pattern_has_a_rule():
    missing = sorted(name for name, pattern in PATTERNS.items() if not matrix.rule_for(pattern))
    assert missing == [], (
        f"add rules for these URL patterns to tests/hardening/matrix.py: {missing}"
    )


def test_every_rule_is_for_a_url_pattern_that_exists():
    used = {matrix.rule_for(pattern).pattern for pattern in PATTERNS.values()}
    assert [rule.pattern for rule in matrix.RULES if rule.pattern not in used] == []


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_each_role_gets_what_the_matrix_says(client, name, organisation, other_organisation):
    pattern = PATTERNS[name]
    rule = matrix.rule_for(pattern)
    assert rule is not None, f"no rule for {name}"
    users = matrix.make_users(organisation, other_organisation)
    seen = matrix.observe(client, pattern, organisation, users)
    wrong = {
        f"{role} {method.upper()}": f"expected {rule.expected(role, method)}, got {outcome}"
        for (role, method), outcome in seen.items()
        if outcome != rule.expected(role, method)
    }
    assert wrong == {}, f"{name} (rule {rule.pattern!r}): {wrong}"
