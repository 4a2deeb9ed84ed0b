"""The splitter on the five seeds, their traps, and general rules (nlp/segment)."""

from __future__ import annotations

import pytest

from nlp.segment import split_document, split_item
from nlp.segment.headings import match_heading
from nlp.segment.rules import load_rules

HERNING_2012 = "000_932393c0f57c64e5"
SVENDBORG_2021 = "001_a3c02bf7999fce44"
HOEJE_TAASTRUP_2020 = "002_17eb13541673ee62"
HERNING_2021 = "003_f93ccf7bc01b9c92"
ODENSE_2012 = "004_0a840bef393f7ea7"


@pytest.mark.parametrize("stem, count, municipality, committee, date, kind", [
    (HERNING_2012, 12, "Herning", "Beskæftigelsesudvalget", "2012-08-22", "referat"),
    (HERNING_2021, 14, "Herning", "Beskæftigelsesudvalget", "2021-01-27", "referat"),
    (SVENDBORG_2021, 10, "Svendborg", "Beskæftigelses- og Integrationsudvalget", "2021-03-08", "referat"),
    (HOEJE_TAASTRUP_2020, 6, "Høje-Taastrup", "Arbejdsmarkedsudvalget", "2020-04-01", "referat"),
    (ODENSE_2012, 6, "Odense", "Arbejdsmarkedsudvalget", "2012-05-22", "dagsorden"),
])
def test_split_seed_items_and_meeting(seed_texts, stem, count, municipality, committee, date, kind):
    result = split_document(seed_texts[stem])
    assert len(result.items) == count
    assert result.meeting.municipality == municipality
    assert result.meeting.committee == committee
    assert result.meeting.date == date
    assert result.meeting.kind == kind


def test_split_herning_2012_titles_and_case_numbers(seed_texts):
    items = split_document(seed_texts[HERNING_2012]).items
    assert items[0].title == "Førtidspension - opfølgning på AKF's forskningsprojekt, Herning Kommunes handleplan"
    assert items[0].case_number == "00.00.00-P19-1312-10"
    assert items[1].title == "Politisk aftale om en reform af førtidspension og fleksjob"
    assert items[6].title == 'Deltagelse i projekt "Brug for alle"'
    assert items[10].title == "Ejendomssag"  # a closed item with no body is still an item
    assert items[11].title == "Meddelelser til og fra formanden og udvalgets medlemmer"
    assert items[0].sections["indstilling"].startswith("Direktøren for Social, Sundhed og Beskæftigelse indstiller")
    assert items[0].sections["beslutning"] == "Indstillingen blev tiltrådt."


def test_split_herning_numbered_lists_inside_items_are_not_items(seed_texts):
    titles = [item.title for item in split_document(seed_texts[HERNING_2012]).items]
    assert "Borger & krav" not in titles
    titles = [item.title for item in split_document(seed_texts[HERNING_2021]).items]
    assert not any(t and t.startswith("Dokumentation for personens") for t in titles)


def test_split_trap_title_that_starts_with_a_section_word(seed_texts):
    items = split_document(seed_texts[HERNING_2021]).items
    trap = [i for i in items if i.title == "Indstilling af nye medlemmer til Udsatterådet"]
    assert len(trap) == 1
    assert trap[0].sections["beslutning"]
    assert "indstilling" in trap[0].sections


def test_split_svendborg_untitled_items_start_at_their_sections(seed_texts):
    items = split_document(seed_texts[SVENDBORG_2021]).items
    assert all(item.title is None for item in items)
    assert items[0].sections == {"beslutning": "Dagsordenen blev godkendt."}
    assert items[0].decisions[0].committee == "Beskæftigelses- og Integrationsudvalget"
    assert items[0].decisions[0].date == "2021-03-08"
    assert items[1].sections["indstilling"].startswith("Direktionen indstiller")
    assert items[1].sections["beslutning"] == "Orienteringen blev taget til efterretning."
    assert items[2].sections["beslutningstema"] == "Orientering om budgetproceduren for 2022."
    assert items[2].sections["lovgrundlag"] == "Styrelsesloven"
    assert all("beslutning" in item.sections for item in items)


def test_split_hoeje_taastrup_table_of_contents_is_not_items(seed_texts):
    items = split_document(seed_texts[HOEJE_TAASTRUP_2020]).items
    assert [i.number for i in items] == ["1", "2", "3", "4", "5", "6"]
    assert items[0].title == "Godkendelse af dagsorden"
    assert items[0].case_number == "19/24943"
    assert items[3].title == "A- Jobcenterindblik - rangliste af kommuner- AMU"
    assert items[4].title == "Lukket" and items[4].closed
    assert items[2].sections["beslutning"] == "Godkendt."
    # the contents list at the top holds the same titles; none of its lines starts an item
    assert all(item.start > seed_texts[HOEJE_TAASTRUP_2020].find("Punkt 1:") - 1 for item in items)


