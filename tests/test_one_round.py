"""All the problems of a file in one ValidationError (issue 10).

Structure problems (types, keys, choices), the rules of the parts that loaded
and a missing schema_version come together; a rule that reads a part that did
not load waits for it rather than guess.
"""

from __future__ import annotations

import pytest

from vendorgov import ValidationError, loads
from vendorgov._model.parties import Party

FILE = """\
key = "x"
name = "X"
start = "2026-01-01"
end = "2025-01-01"
timezone = "Mars/Olympus"

[client]
name = "Shop"

[provider]
name = 42
registration_id = "12"

[[contacts]]
name = "A"
side = "client"
role = "primary"

[[kpis]]
key = "k"
name = "K"
unit = "%"
direction = "sideways"
"""


def problems(text: str) -> list[tuple[str, str]]:
    with pytest.raises(ValidationError) as info:
        loads(text)
    return [(detail.path, detail.message) for detail in info.value.errors]


def test_every_kind_of_problem_comes_in_one_round() -> None:
    found = problems(FILE)
    assert found == [
        ("schema_version", "is required (write schema_version = 1)"),
        ("provider.name", "expected a string, got integer 42"),
        # The provider's rules that do not read its name still run.
        ("provider.registration_id", "a SIREN has 9 digits and a SIRET 14, got 2 ('12')"),
        ("kpis[0].direction", "expected one of 'higher', 'lower', got text 'sideways'"),
        # The mission's rules on the parts that loaded.
        ("end", "must be after start (2026-01-01)"),
        ("timezone", "unknown IANA timezone 'Mars/Olympus' (like 'Europe/Paris')"),
        ("contacts", "needs exactly one primary contact on the provider side, got none"),
    ]


def test_a_rule_reading_a_part_that_did_not_load_waits() -> None:
    # The only measurement names a KPI that exists, but the KPI list did not
    # load: "unknown kpi" would be a guess, so nothing is said about it.
    text = (
        "schema_version = 1\n"
        + FILE
        + '[[measurements]]\nkpi = "k"\nat = "2026-02-01"\nvalue = "1"\n'
    )
    paths = [path for path, _ in problems(text)]
    assert not any(path.startswith("measurements") for path in paths)


def test_fixing_the_structure_reveals_nothing_new() -> None:
    # Once the types are right, the same rules and no others are reported.
    fixed = "schema_version = 1\n" + FILE.replace("name = 42", 'name = "LogiNord"').replace(
        '"sideways"', '"higher"'
    )
    assert problems(fixed) == [
        ("provider.registration_id", "a SIREN has 9 digits and a SIRET 14, got 2 ('12')"),
        ("end", "must be after start (2026-01-01)"),
        ("timezone", "unknown IANA timezone 'Mars/Olympus' (like 'Europe/Paris')"),
        ("contacts", "needs exactly one primary contact on the provider side, got none"),
    ]


def test_built_in_python_the_same_rules_run_beside_type_errors() -> None:
    with pytest.raises(ValidationError) as info:
        Party(name=42, registration_id="12")  # type: ignore[arg-type]
    assert [detail.path for detail in info.value.errors] == ["name", "registration_id"]


def test_a_wrong_type_never_makes_a_rule_blame_the_field_itself() -> None:
    # Contract's rule "an end date or duration_months" reads end with `is None`:
    # an end that did not load must not be reported twice.
    text = (
        'schema_version = 1\ntype = "contract"\nreference = "C1"\n'
        'effective = "2026-01-01"\nend = 5\nduration_months = 12\n'
    )
    assert problems(text) == [("end", "expected a date (YYYY-MM-DD), got integer 5")]
