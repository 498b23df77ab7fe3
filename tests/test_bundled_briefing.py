"""Structural facts of the bundled briefing, so that an edit cannot silently drop content.

Also the check that no text of the briefing copies its article: no string but a `quote`
may share 13 or more consecutive words with it. The article itself is not kept in the
repository (it is not ours to redistribute); tests/fixtures/bundled-article-13grams.txt
holds a hash of every run of 13 consecutive words in it, which is all the check needs.
Remake that file from the article's text with
`python tests/test_bundled_briefing.py ARTICLE.txt > tests/fixtures/bundled-article-13grams.txt`.
"""

from __future__ import annotations

import datetime
import hashlib
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from briefing.document.bundled import bundled_briefings
from briefing.document.loader import LoadResult, load_file

FILE_NAME = "china-russia-ukraine.toml"
REPO_COPY = Path(__file__).resolve().parents[1] / "content" / FILE_NAME
ARTICLE_RUNS = Path(__file__).resolve().parent / "fixtures" / "bundled-article-13grams.txt"

AUTHOR = "katherine-spencer"
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

# Every party: (name, kind, part_of, aliases). One party per actor in the article.
PARTIES: dict[str, tuple[str, str, str | None, tuple[str, ...]]] = {
    "china-gov": (
        "Government of China",
        "government",
        None,
        ("Beijing", "China", "Chinese government", "Chinese authorities"),
    ),
    "china-russia-govs": ("Governments of China and Russia (jointly)", "group", None, ()),
    "ukraine-gov": (
        "Government of Ukraine",
        "government",
        None,
        ("Kyiv", "Ukrainian government", "Ukrainian authorities"),
    ),
    "zelenskyy": (
        "Volodymyr Zelenskyy, President of Ukraine",
        "person",
        "ukraine-gov",
        ("Volodymyr Zelenskyy", "Zelenskyy", "President Zelenskyy"),
    ),
    "ukraine-officials": ("Officials in Kyiv", "group", "ukraine-gov", ()),
    "us-gov": (
        "Government of the United States",
        "government",
        None,
        ("US government", "Washington"),
    ),
    "us-officials": ("US officials", "group", "us-gov", ()),
    "us-congress": ("US Congress", "government", "us-gov", ()),
    "western-capitals": ("Washington and other Western capitals", "group", None, ()),
    AUTHOR: ("Katherine Spencer", "person", None, ()),
    "unnamed-commentators": ("Unnamed commentators", "group", None, ()),
    "unnamed-accusers": ("Unnamed accusers", "group", None, ()),
    "unattributed-speculation": ("Speculation the article attributes to no one", "other", None, ()),
}

# Each claim's claimant (a party id), as the article attributes it.
CLAIMANTS = {
    "kyiv-accuses-china-deeper-involvement": "ukraine-gov",
    "accusations-complicate-peace-talks": AUTHOR,
    "captured-chinese-nationals": "zelenskyy",
    "foreign-fighters-not-new": AUTHOR,
    "chinese-mercenaries-recruited": "ukraine-officials",
    "chinese-authorities-aware": "unnamed-commentators",
    "recruitment-adverts-chinese-social-media": "unnamed-commentators",
    "tacit-official-approval": "unnamed-commentators",
    "us-officials-no-direct-ties": "us-officials",
    # "concerns in Washington and other Western capitals": the article says no "officials".
    "chinese-officers-observing-war": "western-capitals",
    "insights-into-drone-warfare": AUTHOR,
    "kyiv-growing-frustration": AUTHOR,
    "chinese-workers-drone-plant": "zelenskyy",
    "chinese-companies-iskander": "ukraine-gov",
    "weapons-and-gunpowder": "zelenskyy",
    "not-a-complete-surprise": AUTHOR,
    "no-limits-partnership": "china-russia-govs",
    "shared-geopolitical-vision": "china-russia-govs",
    "partnership-new-levels": AUTHOR,
    "china-neutral-stance": "china-gov",
    "restricted-items-dual-use": "unnamed-accusers",
    # Speculation the article attributes to no one, not to commentators.
    "possible-international-escalation": "unattributed-speculation",
    "russian-defence-technology-access": "us-officials",
    "western-weapons-vulnerabilities": "us-congress",
    "china-peace-role-opportunity": AUTHOR,
    "must-convince-kyiv": AUTHOR,
}