def test_split_odense_lettered_groups_and_inner_lists(seed_texts):
    items = split_document(seed_texts[ODENSE_2012]).items
    assert [i.title for i in items] == [
        "Kommenteret forbrugsrapport 1/6 2012",
        "Godkendelse af statusrapport over udmøntning af Integrationsstrategien i Odense Kommune for 2010 og 2011",
        "Resultatbaseret styring pilotprojekt",
        "LVU indsatsen",
        "Indsatser vedrørende forebyggelse og håndtering af vold og trusler om vold",
        "Udførerdelens Årsapport 2011",
    ]
    assert items[0].case_number == "2012/058068"
    assert not any("beslutning" in item.sections for item in items)  # an agenda: no decisions yet


def test_split_item_text_is_a_slice_of_the_document(seed_texts):
    for text in seed_texts.values():
        for item in split_document(text).items:
            assert text[item.start:item.end] == item.text


@pytest.mark.parametrize("text, number, title", [
    ("Vedtagelse af Beskæftigelsesplan 2014", None, "Vedtagelse af Beskæftigelsesplan 2014"),
    ("178. Vedtagelse af Beskæftigelsesplan 2014", "178", "Vedtagelse af Beskæftigelsesplan 2014"),
])
def test_split_text_without_structure_is_one_item(text, number, title):
    items = split_document(text).items
    assert len(items) == 1
    assert items[0].number == number and items[0].title == title


def test_split_single_paragraph_is_one_item():
    text = "Udvalget orienteres om status på indsatsen for ledige.\nDer er ikke yderligere bemærkninger."
    items = split_document(text).items
    assert len(items) == 1 and items[0].text == text


def test_split_caller_meeting_fields_win(seed_texts):
    result = split_document(seed_texts[HERNING_2012], municipality="Ikast-Brande", date="2012-01-01")
    assert result.meeting.municipality == "Ikast-Brande"
    assert result.meeting.date == "2012-01-01"
    assert result.meeting.committee == "Beskæftigelsesudvalget"


@pytest.mark.parametrize("line, section, committee, date", [
    ("Sagsfremstilling", "sagsfremstilling", None, None),
    ("INDSTILLING", "indstilling", None, None),
    ("Sagsresumé", "resume", None, None),
    ("Beslutningstema", "beslutningstema", None, None),
    ("Økonomiske og erhvervsmæssige konsekvenser", "okonomi", None, None),
    ("Lovgrundlag", "lovgrundlag", None, None),
    ("Beslutning i Beskæftigelsesudvalget den 08-03-2021", "beslutning", "Beskæftigelsesudvalget", "2021-03-08"),
    ("Beslutning Arbejdsmarkedsudvalget den 01-04-2020", "beslutning", "Arbejdsmarkedsudvalget", "2020-04-01"),
    ("Beslutning fra Beskæftigelsesudvalget, 8. april 2025, pkt. 24:", "beslutning", "Beskæftigelsesudvalget", "2025-04-08"),
    ("Beslutning Det Lokale Beskæftigelsesråd den 19-02-2014", "beslutning", "Det Lokale Beskæftigelsesråd", "2014-02-19"),
    ("Integrationsudvalgets møde den 12. december 2011:", "beslutning", "Integrationsudvalget", "2011-12-12"),
    ("Erhvervs- og Beskæftigelsesudvalget, den 3. februar 2016:", "beslutning", "Erhvervs- og Beskæftigelsesudvalget", "2016-02-03"),
    ("POLITISK BEHANDLING", "beslutning", None, None),
    # Kolding names some committees by their field alone; a full date makes it a heading
    ("Beslutning Senior den 07-06-2022", "beslutning", "Senior", "2022-06-07"),
    ("Beslutning Social og Arbejdsmarked den 10-05-2022", "beslutning", "Social og Arbejdsmarked", "2022-05-10"),
    # mirror-site transcripts drop the date (and sometimes the committee)
    ("Beskæftigelsesudvalget, den", "beslutning", "Beskæftigelsesudvalget", None),
    ("Beslutning i Social- og Arbejdsmarkedsudvalget den", "beslutning", "Social- og Arbejdsmarkedsudvalget", None),
    ("Beslutning i den :", "beslutning", None, None),
    # an inline heading whose text runs on for a paragraph
    ("Indstilling: Direktionen indstiller, at budgetopfølgningen tages til efterretning, idet der søges "
     "negativ tillægsbevilling på 1,2 mill. kr. Beløbet skal tilgå Økonomiudvalgets råderumspulje.",
     "indstilling", None, None),
    ("Bilag: Ingen", "bilag", None, None),
])
def test_match_heading_table(line, section, committee, date):
    heading = match_heading(line, load_rules())
    assert heading is not None and heading.section == section
    assert heading.committee == committee and heading.date == date


