"""The bundled strategy file, word for word against the seed, and the loader's line-numbered validation."""

from __future__ import annotations

import dataclasses
import json
import tomllib
from pathlib import Path

import pytest

from forumdesk.domain.errors import StrategyFileError
from forumdesk.domain.strategy import (
    BUNDLED_STRATEGY_PATH,
    StrategyDocument,
    load_strategy,
    parse_strategy,
)

# The seed as it stands beside the repository (shared/), else the copy kept with the tests, so the check never
# silently skips in a clone that has no shared/ folder.
SEED_NAME = "000_e4bef5a42a7d1043.txt"
SEED = Path(__file__).parents[3] / "shared/seed" / SEED_NAME
SEED_COPY = Path(__file__).parents[1] / "data/seed" / SEED_NAME


def _normalise(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def essex() -> StrategyDocument:
    return load_strategy(BUNDLED_STRATEGY_PATH)


@pytest.fixture(scope="module")
def seed() -> str:
    path = SEED if SEED.is_file() else SEED_COPY
    return _normalise(path.read_text(encoding="utf-8"))


def test_the_kept_copy_of_the_seed_is_the_seed() -> None:
    if SEED.is_file():
        assert SEED_COPY.read_bytes() == SEED.read_bytes()


# --- The bundled Essex strategy ---------------------------------------------------------------------


def test_bundled_strategy_loads(essex: StrategyDocument) -> None:
    assert essex.name == "Essex Police Crime Prevention Strategy"
    assert essex.owner == "Essex Police"
    assert (essex.signed_by, essex.signed_role) == ("Andy Prophet", "Assistant Chief Constable")
    assert essex.source == str(BUNDLED_STRATEGY_PATH)
    assert len(essex.districts) == 14
    assert essex.districts[0] == "Basildon"
    assert essex.districts[-2:] == ("Southend", "Thurrock")


def test_counts(essex: StrategyDocument) -> None:
    assert len(essex.areas) == 9
    assert len(list(essex.aims())) == 46
    assert [len(area.aims) for area in essex.areas] == [5, 6, 5, 6, 4, 4, 6, 4, 6]
    assert len(essex.themes) == 5


def test_area_codes_and_names_in_the_strategy_order(essex: StrategyDocument) -> None:
    assert [(area.code, area.name) for area in essex.areas] == [
        ("DA", "Domestic Abuse"),
        ("GKC", "Gangs and Knife Crime"),
        ("NTE", "Night Time Economy"),
        ("SCAE", "Sexual Crime, Child Abuse and Exploitation"),
        ("DCF", "Digital Crime and Fraud"),
        ("PVE", "Preventing Violent Extremism"),
        ("HBSR", "House Burglary and Street Robbery"),
        ("HC", "Hate Crime"),
        ("SOC", "Serious and Organised Crime"),
    ]
    assert essex.areas[1].heading == "GANG CRIMINALITY AND KNIFE CRIME"


def test_themes(essex: StrategyDocument) -> None:
    assert [(theme.code, theme.name) for theme in essex.themes] == [
        ("SV", "Support Victims"),
        ("TO", "Target Offenders"),
        ("WP", "Work in Partnership"),
        ("SDA", "Shared Data Analysis"),
        ("PKL", "Police Key Locations"),
    ]


def test_aim_codes_are_unique_and_stable(essex: StrategyDocument) -> None:
    codes = [aim.code for _, aim in essex.aims()]
    assert len(codes) == len(set(codes))
    gkc = essex.area("GKC")
    assert gkc is not None
    assert [aim.code for aim in gkc.aims] == ["GKC-1", "GKC-2", "GKC-3", "GKC-4", "GKC-5", "GKC-6"]
    for area in essex.areas:
        assert [aim.code for aim in area.aims] == [f"{area.code}-{n}" for n in range(1, len(area.aims) + 1)]
    aim = essex.aim("GKC-3")
    assert aim is not None
    assert aim.text.endswith("the local drugs supply market – ‘county lines’")


def test_every_text_is_word_for_word_in_the_seed(essex: StrategyDocument, seed: str) -> None:
    texts = [essex.name, essex.signed_by, essex.signed_role, essex.delivery]
    texts += [theme.name for theme in essex.themes]
    texts += [forum.name for forum in essex.forums]
    for area in essex.areas:
        texts += [area.name, area.heading, area.objective, *area.forums_as_printed]
        texts += [aim.text for aim in area.aims]
    missing = [text for text in texts if _normalise(text) not in seed]
    assert missing == []


def test_curly_quotes_and_ampersands_kept(essex: StrategyDocument) -> None:
    da3 = essex.aim("DA-3")
    pve2 = essex.aim("PVE-2")
    assert da3 is not None and pve2 is not None
    assert "Her Majesty’s Inspectorate" in da3.text
    assert (
        "trust, confidence & understanding about the issues driving extremism & radicalisation" in pve2.text
    )


def test_objectives_as_printed(essex: StrategyDocument) -> None:
    objectives = {area.code: area.objective for area in essex.areas}
    assert objectives["DA"] == (
        "To work with partners and the community, to prevent domestic abuse by supporting victims and "
        "tackling offenders."
    )
    assert (
        objectives["GKC"]
        == "To work with our partners and the community to tackle gang criminality and knife crime"
    )


def test_community_safety_partnerships_is_one_forum_serving_five_areas(essex: StrategyDocument) -> None:
    names = [forum.name for forum in essex.forums]
    assert names.count("Community Safety Partnerships") == 1
    assert len(names) == len(set(names))
    areas = essex.areas_of_forum("Community Safety Partnerships")
    assert [area.code for area in areas] == ["GKC", "NTE", "DCF", "HBSR", "SOC"]
    csp = essex.forum("Community Safety Partnerships")
    assert csp is not None and csp.family and csp.short_code == "CSP"


def test_forum_families(essex: StrategyDocument) -> None:
    assert {forum.name for forum in essex.forums if forum.family} == {
        "Community Safety Partnerships",
        "Community Safety Hubs",
        "Local Licensing Committees",
        "Local Serious Organised Crime boards",
        "Local and Essex Independent Advisory Groups",
        "Community Forums",
    }


def test_each_area_lists_its_forums(essex: StrategyDocument) -> None:
    forums = {area.code: list(area.forums) for area in essex.areas}
    assert forums == {
        "DA": [
            "Southend Essex Thurrock Domestic Abuse Board",
            "Southend Essex Thurrock Multi Agency Risk Assessment Triage",
            "Domestic Abuse Performance Group",
        ],
        "GKC": [
            "Operation Raptor",
            "Community Safety Hubs",
            "Community Safety Partnerships",
            "Violence and Vulnerability Unit",
        ],
        "NTE": ["Community Safety Hubs", "Community Safety Partnerships", "Local Licensing Committees"],
        "SCAE": [
            "Essex, Southend and Thurrock Safeguarding Children Boards",
            "Essex, Southend and Thurrock Safeguarding Adults Boards",
            "Sexual Abuse Strategic Partnership Board",
        ],
        "DCF": [
            "Community Safety Hubs",
            "Community Safety Partnerships",
            "City of London Police & Eastern Region Special Operations Unit",
            "Cyber Information Sharing Partnership",
            "National Cyber Security Centre & National Crime Agency",
        ],
        "PVE": [
            "Local and Essex Independent Advisory Groups",
            "Essex Faith Leaders",
            "Community Forums",
            "Essex Hate Crime Strategic Partnership",
        ],
        "HBSR": [
            "Community Safety Hubs",
            "Community Safety Partnerships",
            "Neighbourhood Watch",
            "Community Safety Accreditation Scheme",
        ],
        "HC": [
            "Local and Essex Independent Advisory Groups",
            "Essex Faith Leaders",
            "Community Forums",
            "Essex Hate Crime Strategic Partnership",
        ],
        "SOC": [
            "Community Safety Hubs",
            "Community Safety Partnerships",
            "Local Serious Organised Crime boards",
        ],
    }


def test_forums_as_printed_where_the_print_differs(essex: StrategyDocument) -> None:
    printed = {
        area.code: area.forums_as_printed for area in essex.areas if area.forums_as_printed != area.forums
    }
    assert set(printed) == {"DCF", "HC", "SOC"}
    assert printed["SOC"][0] == "Community Safety Hubs and hub tasking"
    assert printed["HC"][1] == "Essex Faith Leaders/Community Forums"
    assert printed["DCF"][3] == "CISP (Cyber Information Sharing Partnership)"
    nte = essex.area("NTE")
    assert nte is not None and nte.forums_as_printed == nte.forums


def test_the_same_structure_loads_from_json(essex: StrategyDocument, tmp_path: Path) -> None:
    data = tomllib.loads(BUNDLED_STRATEGY_PATH.read_text(encoding="utf-8"))
    path = tmp_path / "essex.json"
    path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
    assert load_strategy(path) == dataclasses.replace(essex, source=str(path))


# --- Validation -------------------------------------------------------------------------------------

VALID = """\
format = 1
name = "Test Strategy"
owner = "Test Police"

[[themes]]
code = "SV"
name = "Support Victims"

[[forums]]
name = "Alpha Board"

[[forums]]
name = "Local Panels"
family = true

[[areas]]
code = "DA"
name = "Domestic Abuse"
objective = "Prevent it."
forums = ["Alpha Board"]

[[areas.aims]]
code = "DA-1"
text = "First aim"

[[areas.aims]]
code = "DA-2"
text = "Second aim"

[[areas]]
code = "GKC"
name = "Gangs and Knife Crime"
objective = "Tackle them."
forums = [
    "Alpha Board",
    "Local Panels",
]

[[areas.aims]]
code = "GKC-1"
text = "Only aim"
"""


def _line(text: str, snippet: str, occurrence: int = 1) -> int:
    """The 1-based number of the line holding the ``occurrence``-th ``snippet``."""
    numbers = [n for n, line in enumerate(text.splitlines(), start=1) if snippet in line]
    return numbers[occurrence - 1]


def _edit(old: str, new: str, occurrence: int = 1) -> str:
    parts = VALID.split(old)
    assert len(parts) > occurrence, f"{old!r} not in the test strategy {occurrence} times"
    return old.join(parts[:occurrence]) + new + old.join(parts[occurrence:])


def _error(text: str, fmt: str = "toml") -> StrategyFileError:
    with pytest.raises(StrategyFileError) as caught:
        parse_strategy(text, "test.toml", fmt=fmt)
    return caught.value


def _assert_error(error: StrategyFileError, field: str | None, line: int | None, words: str) -> None:
    assert (error.field, error.line) == (field, line)
    assert words in str(error)
    if line is not None:
        assert str(error).startswith(f"test.toml, line {line}: ")
    if field is not None:
        assert f": {field}: " in str(error)


def test_the_test_strategy_is_valid() -> None:
    document = parse_strategy(VALID, "test.toml")
    assert [area.code for area in document.areas] == ["DA", "GKC"]
    assert [aim.code for _, aim in document.aims()] == ["DA-1", "DA-2", "GKC-1"]
    assert document.areas[0].heading == "Domestic Abuse"  # heading defaults to the name
    assert document.signed_by == "" and document.districts == ()
    assert [area.code for area in document.areas_of_forum("Alpha Board")] == ["DA", "GKC"]


def test_toml_syntax_error_gives_its_line() -> None:
    text = _edit('owner = "Test Police"', "owner = ")
    error = _error(text)
    _assert_error(error, None, _line(text, "owner = "), "TOML syntax error")
    assert "(at line" not in str(error)


def test_toml_syntax_error_at_the_end_of_the_file() -> None:
    text = VALID + "districts = [\n"
    _assert_error(_error(text), None, len(text.splitlines()), "TOML syntax error")


def test_missing_required_field_points_at_its_table() -> None:
    text = _edit('objective = "Tackle them."\n', "")
    _assert_error(
        _error(text), "areas[1].objective", _line(text, "[[areas]]", 2), "required field is missing"
    )


def test_missing_top_level_field() -> None:
    text = _edit('owner = "Test Police"\n', "")
    _assert_error(_error(text), "owner", None, "required field is missing")


def test_empty_field() -> None:
    text = _edit('name = "Alpha Board"', 'name = "  "')
    _assert_error(_error(text), "forums[0].name", _line(text, 'name = "  "'), "must not be empty")


def test_wrong_type_of_text() -> None:
    text = _edit('text = "Second aim"', "text = 2")
    _assert_error(
        _error(text), "areas[0].aims[1].text", _line(text, "text = 2"), "must be text, not a whole number"
    )


def test_wrong_type_of_flag() -> None:
    text = _edit("family = true", 'family = "yes"')
    _assert_error(
        _error(text), "forums[1].family", _line(text, "family ="), "must be true or false, not text"
    )


def test_wrong_type_of_list() -> None:
    text = _edit('forums = ["Alpha Board"]', 'forums = "Alpha Board"')
    _assert_error(_error(text), "areas[0].forums", _line(text, 'forums = "Alpha'), "must be a list of text")


def test_areas_must_be_an_array_of_tables() -> None:
    text = _edit("[[themes]]", "areas = 3\n\n[[themes]]").split("[[areas]]")[0]
    _assert_error(_error(text), "areas", _line(text, "areas = 3"), "must be a list of tables")


def test_format_must_be_a_number() -> None:
    text = _edit("format = 1", 'format = "1"')
    _assert_error(_error(text), "format", 1, "must be a whole number, not text")


def test_unknown_format_version() -> None:
    text = _edit("format = 1", "format = 2")
    _assert_error(_error(text), "format", 1, "unknown format version 2")


def test_missing_format() -> None:
    text = _edit("format = 1\n", "")
    _assert_error(_error(text), "format", None, "required field is missing")


def test_no_areas() -> None:
    text = VALID.split("[[areas]]")[0]
    _assert_error(_error(text), "areas", None, "no priority areas")


def test_empty_list_of_areas() -> None:
    text = _edit('owner = "Test Police"\n', 'owner = "Test Police"\nareas = []\n').split("[[areas]]")[0]
    _assert_error(_error(text), "areas", _line(text, "areas = []"), "no priority areas")


def test_area_without_aims() -> None:
    text = VALID.split('[[areas.aims]]\ncode = "GKC-1"')[0]
    _assert_error(_error(text), "areas[1].aims", _line(text, "[[areas]]", 2), "at least one aim")


def test_duplicate_area_code() -> None:
    text = _edit('code = "GKC"', 'code = "DA"').replace('code = "GKC-1"', 'code = "DA-3"')
    error = _error(text)
    _assert_error(error, "areas[1].code", _line(text, 'code = "DA"', 2), "duplicate area code 'DA'")
    assert "areas[0].code" in str(error)


def test_duplicate_aim_code() -> None:
    text = _edit('code = "DA-2"', 'code = "DA-1"')
    _assert_error(
        _error(text), "areas[0].aims[1].code", _line(text, 'code = "DA-1"', 2), "duplicate aim code 'DA-1'"
    )


def test_aim_code_must_start_with_its_area_code() -> None:
    text = _edit('code = "GKC-1"', 'code = "DA-3"')
    error = _error(text)
    _assert_error(error, "areas[1].aims[0].code", _line(text, 'code = "DA-3"'), "must start with 'GKC-'")


def test_area_naming_an_unknown_forum_points_at_the_item() -> None:
    text = _edit('    "Local Panels",', '    "Local Panel",')
    error = _error(text)
    _assert_error(error, "areas[1].forums[1]", _line(text, '"Local Panel",'), "'Local Panel' is not the name")


def test_item_lines_survive_comments_and_brackets_in_strings() -> None:
    text = _edit('    "Alpha Board",', '    "Alpha Board",  # the "board" [sic], one "line"')
    text = text.replace('    "Local Panels",', '    "Local Panels [all]",')
    error = _error(text)
    _assert_error(error, "areas[1].forums[1]", _line(text, '"Local Panels [all]",'), "is not the name")


def test_unknown_forum_in_a_one_line_list() -> None:
    text = _edit('forums = ["Alpha Board"]', 'forums = ["Alpha Board", "Beta"]')
    _assert_error(_error(text), "areas[0].forums[1]", _line(text, '"Beta"'), "'Beta' is not the name")


def test_duplicate_forum_name() -> None:
    text = _edit('name = "Local Panels"', 'name = "Alpha Board"')
    _assert_error(
        _error(text), "forums[1].name", _line(text, 'name = "Alpha Board"', 2), "duplicate forum name"
    )


def test_unknown_field_is_named() -> None:
    text = _edit('objective = "Prevent it."', 'objectve = "Prevent it."')
    error = _error(text)
    _assert_error(error, "areas[0].objectve", _line(text, "objectve"), "unknown field")


def test_lines_are_found_after_multi_line_strings() -> None:
    text = _edit('text = "First aim"', 'text = """First\n[[areas]]\ncode = "XX"\naim"""')
    text = text.replace('code = "DA-2"', 'code = "DA-1"')
    _assert_error(
        _error(text), "areas[0].aims[1].code", _line(text, 'code = "DA-1"', 2), "duplicate aim code"
    )


def test_json_syntax_error_gives_its_line() -> None:
    _assert_error(_error('{\n  "format": 1,\n  "name": \n}', fmt="json"), None, 4, "JSON syntax error")


def test_json_semantic_error_names_the_field() -> None:
    data = tomllib.loads(_edit('code = "GKC-1"', 'code = "GK-1"'))
    _assert_error(
        _error(json.dumps(data), fmt="json"), "areas[1].aims[0].code", None, "must start with 'GKC-'"
    )


def test_json_null_is_named() -> None:
    data = tomllib.loads(VALID)
    data["forums"][0]["family"] = None
    _assert_error(_error(json.dumps(data), fmt="json"), "forums[0].family", None, "not null")


def test_json_must_be_an_object() -> None:
    _assert_error(_error("[1, 2]", fmt="json"), None, 1, "JSON object")


# --- Files ------------------------------------------------------------------------------------------


def test_a_folder_is_not_a_strategy(tmp_path: Path) -> None:
    folder = tmp_path / "strategy.toml"
    folder.mkdir()
    with pytest.raises(StrategyFileError, match="is a folder"):
        load_strategy(folder)


def test_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(StrategyFileError, match="cannot be read") as caught:
        load_strategy(tmp_path / "nowhere.toml")
    assert caught.value.source == str(tmp_path / "nowhere.toml")


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "latin1.toml"
    path.write_bytes(VALID.replace("Test Police", "Tést Police").encode("latin-1"))
    with pytest.raises(StrategyFileError, match="not UTF-8") as caught:
        load_strategy(path)
    assert caught.value.line == 3


def test_unknown_file_type(tmp_path: Path) -> None:
    path = tmp_path / "strategy.txt"
    path.write_text(VALID, encoding="utf-8")
    with pytest.raises(StrategyFileError, match=r"expected \.toml or \.json"):
        load_strategy(path)


def test_a_file_with_a_byte_order_mark_loads(tmp_path: Path) -> None:
    path = tmp_path / "bom.TOML"
    path.write_bytes(b"\xef\xbb\xbf" + VALID.encode("utf-8"))
    assert load_strategy(path).name == "Test Strategy"