# Where the article sets claims against each other: (holder, type, other claim).
RELATIONS = {
    ("us-officials-no-direct-ties", "contradicts", "tacit-official-approval"),
    ("us-officials-no-direct-ties", "qualifies", "captured-chinese-nationals"),
    ("recruitment-adverts-chinese-social-media", "supports", "tacit-official-approval"),
    ("recruitment-adverts-chinese-social-media", "supports", "chinese-authorities-aware"),
    ("chinese-officers-observing-war", "supports", "insights-into-drone-warfare"),
    ("weapons-and-gunpowder", "contradicts", "china-neutral-stance"),
    ("weapons-and-gunpowder", "supports", "kyiv-accuses-china-deeper-involvement"),
    ("restricted-items-dual-use", "contradicts", "china-neutral-stance"),
    ("no-limits-partnership", "supports", "partnership-new-levels"),
    ("shared-geopolitical-vision", "supports", "partnership-new-levels"),
    ("partnership-new-levels", "qualifies", "china-neutral-stance"),
    ("must-convince-kyiv", "qualifies", "china-peace-role-opportunity"),
}

# Likelihood only where the article's own words carry one; "could" and "may" do not.
LIKELIHOOD = {
    "partnership-new-levels": "almost-certain",  # "there is no question that"
    "chinese-authorities-aware": "almost-certain",  # "must be aware"
}

