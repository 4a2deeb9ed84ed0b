"""The guide's rules as code: outcome phrases, votes, theme keywords (nlp/classify/rules.py)."""

from __future__ import annotations

import pytest

from nlp.classify.rules import extract_votes, outcome_rules, theme_hits


@pytest.mark.parametrize("decision, recommendation, outcome", [
    ("Godkendt.", "", "approved"),
    ("Indstillingen blev tiltrådt.", "Direktøren indstiller at FØP handleplanen godkendes", "approved"),
    ("Indstillingen blev tiltrådt.", "at orienteringen tages til efterretning", "noted"),
    ("Indstillingen blev godkendt.", "- At budgetproceduren for 2022 tages til efterretning.\n- At forslag til "
     "udvalgets egen proces/tidsplan godkendes.", "approved"),
    ("Godkendt.", "at oplægget drøftes.", "discussed"),
    ("Orienteringen blev taget til efterretning.", "", "noted"),
    ("Taget til efterretning, og udvalget anbefaler Byrådet at meddele en tillægsbevilling.", "", "recommended"),
    ("Indstillingen anbefales til Byrådets godkendelse.", "", "recommended"),
    ("Indstilles godkendt.", "", "recommended"),
    ("Ad 1, 2, 3 og 4: Anbefales.", "", "recommended"),
    ("Drøftet.", "", "discussed"),
    ("Udvalget drøftede sagen.", "", "discussed"),
    ("Sagen blev udsat.", "", "postponed"),
    ("Fremsendes til Social- og Beskæftigelsesudvalget til behandling i henhold til beslutning i byrådets møde.",
     "", "postponed"),
    ("Forslaget blev ikke godkendt.", "", "rejected"),
    ("Formanden orienterede om møde i KL.", "", "noted"),
    ("Virksomhedsbesøg fandt sted.", "", "noted"),
    ("Line Meldgaard blev valgt.", "", "approved"),
    ("", "at sagen godkendes", "none"),
    ("Udvalgsformanden oplyste, at der er 4 ansøgninger, der ligger som særskilte sager.", "", "noted"),
    # a postponement of another item, in an agenda's approval, is not this item's outcome
    ("Punkt 28. Beslutning om at indgå aftale med Lejerbo 13/39690 udsat.\nDagsordenen blev herefter godkendt.",
     "", "approved"),
    ("Dagsordenen godkendt med beslutning om, at punkt 20 tages af dagsordenen.", "", "approved"),
    ("Sagen udsættes til næste møde, jf. punkt 4.", "", "postponed"),
    # Herning 2012 and 2021 (seeds): what "Indstillingen blev tiltrådt" followed
    ("Indstillingen blev tiltrådt.", "Direktøren indstiller at udvalget tager orienteringen til efterrretning, at "
     "udvalget løbende informeres", "noted"),
    ("Indstillingen blev tiltrådt.", "Direktøren indstiller at udvalget tager orienteringen til efterretning at "
     "udvalget indstiller sagen til godkendelse i Økonomi- og Erhvervsudvalget, samt Byrådet.", "recommended"),
    ("Udvalget tog orienteringen til efterretning. Der ansøges om indtægtsbevilling på 1.141.000 kr til "
     "Serviceområde 20 Administration i 2012.", "", "recommended"),
    ("Indstilling følges.", "Direktionen indstiller, at budgetopfølgningen tages til efterretning, idet der søges "
     "negativ tillægsbevilling på 1,2 mill. kr.", "recommended"),
    ("Tiltrådte indstillingen.", "Direktøren indstiller, 1. at besøget tages til efterretning.", "noted"),
])
def test_outcome_rules_table(decision, recommendation, outcome):
    assert outcome_rules().outcome(decision, recommendation) == outcome


@pytest.mark.parametrize("decision, expected", [
    ("For stemte: A, V, O. Imod stemte: Ø. C tog forbehold.",
     {"for": ["A", "V", "O"], "against": ["Ø"], "abstain": [], "reservation": ["C"], "dissent": True}),
    ("Et mindretal (O) kunne ikke tiltræde indstillingen.",
     {"for": [], "against": ["O"], "abstain": [], "reservation": [], "dissent": True}),
    ("Indstillingen blev godkendt. F undlod at stemme.",
     {"for": [], "against": [], "abstain": ["F"], "reservation": [], "dissent": False}),
    ("Godkendt.", None),
])
def test_extract_votes_table(decision, expected):
    assert extract_votes(decision) == expected


@pytest.mark.parametrize("title, theme", [
    ("Budgetopfølgning pr. 30. juni 2012", "budget"),
    ("Opfølgning på investeringer på sygedagpengeområdet", "sickness_benefits"),
    ("Politisk aftale om en reform af førtidspension og fleksjob", "disability_flexjob"),
    ("Status på 225-timersreglen og kontanthjælpsloftet", "social_assistance"),
    ("Indstilling af nye medlemmer til Udsatterådet", "vulnerable_groups"),
    ("Godkendelse af dagsorden", "governance"),
    ("Status på Forberedende Grunduddannelse (FGU)", "youth_education"),
])
def test_theme_keywords_fire_on_real_titles(title, theme):
    assert theme_hits(title)[theme] > 0
