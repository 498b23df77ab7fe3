"""Structural facts of the bundled briefing, so that an edit cannot silently drop content."""

from __future__ import annotations

import datetime
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from briefing.document.bundled import bundled_briefings
from briefing.document.loader import LoadResult, load_file

FILE_NAME = "china-russia-ukraine.toml"
REPO_COPY = Path(__file__).resolve().parents[1] / "content" / FILE_NAME

AUTHOR = "Katherine Spencer (author, UkraineAlert)"
ARTICLE = "spencer-ukrainealert-2025-04"

# Section ids in reading order, each with its claim ids in reading order.
OUTLINE: dict[str, tuple[str, ...]] = {
    "context": (
        "kyiv-accuses-china-deeper-involvement",
        "accusations-complicate-peace-talks",
    ),
    "chinese-fighters": (
        "captured-chinese-nationals",
        "foreign-fighters-not-new",
        "chinese-mercenaries-recruited",
    ),
    "what-beijing-knows": (
        "chinese-authorities-aware",
        "recruitment-adverts-chinese-social-media",
        "tacit-official-approval",
        "us-officials-no-direct-ties",
    ),
    "military-observers": (
        "chinese-officers-observing-war",
        "insights-into-drone-warfare",
    ),
    "weapons-supplies": (
        "kyiv-growing-frustration",
        "chinese-workers-drone-plant",
        "chinese-companies-iskander",
        "weapons-and-gunpowder",
    ),
    "partnership-and-neutrality": (
        "not-a-complete-surprise",
        "no-limits-partnership",
        "shared-geopolitical-vision",
        "partnership-new-levels",
        "china-neutral-stance",
        "restricted-items-dual-use",
    ),
    "exchange-and-escalation": (
        "possible-international-escalation",
        "russian-defence-technology-access",
        "western-weapons-vulnerabilities",
    ),
    "china-as-peacemaker": (
        "china-peace-role-opportunity",
        "must-convince-kyiv",
    ),
}

SOURCE_IDS = (
    ARTICLE,
    "zelenskyy-captured-fighters",
    "kyiv-officials-chinese-recruits",
    "china-response-fighters",
    "reuters-us-officials-captured-fighters",
    "zelenskyy-drone-plant",
    "ukraine-sanctions-iskander",
    "zelenskyy-weapons-gunpowder",
    "china-russia-no-limits-declaration",
    "us-officials-defence-technology",
    "us-congress-western-weapons",
)

# Each claim's claimant, as the article attributes it.
CLAIMANTS = {
    "kyiv-accuses-china-deeper-involvement": "Kyiv (Ukrainian government)",
    "accusations-complicate-peace-talks": AUTHOR,
    "captured-chinese-nationals": "Volodymyr Zelenskyy, President of Ukraine",
    "foreign-fighters-not-new": AUTHOR,
    "chinese-mercenaries-recruited": "Officials in Kyiv (Ukrainian government)",
    "chinese-authorities-aware": "Unnamed commentators (“many”, as reported by the article)",
    "recruitment-adverts-chinese-social-media": (
        "Unnamed commentators (“some”, as reported by the article)"
    ),
    "tacit-official-approval": "Unnamed commentators (“some”, as reported by the article)",
    "us-officials-no-direct-ties": "US officials (as reported by Reuters)",
    "chinese-officers-observing-war": "Officials in Washington and other Western capitals",
    "insights-into-drone-warfare": AUTHOR,
    "kyiv-growing-frustration": AUTHOR,
    "chinese-workers-drone-plant": "Volodymyr Zelenskyy, President of Ukraine",
    "chinese-companies-iskander": "Ukrainian authorities",
    "weapons-and-gunpowder": "Volodymyr Zelenskyy, President of Ukraine",
    "not-a-complete-surprise": AUTHOR,
    "no-limits-partnership": "Governments of China and Russia",
    "shared-geopolitical-vision": "Governments of China and Russia",
    "partnership-new-levels": AUTHOR,
    "china-neutral-stance": "Government of China (official position)",
    "restricted-items-dual-use": "Unnamed accusers (as reported by the article)",
    "possible-international-escalation": (
        "Unnamed commentators (speculation reported by the article)"
    ),
    "russian-defence-technology-access": "US officials",
    "western-weapons-vulnerabilities": "US Congress",
    "china-peace-role-opportunity": AUTHOR,
    "must-convince-kyiv": AUTHOR,
}