# Assumptions, indicators and gaps only where the article states them.
ASSUMPTIONS = {
    "insights-into-drone-warfare": 1,  # "This could provide": the officers' observing
    "possible-international-escalation": 1,  # "speculation that this could lead to"
    "china-peace-role-opportunity": 1,  # "With the United States now looking to reduce"
}
INDICATORS = {"china-peace-role-opportunity": ("strengthens", "weakens")}  # "would first need"
GAPS = {
    "kyiv-accuses-china-deeper-involvement": 1,  # "subject to much speculation"
    "tacit-official-approval": 1,  # "no evidence linking Russia's Chinese troops to Beijing"
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
UNFOUNDED = "“totally unfounded”"

# How many consecutive words of the article a text may not share.
RUN = 13


def words(text: str) -> list[str]:
    """Return the words of `text`, lower case, punctuation dropped (an apostrophe splits)."""
    return re.findall(r"[^\W_]+", text.lower())


def run_hash(run: list[str]) -> str:
    """Return the fingerprint of one run of words, as the fixture file stores it."""
    return hashlib.sha256(" ".join(run).encode("utf-8")).hexdigest()[:16]


def run_hashes(text: str) -> dict[str, str]:
    """Return every run of RUN consecutive words of `text`, by its fingerprint."""
    found = words(text)
    runs = (found[i : i + RUN] for i in range(len(found) - RUN + 1))
    return {run_hash(run): " ".join(run) for run in runs}


def article_runs() -> set[str]:
    """Return the fingerprints of the article's runs of RUN words."""
    lines = ARTICLE_RUNS.read_text(encoding="utf-8").splitlines()
    return {line for line in lines if line and not line.startswith("#")}


def copied_runs(text: str, article: set[str]) -> list[str]:
    """Return the runs of RUN words that `text` shares with the article."""
    return sorted(run for key, run in run_hashes(text).items() if key in article)


def _walk(value: Any, path: str = "") -> Iterator[tuple[str, Any]]:
    """Yield (key path, value) for every value inside a model, depth first."""
    yield path, value
    if isinstance(value, tuple | list):
        for i, item in enumerate(value):
            yield from _walk(item, f"{path}[{i}]")
    elif hasattr(type(value), "model_fields"):
        for name in type(value).model_fields:
            yield from _walk(getattr(value, name), f"{path}.{name}")


@pytest.fixture(scope="module")
def result() -> LoadResult:
    paths = bundled_briefings()
    assert len(paths) == 1
    return load_file(paths[0])


@pytest.fixture(scope="module")
def claims(result: LoadResult) -> dict[str, Any]:
    assert result.briefing is not None
    return {claim.id: claim for section in result.briefing.sections for claim in section.claims}


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
    assert result.briefing.format == 2
    info = result.briefing.briefing
    assert info.title == "China's role in Russia's war against Ukraine"
    assert info.subtitle
    assert info.summary
    assert info.published == "2025-04"
    assert tuple(info.authors) == ("Katherine Spencer",)
    assert info.publisher == "Atlantic Council"
    assert info.tags
    # The article's own conclusion, first; the article has one version, so no revisions.
    assert info.bottom_line and "Kyiv" in info.bottom_line
    assert info.revised is None
    assert result.briefing.changes == ()


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
    assert sum(len(c.denials) for c in claims.values()) == 5
    assert sum(len(c.relations) for c in claims.values()) == len(RELATIONS)
    assert len(result.briefing.sources) == 11
    assert len(result.briefing.parties) == len(PARTIES)


def test_every_claim_is_attributed_and_supported(claims: dict[str, Any]) -> None:
    assert {cid: claim.claimant for cid, claim in claims.items()} == CLAIMANTS
    for claim in claims.values():
        assert claim.text.strip()
        assert claim.claimant.strip()
        assert claim.evidence, claim.id
        for item in (*claim.evidence, *claim.caveats):
            assert item.text.strip()


def test_parties_one_per_actor(result: LoadResult) -> None:
    assert result.briefing is not None
    parties = {
        party.id: (party.name, party.kind, party.part_of, party.aliases)
        for party in result.briefing.parties
    }
    assert parties == PARTIES


def test_every_claimant_and_denier_is_a_party(result: LoadResult, claims: dict[str, Any]) -> None:
    b = result.briefing
    assert b is not None
    speakers = [claim.claimant for claim in claims.values()]
    speakers += [denial.by for claim in claims.values() for denial in claim.denials]
    for speaker in speakers:
        assert b.party(speaker) is not None, speaker
    # Every party speaks, or is what a speaking party belongs to.
    parents = {party.part_of for party in b.parties}
    assert {party.id for party in b.parties} == set(speakers) | parents - {None}


def test_the_chinese_government_is_one_party(result: LoadResult) -> None:
    b = result.briefing
    assert b is not None
    china = b.party("china-gov")
    assert china is not None
    assert china.name == "Government of China"
    assert "Beijing" in china.aliases
    # v1 had it under three names; no other party may take up any of them again.
    v1_names = {"Beijing (Chinese government)", "Government of China (official position)"}
    for party in b.parties:
        names = {party.name, *party.aliases}
        assert not names & v1_names
        if party.id != "china-gov":
            assert not names & {china.name, *china.aliases}, party.id
    assert b.party_name("china-gov") == "Government of China"


def test_zelenskyy_is_part_of_the_government_of_ukraine(result: LoadResult) -> None:
    b = result.briefing
    assert b is not None
    zelenskyy = b.party("zelenskyy")
    assert zelenskyy is not None and zelenskyy.kind == "person"
    assert zelenskyy.part_of == "ukraine-gov"
    ukraine = b.party("ukraine-gov")
    assert ukraine is not None and "Kyiv" in ukraine.aliases
    author = b.party(AUTHOR)
    assert author is not None and (author.name, author.kind) == ("Katherine Spencer", "person")


def test_denials_sit_on_the_claims_they_answer(claims: dict[str, Any]) -> None:
    denied = {cid: claim.denials for cid, claim in claims.items() if claim.denials}
    assert set(denied) == {
        "captured-chinese-nationals",
        "chinese-mercenaries-recruited",
        "weapons-and-gunpowder",
        "restricted-items-dual-use",
    }
    for denials in denied.values():
        for denial in denials:
            # Every denial in the article is China's.
            assert denial.by == "china-gov"
            assert denial.text.strip()
            assert denial.date is None  # the article gives no date for any denial

    # "totally unfounded" follows both the capture and the recruitment figure.
    for cid in ("captured-chinese-nationals", "chinese-mercenaries-recruited"):
        (unfounded,) = denied[cid]
        assert UNFOUNDED in unfounded.text
        assert unfounded.source == "china-response-fighters"

    for cid in ("weapons-and-gunpowder", "restricted-items-dual-use"):
        material = denied[cid][0]
        assert material.text == MATERIAL_SUPPORT_DENIAL
        assert material.source == ARTICLE

    # Its official neutrality answers the accusation of enabling the war effort.
    (_, neutrality) = denied["restricted-items-dual-use"]
    assert "neutral" in neutrality.text
    assert len(denied["weapons-and-gunpowder"]) == 1


def test_relations_where_the_article_sets_claims_against_each_other(
    result: LoadResult, claims: dict[str, Any]
) -> None:
    b = result.briefing
    assert b is not None
    held = {(cid, r.type, r.claim) for cid, claim in claims.items() for r in claim.relations}
    assert held == RELATIONS
    for claim in claims.values():
        for relation in claim.relations:
            assert relation.note and relation.note.strip(), (claim.id, relation.claim)
    # The US officials' view against the commentators' reading of the adverts, seen from
    # the claim it contradicts as well.
    assert ("us-officials-no-direct-ties", "contradicts", "tacit-official-approval") in held
    towards = {(holder, r.type) for holder, r in b.relations_to("tacit-official-approval")}
    assert ("us-officials-no-direct-ties", "contradicts") in towards
    # Nothing here is the same claim made twice.
    assert all(kind != "same-as" for _, kind, _ in held)


def test_likelihood_only_where_the_article_words_it(claims: dict[str, Any]) -> None:
    given = {cid: claim.likelihood for cid, claim in claims.items() if claim.likelihood}
    assert given == LIKELIHOOD


def test_assumptions_indicators_and_gaps_only_where_the_article_states_them(
    claims: dict[str, Any],
) -> None:
    assumptions = {cid: len(c.assumptions) for cid, c in claims.items() if c.assumptions}
    assert assumptions == ASSUMPTIONS
    indicators = {
        cid: tuple(i.effect for i in c.indicators) for cid, c in claims.items() if c.indicators
    }
    assert indicators == INDICATORS
    gaps = {cid: len(c.gaps) for cid, c in claims.items() if c.gaps}
    assert gaps == GAPS
    for claim in claims.values():
        for item in (*claim.assumptions, *claim.indicators):
            assert item.text.strip()
        for assumption in claim.assumptions:
            assert assumption.if_wrong and assumption.if_wrong.strip()


def test_no_grade_the_article_does_not_give(result: LoadResult, claims: dict[str, Any]) -> None:
    # Only the article was seen, and it grades nothing: no reliability, no credibility.
    assert result.briefing is not None
    assert [s.id for s in result.briefing.sources if s.reliability is not None] == []
    graded = [cid for cid, c in claims.items() for e in c.evidence if e.credibility is not None]
    assert graded == []


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
    assert {cid: q for cid, q in quotes.items() if q} == {
        "no-limits-partnership": ["no limits"],
        "partnership-new-levels": [
            "there is no question that the geopolitical partnership between China and Russia "
            "has reached new levels"
        ],
        "insights-into-drone-warfare": [
            "This could provide the Chinese military with important insights into drone warfare"
        ],
        "shared-geopolitical-vision": [
            "ending the era of US dominance and ushering in a new multipolar world order"
        ],
        "western-weapons-vulnerabilities": [
            "critical knowledge about the vulnerabilities of Western weapons systems"
        ],
        "china-peace-role-opportunity": [
            "opportunities may soon emerge for China to play a greater role in peace efforts"
        ],
        "must-convince-kyiv": ["a plausible peacemaker rather than a Russian ally"],
    }


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
    full_dates = [v for _, v in _walk(result.briefing) if isinstance(v, datetime.date)]
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


# The article's words stay in `quote` --------------------------------------------------


def test_no_text_copies_the_article(result: LoadResult) -> None:
    assert result.briefing is not None
    article = article_runs()
    copied = {
        path: runs
        for path, text in _walk(result.briefing)
        if isinstance(text, str)
        and not path.endswith(".quote")
        and (runs := copied_runs(text, article))
    }
    assert copied == {}


def test_the_copy_check_finds_a_copied_run_and_passes_a_shorter_one() -> None:
    article = article_runs()
    # A quote of 16 words: all four of its runs of 13 are the article's.
    quote = (
        "there is no question that the geopolitical partnership between China and Russia "
        "has reached new levels"
    )
    assert len(copied_runs(quote, article)) == 4
    # Version 1's text of must-convince-kyiv copied 18 words, whatever the case and marks.
    v1 = "BEIJING would first need to convince Kyiv that it is a plausible peacemaker, rather "
    v1 += "than a Russian ally."
    assert len(copied_runs(v1, article)) == 6
    # Twelve words of the article in a row are allowed; one more is not.
    twelve = "China has long been seen as one of the Kremlin's key"
    assert len(words(twelve)) == RUN - 1
    assert copied_runs(twelve, article) == []
    assert copied_runs(twelve + " allies", article) != []


def test_words_ignore_case_and_punctuation() -> None:
    assert words("Moscow’s “no limits” war—US-led, 2022!") == [
        "moscow", "s", "no", "limits", "war", "us", "led", "2022",
    ]  # fmt: skip


if __name__ == "__main__":
    # Remake the fixture of the article's runs: one fingerprint a line, sorted.
    text = Path(sys.argv[1]).read_text(encoding="utf-8")
    print(f"# Fingerprints of every run of {RUN} consecutive words of the article behind")
    print(f"# content/{FILE_NAME} (see tests/test_bundled_briefing.py).")
    print("\n".join(sorted(run_hashes(text))))