@pytest.mark.parametrize("line", [
    "Indstilling af nye medlemmer til Udsatterådet",
    "Beslutning om valg af politiske pejlemærker i Center for Borgerservice",
    "Udvalget drøftede sagen og tog den til efterretning.",
    "Referat af Byrådets møde d. 16.12.2014",
    "Beslutning Senior",
    "Baggrunden for sagen er, at udvalget på sit møde i marts bad om en status på indsatsen for de unge, "
    "og at administrationen siden har arbejdet med at samle erfaringerne fra de tre projekter.",
])
def test_match_heading_rejects_titles_and_sentences(line):
    assert match_heading(line, load_rules()) is None


def test_split_contents_list_and_numbered_recommendations():
    text = (
        "Dagsorden\n\nIndholdsfortegnelse\n1. Godkendelse af dagsorden\n2. Budgetopfølgning\n\n"
        "1. Godkendelse af dagsorden\nSagsnr.: 21/100\nBeslutning\nGodkendt.\n\n"
        "2. Budgetopfølgning\nSagsnr.: 21/101\nIndstilling\nForvaltningen indstiller,\n"
        "1. At budgetopfølgningen godkendes.\n2. At mindreforbruget overføres.\n"
        "Beslutning\nAnbefales til Byrådets godkendelse.\n"
    )
    items = split_document(text).items
    assert [(i.number, i.title) for i in items] == [("1", "Godkendelse af dagsorden"), ("2", "Budgetopfølgning")]
    assert items[1].sections["beslutning"] == "Anbefales til Byrådets godkendelse."


def test_split_transcript_line_into_its_sections():
    # docplayer transcripts print a page as one line, headings inline and without dates
    text = (
        "1 Referat Beskæftigelsesudvalget\n\n3 Beskæftigelsesudvalget Opfølgning på temamøde / Peter Houkjær\n"
        "Beslutningstema Opfølgning på temamødet i Kommunalbestyrelsen. " + "Sagen beskrives her. " * 20
        + "Sagsfremstilling På baggrund af et samstemmende ønske fra forvaltningerne blev ordlyden justeret. "
        "Indstilling Beskæftigelseschefen indstiller, at Beskæftigelsesudvalget tager punktet til efterretning. "
        "Bilag: Beskæftigelsesudvalget, den Taget til efterretning. Fraværende: Ingen\n"
    )
    [item] = split_document(text).items
    assert item.text.startswith("3 Beskæftigelsesudvalget Opfølgning på temamøde")
    assert item.sections["sagsfremstilling"].startswith("På baggrund af et samstemmende ønske")
    assert item.sections["indstilling"].startswith("Beskæftigelseschefen indstiller")
    assert item.sections["beslutning"].startswith("Taget til efterretning.")


def test_split_heading_glued_to_the_paragraph_before_it():
    text = ("Sagsfremstilling\nIshøj Byråd har vedtaget at etablere et Ishøj Erhvervsråd.Beslutning\n\n"
            "- Henvendelse fra Thurah Transport henvises til ansvarligt udvalg.\n")
    [item] = split_document(text).items
    assert item.sections["sagsfremstilling"] == "Ishøj Byråd har vedtaget at etablere et Ishøj Erhvervsråd."
    assert item.sections["beslutning"].startswith("- Henvendelse fra Thurah Transport")


def test_split_item_reads_a_known_item_whole():
    # a labelled excerpt is one item: the numbered recommendation and "Punkt 28." inside it
    # are not items, and its decision is found
    text = (
        "Godkendelse af dagsorden til mødet d. 23. marts 2015\n\nIndstilling\n"
        "Koncerndirektør Kenn Thomsen indstiller at:\n  1. Dagsorden til mødet d. 23. marts 2015 godkendes.\n\n"
        "Beslutning i Udvalget for Voksne den 23-03-2015\n"
        "Punkt 28. Beslutning om at indgå aftale med Lejerbo om opførelse af små og billige boliger 13/39690 udsat.\n"
        "Dagsordenen blev herefter godkendt.\n"
    )
    assert len(split_document(text).items) > 1  # read as a document, the lists look like items
    item = split_item(text)
    assert item.sections["indstilling"].endswith("2015 godkendes.")
    assert item.sections["beslutning"].startswith("Punkt 28.")
    assert item.sections["beslutning"].endswith("Dagsordenen blev herefter godkendt.")


def test_split_transcript_words_that_are_not_headings():
    # inside a sentence or in capitals, a heading word on a transcript line is text
    text = ("x " * 300 + "VI SKAL TRÆFFE BESLUTNING OM FORSLAG TIL NY PLAN. Det fremgår af Bilag 1 og "
            "viser noget. " + "y " * 200)
    [item] = split_document(text).items
    assert item.sections == {}