# Only the claims whose wording in the article carries a level of confidence.
CONFIDENCE = {
    "insights-into-drone-warfare": "low",  # "could provide"
    "partnership-new-levels": "high",  # "there is no question"
    "possible-international-escalation": "low",  # "speculation ... could ... possible"
    "western-weapons-vulnerabilities": "low",  # "could be providing"
    "china-peace-role-opportunity": "low",  # "may soon emerge"
}

# Dates only as precise as the article gives them; every other claim has none.
STATED = {
    "captured-chinese-nationals": "2025-04",  # "In early April"
    "us-officials-no-direct-ties": "2025-04",  # Reuters, on the fighters captured in April
    "chinese-companies-iskander": "2025",  # "In the past month"
    "weapons-and-gunpowder": "2025-04",  # "in the middle of April"
    "no-limits-partnership": "2022-02",  # "in February 2022"
}

SOURCE_DATES = {
    ARTICLE: "2025-04",
    "zelenskyy-captured-fighters": "2025-04",
    "reuters-us-officials-captured-fighters": "2025-04",
    "ukraine-sanctions-iskander": "2025",
    "zelenskyy-weapons-gunpowder": "2025-04",
    "china-russia-no-limits-declaration": "2022-02",
}

# Pairs of claims that must point at each other.
LINKED = (
    ("recruitment-adverts-chinese-social-media", "tacit-official-approval"),
    ("chinese-mercenaries-recruited", "captured-chinese-nationals"),
    ("captured-chinese-nationals", "us-officials-no-direct-ties"),
    ("weapons-and-gunpowder", "china-neutral-stance"),
    ("weapons-and-gunpowder", "restricted-items-dual-use"),
    ("chinese-officers-observing-war", "western-weapons-vulnerabilities"),
    ("insights-into-drone-warfare", "western-weapons-vulnerabilities"),
    ("no-limits-partnership", "partnership-new-levels"),
    ("china-peace-role-opportunity", "must-convince-kyiv"),
)

MATERIAL_SUPPORT_DENIAL = "Beijing has denied providing any material support for Moscow's war."


@pytest.fixture(scope="module")
def result() -> LoadResult:
    paths = bundled_briefings()
    assert len(paths) == 1
    return load_file(paths[0])


@pytest.fixture(scope="module")
def claims(result: LoadResult) -> dict[str, Any]:
    assert result.briefing is not None
    return {claim.id: claim for section in result.briefing.sections for claim in section.claims}


def _walk(value: Any) -> Iterator[Any]:
    """Yield every value inside a model, depth first."""
    yield value
    if isinstance(value, tuple | list):
        for item in value:
            yield from _walk(item)
    elif hasattr(type(value), "model_fields"):
        for name in type(value).model_fields:
            yield from _walk(getattr(value, name))


def test_exactly_one_bundled_briefing_and_it_is_this_one() -> None:
    paths = bundled_briefings()
    assert [path.name for path in paths] == [FILE_NAME]
    if REPO_COPY.is_file():
        # An installed package carries a copy of content/: it must be this file.
        assert paths[0].read_bytes() == REPO_COPY.read_bytes()


def test_loads_without_any_diagnostic(result: LoadResult) -> None:
    assert [str(d) for d in result.diagnostics] == []
    assert result.briefing is not None


def test_briefing_table(result: LoadResult) -> None:
    assert result.briefing is not None
    info = result.briefing.briefing
    assert info.title == "China's role in Russia's war against Ukraine"
    assert info.subtitle
    assert info.summary
    assert info.published == "2025-04"
    assert tuple(info.authors) == ("Katherine Spencer",)
    assert info.publisher == "Atlantic Council"
    assert info.tags


def test_sections_and_claims_in_order(result: LoadResult) -> None:
    assert result.briefing is not None
    outline = {
        section.id: tuple(claim.id for claim in section.claims)
        for section in result.briefing.sections
    }
    assert list(outline) == list(OUTLINE)
    assert outline == OUTLINE
    for section in result.briefing.sections:
        assert section.title.strip()
        assert section.summary and section.summary.strip()


def test_counts(result: LoadResult, claims: dict[str, Any]) -> None:
    assert result.briefing is not None
    assert len(result.briefing.sections) == 8
    assert len(claims) == 26
    assert sum(len(c.evidence) for c in claims.values()) == 29
    assert sum(len(c.caveats) for c in claims.values()) == 13
    assert sum(len(c.denials) for c in claims.values()) == 4
    assert len(result.briefing.sources) == 11


def test_every_claim_is_attributed_and_supported(claims: dict[str, Any]) -> None:
    assert {cid: claim.claimant for cid, claim in claims.items()} == CLAIMANTS
    for claim in claims.values():
        assert claim.text.strip()
        assert claim.claimant.strip()
        assert claim.evidence, claim.id
        for item in (*claim.evidence, *claim.caveats):
            assert item.text.strip()


def test_denials_sit_on_the_claims_they_answer(claims: dict[str, Any]) -> None:
    denied = {cid: claim.denials for cid, claim in claims.items() if claim.denials}
    assert set(denied) == {
        "chinese-mercenaries-recruited",
        "weapons-and-gunpowder",
        "restricted-items-dual-use",
    }
    for denials in denied.values():
        for denial in denials:
            assert denial.by.strip()
            assert denial.text.strip()
            assert denial.date is None  # the article gives no date for any denial

    (unfounded,) = denied["chinese-mercenaries-recruited"]
    assert unfounded.by == "Government of China"
    assert "“totally unfounded”" in unfounded.text
    assert unfounded.source == "china-response-fighters"

    for cid in ("weapons-and-gunpowder", "restricted-items-dual-use"):
        material = denied[cid][0]
        assert material.by == "Beijing (Chinese government)"
        assert material.text == MATERIAL_SUPPORT_DENIAL
        assert material.source == ARTICLE

    # Its official neutrality answers the accusation of enabling the war effort.
    (_, neutrality) = denied["restricted-items-dual-use"]
    assert neutrality.by == "Beijing (Chinese government)"
    assert "neutral" in neutrality.text
    assert len(denied["weapons-and-gunpowder"]) == 1


def test_key_caveats_are_kept(claims: dict[str, Any]) -> None:
    def caveats(cid: str) -> str:
        return " ".join(caveat.text for caveat in claims[cid].caveats)

    assert "no evidence linking" in caveats("chinese-mercenaries-recruited")
    assert "no evidence linking" in caveats("tacit-official-approval")
    captured = claims["captured-chinese-nationals"]
    assert "reuters-us-officials-captured-fighters" in {c.source for c in captured.caveats}
    assert "first time" in caveats("weapons-and-gunpowder")
    assert "alleged" in caveats("chinese-companies-iskander")


def test_quotes(claims: dict[str, Any]) -> None:
    quotes = {cid: [e.quote for e in claim.evidence if e.quote] for cid, claim in claims.items()}
    assert quotes["no-limits-partnership"] == ["no limits"]
    assert quotes["partnership-new-levels"] == [
        "there is no question that the geopolitical partnership between China and Russia "
        "has reached new levels"
    ]


def test_confidence_only_where_the_article_supports_it(claims: dict[str, Any]) -> None:
    given = {cid: claim.confidence for cid, claim in claims.items() if claim.confidence}
    assert given == CONFIDENCE


def test_see_also_links(claims: dict[str, Any]) -> None:
    for claim in claims.values():
        for other in claim.see_also:
            assert other in claims and other != claim.id
    for a, b in LINKED:
        assert b in claims[a].see_also, (a, b)
        assert a in claims[b].see_also, (b, a)


def test_dates_are_only_as_precise_as_the_article(
    result: LoadResult, claims: dict[str, Any]
) -> None:
    assert result.briefing is not None
    stated = {cid: claim.stated for cid, claim in claims.items() if claim.stated is not None}
    assert stated == STATED
    dated = {s.id: s.date for s in result.briefing.sources if s.date is not None}
    assert dated == SOURCE_DATES
    # The article gives no day for anything: no full date may appear anywhere.
    full_dates = [v for v in _walk(result.briefing) if isinstance(v, datetime.date)]
    assert full_dates == []


def test_sources_are_all_cited_and_none_invented(result: LoadResult) -> None:
    assert result.briefing is not None
    b = result.briefing
    assert tuple(source.id for source in b.sources) == SOURCE_IDS
    cited = {
        item.source
        for claim in b.claims()
        for item in (*claim.evidence, *claim.caveats, *claim.denials)
        if item.source is not None
    }
    assert cited == set(SOURCE_IDS)
    for source in b.sources:
        assert source.title.strip()
        # The article links to nothing, so no URL may be made up.
        assert source.url is None
    assert b.briefing.url is None
    article = b.source(ARTICLE)
    assert article is not None
    assert article.publisher == "Atlantic Council"
    assert article.kind == "analysis (UkraineAlert)"
