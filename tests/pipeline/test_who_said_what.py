"""Who said what, in the shapes real news takes: quotations over several sentences and
paragraphs, roles and short forms, documents as sources, datelines, hedges, languages.

Every sentence here was written for these tests; none is taken from a published text.
"""

import pytest

from service.corpus.add import add_document
from service.corpus.errors import CorpusError
from service.pipeline.claims.curated import ParagraphText
from service.pipeline.claims.machine import machine_claims
from service.pipeline.claims.quotations import quoted_spans
from service.pipeline.claims.sources import DocumentSources, SourceRegistry
from service.pipeline.inputs import BuildError, load_document
from service.pipeline.nlp.pipeline import analyse
from service.pipeline.nlp.sources import SourceMemory
from service.pipeline.records import Link, ParagraphInput, Relation
from service.pipeline.segment import find_dateline, segment_document
from tests.support.stories import claim_with, claims_of, source_names

RUSSIAN = (
    "Министерство обороны заявило во вторник, что колонна прошла по дороге без помех.\n\n"
    "По словам представителя ведомства, переговоры продолжатся на следующей неделе.\n"
)


@pytest.mark.parametrize(
    ("text", "words", "speaker"),
    [
        # The attribution before a quote that runs over two paragraphs.
        (
            "Anna Petrova, the union's leader, said on Saturday: \u201cOur members are angry "
            "about the cuts.\n\n\u201cWe will keep making that case to the ministry.\u201d",
            "keep making that case",
            "Anna Petrova",
        ),
        # Between the parts of one paragraph's quotation.
        (
            '"The plant will close in May," Anna Petrova said. "Nobody from the ministry has '
            'called us since the vote."',
            "Nobody from the ministry",
            "Anna Petrova",
        ),
        # A paragraph that is only a quotation, after a quotation with its speaker.
        (
            '"The plant will close in May," Anna Petrova said.\n\n"Nobody from the ministry '
            'has called us since the vote."',
            "Nobody from the ministry",
            "Anna Petrova",
        ),
        # A paragraph ending with a colon names the speaker of the next one.
        (
            "Anna Petrova told the rally:\n\n\u201cWe will keep making that case to the "
            "ministry until the plant stays open.\u201d",
            "keep making that case",
            "Anna Petrova",
        ),
        # A reporting word inside the quotation is the speaker's word, not a cue.
        (
            'Anna Petrova said: "They have confirmed their intention to close the plant in May."',
            "confirmed their intention",
            "Anna Petrova",
        ),
    ],
)
def test_every_sentence_of_a_quotation_belongs_to_its_speaker(nlp, text, words, speaker):
    claims, registry = claims_of(nlp, text)
    claim = claim_with(claims, words)
    assert (claim.status, source_names(claim, registry)) == ("attributed", [speaker])
    assert claim.kind == "statement"


@pytest.mark.parametrize(
    ("text", "spans"),
    [
        ('He said "no" twice.', [(9, 11, True)]),
        ("\u201cOne. Two.\u201d Then three.", [(1, 10, True)]),
        ("\u201cIt runs on to the next paragraph.", [(1, 34, False)]),
        ('"A," she said, "and B."', [(1, 3, True), (16, 22, True)]),
        ("Rock 'n' roll and the 1990s' music", []),  # apostrophes are no quotation marks
        # an opening mark typed where the quote closes still closes it
        ("\u201cCases rose in May,\u201c he said.", [(1, 19, True)]),
    ],
)
def test_quotation_marks_are_read_as_they_open_and_close(text, spans):
    assert quoted_spans(text) == spans


@pytest.mark.parametrize(
    ("text", "words", "status", "source"),
    [
        # A role in apposition makes a person of a name the model took for a body.
        (
            "Alun Davies, national officer at the Community union, said the plant would "
            "close in May.",
            "the plant would close",
            "attributed",
            "Alun Davies",
        ),
        # A place word before the subject (a dateline the model read as a subject).
        (
            "Kozhikode: Kerala Health Minister Veena George on Tuesday confirmed that four "
            "people contracted the virus.",
            "four people contracted",
            "attributed",
            "Veena George",
        ),
        # A short form in brackets stands for the name before it.
        (
            "The Economic Community of West African States (ECOWAS) met in Accra on "
            "Friday.\n\nECOWAS said the sanctions on the junta would stay in place.",
            "sanctions on the junta",
            "attributed",
            "Economic Community of West African States",
        ),
        # A nation's or a region's institution is named by its place and its body noun.
        (
            "The Philippine military said a supply boat was hit by a water cannon.",
            "supply boat was hit",
            "attributed",
            "Philippine military",
        ),
        # A ruling or a finding reports its content clause.
        (
            "The Supreme Court of Appeal ruled that the election petition lacked merit.",
            "petition lacked merit",
            "attributed",
            "Supreme Court of Appeal",
        ),
        # "per" and "as per" cite like "according to"; "$5 per hour" cites no one.
        (
            "The bridge will reopen in May, per the Ministry of Transport.",
            "bridge will reopen",
            "attributed",
            "Ministry of Transport",
        ),
        ("Only 10 of them have been found so far, as per reports.", "10 of them", "vague", None),
        ("Tolls rose to five dollars per hour last year.", "Tolls rose", "unsourced", None),
        # "per 1,000 residents" rates, it names no source.
        (
            "There were 14.3 deaths per 1,000 Lindale residents in the year after the storm.",
            "14.3 deaths",
            "unsourced",
            None,
        ),
        # "it" after a named body's own report is that body, not the place in the dateline.
        (
            "KESSARY: Ulmen police, working with the border guard, arrested three suspects "
            "near the bridge, it said on Wednesday.",
            "arrested three suspects",
            "attributed",
            "Ulmen police",
        ),
        # ... but not a common noun standing as the subject.
        (
            "The Lindale Courier reported queues at depots on Monday. Some stations in the "
            "west had run out of diesel, it said.",
            "run out of diesel",
            "attributed",
            "Lindale Courier",
        ),
        # A document speaks for the body that issued it.
        (
            "The Ministry of Transport met the unions on Monday.\n\nA statement said the "
            "bridge would reopen in May.",
            "bridge would reopen",
            "attributed",
            "Ministry of Transport",
        ),
        # An unnamed spokesperson speaks for the body named with them, and "the
        # spokesperson" after them for the same body.
        (
            "Tolls will rise in May, a spokesperson for the Lindale Harbour Authority said "
            'on Friday.\n\n"We have no other way to pay for the dredging," the spokesperson '
            "added.",
            "no other way to pay",
            "attributed",
            "Lindale Harbour Authority",
        ),
        (
            "Kestrel Water supplies the valley.\n\nA Kestrel Water spokeswoman said every "
            "customer had been sent a text.",
            "every customer",
            "attributed",
            "Kestrel Water",
        ),
        # A body noun before the role is the body the text named.
        (
            "The Marrow Valley Health Board runs the ward.\n\nA board spokesman said three "
            "children had been moved.",
            "three children",
            "attributed",
            "Marrow Valley Health Board",
        ),
        # "the statement" is the one the text spoke of, whoever was named since.
        (
            "Ports will stay shut, according to a statement from the Lindale Harbour "
            "Authority. Velmar Steel runs the largest berth.\n\nThe berth will reopen in "
            "June, according to the statement.",
            "berth will reopen",
            "attributed",
            "Lindale Harbour Authority",
        ),
        # A name the model may miss heads its words, not the body and place after it.
        (
            "Gathoni Wachuge, governor of the CBK, who chaired the Monetary Policy Committee "
            "(MPC) meeting in the capital of Nairobi, noted that inflation was expected to "
            "decline.",
            "inflation was expected",
            "attributed",
            "Gathoni Wachuge",
        ),
        # One name the model did not tag, standing first as the subject, names its source.
        (
            "Talks resumed.\n\nKorvel denied that any convoy had reached the town on Sunday.",
            "any convoy",
            "attributed",
            "Korvel",
        ),
        # A title or an honorific before a surname is the person named in full before.
        (
            "The ruling was read by the chair of the panel, Justice Amara Okonjo.\n\nAfter "
            'the hearing, Justice Okonjo said, "The appeal fails on every ground."',
            "appeal fails",
            "attributed",
            "Amara Okonjo",
        ),
        (
            "Dr. Lena Aune leads the survey team.\n\nDr. Aune said the stock had fallen for "
            "a third year.",
            "stock had fallen",
            "attributed",
            "Lena Aune",
        ),
        # A place inside a modifier is no source: "the Veldhoven-based company".
        (
            "The Tarsk-based company said the restrictions would cost it little.",
            "cost it",
            "vague",
            None,
        ),
        # A country's opposition is whom the text called the opposition, if anyone.
        (
            "The opposition Harvest Alliance boycotted the vote.\n\nRuritania's opposition "
            "alleged that the count had been rigged.",
            "count had been rigged",
            "attributed",
            "Harvest Alliance",
        ),
        (
            "Opposition leader Marta Kovac boycotted the vote.\n\nThe opposition alleged that "
            "the count had been rigged.",
            "count had been rigged",
            "attributed",
            "Marta Kovac",
        ),
        (
            "The ruling Harvest Alliance won the vote.\n\nThe opposition alleged that the "
            "count had been rigged.",
            "count had been rigged",
            "vague",
            None,
        ),
        # "they" is the body that spoke just before; after unnamed officials, still unnamed.
        (
            "The Lindale Harbour Authority said the talks had failed.\n\nThey claimed the "
            "bridge was safe.",
            "bridge was safe",
            "attributed",
            "Lindale Harbour Authority",
        ),
        (
            "Officials said the talks had failed.\n\nThey claimed the bridge was safe.",
            "bridge was safe",
            "vague",
            None,
        ),
        # A general description no name fits is the named body heard just before ...
        (
            "The Economic Community of West African States said the sanctions would stay.\n\n"
            "The 15-nation bloc added that talks would resume in April.",
            "talks would resume",
            "attributed",
            "Economic Community of West African States",
        ),
        # ... but a ministry is no port authority.
        (
            "The Lindale Harbour Authority said the talks had failed.\n\nThe ministry added "
            "that the bridge was safe.",
            "bridge was safe",
            "vague",
            None,
        ),
        # A spokesperson with no body is still unnamed.
        ("A spokesman said the talks would resume.", "talks would resume", "vague", None),
        # A named spokesperson is the person.
        (
            "Dana Kowal, a spokeswoman for the Lindale Harbour Authority, said tolls would rise.",
            "tolls would rise",
            "attributed",
            "Dana Kowal",
        ),
        # No body named: a document's words are vague.
        (
            "The bridge closed in March after a crack was found.\n\nA statement said the "
            "bridge would reopen in May.",
            "bridge would reopen",
            "vague",
            None,
        ),
        # A description that fits any company is the organisation last named ...
        (
            "Vessel Dynamics is a world leader in the design of ferry engines. The "
            "Lindale-based company does not expect the tariffs to have a major impact on its "
            "results.",
            "major impact",
            "attributed",
            "Vessel Dynamics",
        ),
        # ... which is never a name that only describes a thing ("the QX-4 engines").
        (
            "Brannock Marine said in March that the older QX-4 engines would be withdrawn."
            "\n\nThe company expects the tariffs to hurt its results.",
            "hurt its results",
            "attributed",
            "Brannock Marine",
        ),
        # The government of the story, and an institution whose words say which one.
        (
            "The government said the ferry tax was needed to pay for the new pier.",
            "ferry tax was needed",
            "attributed",
            "government",
        ),
        (
            "The department of transport, harbours and ferries said on Monday that 41 "
            "crossings were cancelled.\n\nThe department said 12 more would be cancelled.",
            "12 more would be",
            "attributed",
            "department of transport, harbours and ferries",
        ),
        # A body named in words no model tagged is the one its head noun means later.
        (
            "Kessary police said two men were arrested on Tuesday.\n\nPolice said one of "
            "them was caught at the ferry terminal.",
            "caught at the ferry",
            "attributed",
            "Kessary police",
        ),
        # A surname the model took for a body is the person the text named with it.
        (
            "Pekka Aaltonen, a spokesman for the dockers, said the crane operators were not "
            "consulted.\n\nAaltonen rejected the claim that the terminal was losing money.",
            "losing money",
            "attributed",
            "Pekka Aaltonen",
        ),
        # A stance voiced is a report, and a report joined to another verb shares its subject.
        (
            "Harbour master Dana Kowal praised the crews and expressed confidence that the "
            "pier would reopen in May.",
            "pier would reopen",
            "attributed",
            "Dana Kowal",
        ),
        (
            "The Lindale council met the ferry crews on Monday and announced that the pier "
            "would reopen in May.",
            "pier would reopen",
            "attributed",
            "Lindale council",
        ),
        # "It" after an outlet relays a body's words is the body, not the outlet.
        (
            "But the Lindale High Court ruled the ferry tax was lawful, Harbour Radio "
            "reports.\n\nIt said the tax did not breach the port charter.",
            "did not breach",
            "attributed",
            "Lindale High Court",
        ),
    ],
)
def test_roles_short_forms_and_documents_resolve_to_the_names_the_text_gave(
    nlp, text, words, status, source
):
    claims, registry = claims_of(nlp, text)
    claim = claim_with(claims, words)
    assert claim.status == status
    if source is not None:
        assert source_names(claim, registry) == [source]


def test_a_name_tagged_with_its_bracketed_short_form_is_the_full_name():
    memory = SourceMemory()
    memory.short["Nofacu"] = "Northern Ferry and Allied Crews Union"
    assert memory.full_body("Allied Crews Union (Nofacu") == memory.short["Nofacu"]
    assert memory.full_body("Harbour Pilots Guild (Hpg)") == "Harbour Pilots Guild"


def test_a_role_goes_to_the_person_given_it_never_to_the_last_person_named(nlp):
    text = (
        "Governor Maria Okafor chaired the meeting in the capital. Finance Minister John "
        "Mbeki attended it.\n\nThe governor said inflation would fall next year."
    )
    claims, registry = claims_of(nlp, text)
    claim = claim_with(claims, "inflation would fall")
    assert (claim.status, source_names(claim, registry)) == ("attributed", ["Maria Okafor"])


@pytest.mark.parametrize(
    ("metadata", "asserted_by"),
    [
        ("publisher: Harbour Wire\n", ["Harbour Wire"]),
        ("author: Ann Author\npublisher: Harbour Wire\n", ["Ann Author"]),
        ("", []),
    ],
)
def test_an_unsigned_texts_own_assertions_are_its_publishers(nlp, metadata, asserted_by):
    claims, registry = claims_of(nlp, "The bridge reopened in May after repairs.", metadata)
    claim = claim_with(claims, "bridge reopened")
    assert (claim.status, source_names(claim, registry)) == ("unsourced", asserted_by)


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        # A reporting verb with a thing for its object reports an act, in the text's voice.
        ("The Harbour Authority announced new safety rules for ferries on Monday.", "unsourced"),
        ("Velmar Steel rejected the unions' proposals for a shorter week.", "unsourced"),
        ("The opposition party has rejected the court's judgement on the poll.", "unsourced"),
        # A clause the parser hangs under "to help" is no clause the verb tells.
        (
            "Velmar Steel is pledging a £130m support package to help workers retrain or "
            "find new jobs.",
            "unsourced",
        ),
        # A figure counted or registered is reported by whoever arrived at it.
        ("The Red Crescent has registered 31 deaths in the district.", "attributed"),
        ("Velmar Steel has counted 212 injuries at the plant since 2019.", "attributed"),
        ("The Red Crescent has registered a new office in the district.", "unsourced"),
        ("A survey by the Lindale Courier found around 500 flooded homes.", "attributed"),
        # Someone's words for an object, or a clause of content, are still reported.
        ("The Harbour Authority denied the report about the closure of the port.", "attributed"),
        ("The Harbour Authority confirmed that two ships were turned away.", "attributed"),
        ("The Harbour Authority rejected claims that the port had been closed.", "attributed"),
    ],
)
def test_an_act_with_a_thing_for_object_is_no_report_and_a_figure_is(nlp, sentence, status):
    claims, _ = claims_of(nlp, sentence)
    assert claim_with(claims, sentence[4:30]).status == status


def test_a_rejection_told_as_an_act_is_the_texts_own_but_still_disputes(nlp):
    text = (
        "The election result was lawful and final, Judge Amara Okonjo said on Wednesday.\n\n"
        "Opposition leader Peter Odili has rejected the election result."
    )
    claims, _ = claims_of(nlp, text)
    rejection = claim_with(claims, "rejected the election")
    assert (rejection.status, rejection.disputing) == ("unsourced", True)
    assert any(r.type == "contradicts" for r in rejection.relations)


def test_a_rejection_of_a_ruling_disputes_the_ruling_wherever_the_text_gave_it(nlp):
    text = (
        "On Tuesday the Lindale Election Tribunal ruled that the petition lacked merit.\n\n"
        "The judgement was read by three judges in a crowded courtroom.\n\n"
        "Peter Odili's lawyer, Ruth Amadi, said the fight for the seat would go on. "
        '"We have not been heard," she said. "We will appeal." Odili said he was calm.\n\n'
        "Harbour workers gathered outside the court all afternoon.\n\n"
        "The Lindale Labour Party has rejected the tribunal judgement, saying justice was "
        "not served."
    )
    claims, _ = claims_of(nlp, text)
    rejection = claim_with(claims, "justice was")
    ruling = claim_with(claims, "lacked merit")
    assert rejection.disputing
    assert Relation("contradicts", ruling.id) in rejection.relations


def test_a_sentence_that_turns_from_one_source_to_another_is_two_claims_that_disagree(nlp):
    text = (
        "Ruritania claims every island in the Aska Gulf, but an international court ruled in "
        "2019 that its claim was groundless."
    )
    claims, registry = claims_of(nlp, text)
    claimed, ruled = claim_with(claims, "every island"), claim_with(claims, "groundless")
    assert claimed is not ruled
    assert source_names(claimed, registry) == ["Ruritania"]
    assert ruled.disputing and Relation("contradicts", claimed.id) in ruled.relations


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        (
            "The Lindale Harbour Authority renewed a warning that the old pier was unsafe.",
            "renewed a warning",
        ),
        (
            "Harbour master Dana Kowal issued a statement that the pier was safe.",
            "issued a statement",
        ),
        ("Dana Kowal called on the ferry crews to return to work.", "called on"),
        ("Dana Kowal reiterated that the pier was safe.", "reiterated"),
    ],
)
def test_words_given_out_and_requests_are_cues(nlp, sentence, cue):
    [claim] = claims_of(nlp, sentence)[0]
    assert (claim.status, claim.cue.text) == ("attributed", cue)


def test_findings_show_what_their_issuer_found_and_a_video_shows_no_one_s_words(nlp):
    text = (
        "About 900 ferry passengers fell ill last year, according to a new study from "
        "Lindale University.\n\nThe findings, published on Tuesday in the Harbour Medical "
        "Journal, show that most of them drank water from the pier tanks.\n\nA video shows "
        "that the tanks were open."
    )
    claims, registry = claims_of(nlp, text)
    findings = claim_with(claims, "pier tanks")
    assert (findings.status, findings.cue.text) == ("attributed", "show")
    assert source_names(findings, registry) == ["Lindale University"]
    assert claim_with(claims, "tanks were open").status == "unsourced"


@pytest.mark.parametrize(
    ("sentence", "cue"),
    [
        ("Harbour master Dana Kowal cautioned that the old pier was unsafe.", "cautioned"),
        ("Harbour master Dana Kowal boasted that the ferries ran on time.", "boasted"),
        ("Harbour master Dana Kowal lamented that the ferries were late.", "lamented"),
    ],
)
def test_wordnets_verbs_of_communication_with_a_that_clause_are_cues(nlp, sentence, cue):
    [claim] = claims_of(nlp, sentence)[0]
    assert (claim.status, claim.cue.text) == ("attributed", cue)


@pytest.mark.parametrize(
    "sentence",
    [
        "This meant that the ferries stopped for a week.",
        "Keep in mind that the pier is a century old.",
        "The ferry company must convince the council that the pier is safe.",
    ],
)
def test_verbs_of_communication_that_report_no_words_are_no_cues(nlp, sentence):
    [claim] = claims_of(nlp, sentence)[0]
    assert claim.cue is None


def test_figures_show_what_their_compiler_counted(nlp):
    text = (
        "The Lindale District Council publishes ferry figures every month.\n\nCouncil "
        "figures show that 41 crossings were cancelled in March."
    )
    claims, registry = claims_of(nlp, text)
    claim = claim_with(claims, "41 crossings")
    assert (claim.status, claim.cue.text) == ("attributed", "show")
    assert source_names(claim, registry) == ["Lindale District Council"]


@pytest.mark.parametrize(
    "sentence",
    ["Dana Kowal made a statement on Monday.", "The Lindale council called on Monday for calm."],
)
def test_giving_words_out_without_saying_what_is_an_act(nlp, sentence):
    [claim] = claims_of(nlp, sentence)[0]
    assert claim.status == "unsourced"


def test_a_verb_joined_to_an_act_reports_nothing_without_a_that_clause(nlp):
    text = "The court dismissed the petitions and declared Ruth Amadi the winner."
    claims, _ = claims_of(nlp, text)
    assert claim_with(claims, "declared Ruth Amadi").status == "unsourced"


def test_every_count_of_one_quantity_in_a_paragraph_disputes_the_others(nlp):
    text = (
        "Police have counted four deaths in the riots. But the opposition says 31 people "
        "have died, and the Red Crescent has registered 17 deaths."
    )
    claims, _ = claims_of(nlp, text)
    police, opposition, red_crescent = (
        claim_with(claims, words) for words in ("four deaths", "31 people", "17 deaths")
    )
    assert len({police.id, opposition.id, red_crescent.id}) == 3  # one claim per counter
    for claim in (police, opposition, red_crescent):
        others = {r.claim_id for r in claim.relations if r.type == "contradicts"}
        assert others == {police.id, opposition.id, red_crescent.id} - {claim.id}


@pytest.mark.parametrize(
    ("sentence", "hedge"),
    [
        ("The talks seemed to stall on Tuesday after the second session.", "seemed to"),
        ("The new levy appears to have failed in its first year.", "appears to"),
        ("The dam reportedly burst after three days of rain.", "reportedly"),
        ("Last year it was revealed that the mill would close.", "it was revealed"),
    ],
)
def test_seeming_and_reported_words_hedge_a_claim(nlp, sentence, hedge):
    claims, _ = claims_of(nlp, sentence)
    assert hedge in [h.text for h in claim_with(claims, sentence[4:20]).hedges]


@pytest.mark.parametrize(
    ("text", "words", "proposition"),
    [
        (
            "The plant will close in May, the minister said on Tuesday.",
            "plant will close",
            "The plant will close in May",
        ),
        (
            "According to the ministry, exports fell by 12% last year.",
            "exports fell",
            "exports fell by 12% last year",
        ),
        (
            '"We will not back down on the pay claim," said Anna Petrova.',
            "back down",
            "We will not back down on the pay claim",
        ),
    ],
)
def test_a_machine_claims_proposition_leaves_out_its_attribution(nlp, text, words, proposition):
    claims, _ = claims_of(nlp, text)
    assert claim_with(claims, words).proposition == proposition


@pytest.mark.parametrize(
    ("opening", "dateline"),
    [
        ("LONDON, March 3 (Reuters) - Britain said", "LONDON, March 3 (Reuters) -"),
        ("SPRINGFIELD, Ill. (AP) — A judge ruled", "SPRINGFIELD, Ill. (AP) —"),
        ("TBILISI, MAY 2, AGENDA.GE - The talks", "TBILISI, MAY 2, AGENDA.GE -"),
        ("ANKARA (AA) – The ministry said", "ANKARA (AA) –"),
        ("GENEVA, June 1. /TASS/. The talks", "GENEVA, June 1. /TASS/."),
        ("CHICAGO -- Police said", "CHICAGO --"),
        ("KARACHI: Police arrested two men", "KARACHI:"),
        ("KUALA LUMPUR - The court heard", "KUALA LUMPUR -"),
        ("Nairobi, Oct. 4 (Xinhua) -- Kenya's central bank", "Nairobi, Oct. 4 (Xinhua) --"),
        ("Hondura, Dec 18: The president was declared", "Hondura, Dec 18:"),
        ("Smith, March 3 was the day", None),
        ("NATO leaders said on Friday", None),
        ("US officials said the plan failed", None),
    ],
)
def test_datelines_of_every_wire_shape_are_datelines(opening, dateline):
    found = find_dateline(opening)
    assert (found.text if found else None) == dateline


def test_a_date_alone_under_the_headline_is_no_claim_and_no_heading(tmp_path):
    path = tmp_path / "wire.txt"
    path.write_text(
        "Port strike enters second week\n\n14.05.2022\n\nDockworkers kept up their strike on "
        "Monday, the union said.\n",
        encoding="utf-8",
    )
    path.with_suffix(".yaml").write_text("title: Port strike enters second week\n")
    kinds = [p.kind for p in segment_document(load_document(path))]
    assert kinds == ["title", "byline", "body"]


def test_the_build_refuses_a_text_not_in_english_naming_its_language(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text(RUSSIAN, encoding="utf-8")
    with pytest.raises(BuildError, match=r"Russian \(ru\), not English"):
        load_document(path)


def test_claims_add_refuses_a_text_not_in_english_and_writes_nothing(tmp_path):
    page = tmp_path / "note.txt"
    page.write_text(RUSSIAN, encoding="utf-8")
    corpus = tmp_path / "corpus"
    with pytest.raises(CorpusError, match=r"Russian \(ru\), not English"):
        add_document(str(page), corpus, tmp_path / "annotations", {"id": "note"})
    assert not corpus.exists() or not any(corpus.iterdir())


def test_a_text_is_read_whole_for_its_language_not_only_its_dateline(tmp_path):
    # Its first 80 characters alone read as German.
    path = tmp_path / "launch.txt"
    path.write_text(
        "HAMBURG, Jan. 21 (Lindale Wire) -- U.S. aerospace maker Nordlicht Raumfahrt "
        "reached orbit for the first time on Sunday with its second test flight, the "
        "company announced in a statement.\n\nIt said the rocket would carry satellites "
        "for customers in Europe and Asia next year.\n",
        encoding="utf-8",
    )
    assert load_document(path).metadata["language"] == "en"


def test_a_documents_language_is_the_one_detected(tmp_path):
    path = tmp_path / "story.txt"
    path.write_text("The council approved the budget on Tuesday by nine votes to two.\n")
    path.with_suffix(".yaml").write_text("title: Budget\nlanguage: fr\n")
    assert load_document(path).metadata["language"] == "en"


@pytest.mark.parametrize(
    ("text", "linked_words", "status", "href"),
    [
        # A linked document cited as the source is the evidence itself.
        (
            "According to the inspection report, the bridge deck was cracked in two places.",
            "the inspection report",
            "linked",
            "https://example.org/report.pdf",
        ),
        # Linked people are still an unnamed source.
        (
            "According to local residents, the bridge deck was cracked in two places.",
            "local residents",
            "vague",
            "https://example.org/report.pdf",
        ),
    ],
)
def test_a_linked_document_as_the_source_makes_a_claim_linked(
    nlp, text, linked_words, status, href
):
    pipeline, gazetteer = nlp
    start = text.index(linked_words)
    links = [Link(start, start + len(linked_words), linked_words, href)]
    [analysis] = analyse(pipeline, gazetteer, [ParagraphInput(text, "body", "doc")])
    seen_by = DocumentSources(SourceRegistry([]), "doc")
    [claim] = machine_claims("p0", ParagraphText("doc", text, links), "body", analysis, seen_by)
    assert (claim.status, claim.link_url) == (status, href)


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        ("Last year it was revealed that the mill would close in May.", "vague"),
        ("It is understood that the mill will close in May.", "vague"),
        ("It was also reported that the mill would close in May.", "vague"),
        ("It is widely believed that the mill will close in May.", "vague"),
        ("It is a fact that the mill will close in May.", "unsourced"),
    ],
)
def test_a_report_with_no_one_to_give_it_is_vague(nlp, sentence, status):
    claims, _ = claims_of(nlp, sentence)
    assert claim_with(claims, "mill").status == status


@pytest.mark.parametrize(
    ("sentence", "cue", "status", "speaker"),
    [
        # A gerund after a preposition reports for its clause's subject.
        (
            "The Lindale Harbour Authority delayed the vote after saying that the cranes "
            "were unsafe.",
            "saying",
            "attributed",
            ["Lindale Harbour Authority"],
        ),
        (
            "Maria Okafor declined to name a date, despite saying that the survey showed a "
            "crack in the cranes.",
            "saying",
            "attributed",
            ["Maria Okafor"],
        ),
        ("Maria Okafor left without saying that the cranes were unsafe.", None, "unsourced", []),
        # An adjective holding a view of a "that" clause, with the verb before it.
        (
            "Many residents are concerned that the cranes are not safe for winter.",
            "are concerned",
            "vague",
            ["Many residents"],
        ),
        (
            "Maria Okafor is confident that the cranes will be safe by May.",
            "is confident",
            "attributed",
            ["Maria Okafor"],
        ),
        ("The crews were happy that the cranes were safe.", None, "unsourced", []),
    ],
)
def test_gerunds_after_prepositions_and_adjectives_of_belief_are_cues(
    nlp, sentence, cue, status, speaker
):
    claims, registry = claims_of(nlp, sentence)
    claim = claim_with(claims, "cranes")
    assert (claim.cue.text if claim.cue else None, claim.status) == (cue, status)
    assert source_names(claim, registry) == speaker


@pytest.mark.parametrize(
    ("sentence", "speakers"),
    [
        # Someone else's words taken down or given out are a thing, not a report.
        (
            "Sources said the Lindale Harbour Authority recorded the former minister's "
            "statement about the cranes at its headquarters.",
            ["Sources"],
        ),
        # Denied or rejected, they are still disputed by whoever denies them.
        ("Maria Okafor denied the union's claim that the cranes were unsafe.", ["Maria Okafor"]),
        # Letters after a name are no second subject.
        (
            "The union's lead counsel, Maria Okafor, SAN has confirmed the appeal, saying the "
            "cranes were never inspected.",
            ["Maria Okafor"],
        ),
        # A role the model tags as a name is the person named beside it.
        (
            "Okafor’s Lead Counsel, Chris Uche, has confirmed the appeal, saying the cranes "
            "were never inspected.",
            ["Chris Uche"],
        ),
    ],
)
def test_the_speaker_is_the_person_named_not_a_role_letters_or_words_taken_down(
    nlp, sentence, speakers
):
    claims, registry = claims_of(nlp, sentence)
    assert source_names(claim_with(claims, "cranes"), registry) == speakers


@pytest.mark.parametrize(
    ("sentence", "status"),
    [
        # A commitment to a deed is an act the text reports, not words reported.
        ("Maria Okafor has also vowed to challenge the ruling on the cranes.", "unsourced"),
        ("The Lindale Harbour Authority threatened to close the cranes.", "unsourced"),
        # With a clause of content, it reports words.
        ("Maria Okafor vowed that the cranes would be repaired.", "attributed"),
    ],
)
def test_a_vow_to_do_something_is_an_act_and_a_vow_that_something_is_a_report(
    nlp, sentence, status
):
    claims, _ = claims_of(nlp, sentence)
    assert claim_with(claims, "cranes").status == status


def test_a_sentence_the_parser_cut_in_two_is_one_claim(nlp):
    text = (
        "Maria Okafor said they are waiting to get the audio transcribed but this is all the "
        "information they can give at this time."
    )
    claims, registry = claims_of(nlp, text)
    claim = claim_with(claims, "all the information")
    assert "waiting to get the audio" in claim.quote
    assert (claim.status, source_names(claim, registry)) == ("attributed", ["Maria Okafor"])


def test_a_quotation_run_on_into_a_later_paragraph_keeps_its_cue_where_it_stands(nlp):
    text = (
        "Anna Petrova, the union's leader, said on Saturday: \u201cOur members are angry "
        "about the cuts.\n\n\u201cWe will keep making that case to the ministry.\u201d"
    )
    claims, _ = claims_of(nlp, text)
    first, later = claim_with(claims, "members are angry"), claim_with(claims, "making that case")
    assert later.paragraph_id != first.paragraph_id
    assert (later.cue.text, later.cue_paragraph) == ("said", first.paragraph_id)
    assert (first.cue.text, first.cue_paragraph) == ("said", None)  # its own paragraph's


@pytest.mark.parametrize(
    ("sentence", "cue", "status", "speaker"),
    [
        # The speaker after the verb, the words reported before it.
        (
            "The ferries stopped after a strike by the crews, claimed the Lindale Harbour "
            "Authority.",
            "claimed",
            "attributed",
            ["Lindale Harbour Authority"],
        ),
        (
            "The pier was closed after a storm, said Lindale Council.",
            "said",
            "attributed",
            ["Lindale Council"],
        ),
        # A report named as the subject of "is that", with no one to give it.
        (
            "Reports are that the ferry had been at sea for at least eight days.",
            "Reports are",
            "vague",
            ["Reports"],
        ),
        # A participle's report is its clause's subject's.
        (
            "One of the tugboats took the crew aboard, reporting they were from Lindale.",
            "reporting",
            "vague",
            ["One of the tugboats"],
        ),
        (
            "The Lindale Harbour Authority released figures on Monday, saying its divers had "
            "found cracks in the piles.",
            "saying",
            "attributed",
            ["Lindale Harbour Authority"],
        ),
        # A passive that hands its subject to the report under it.
        (
            "Dana Kowal was quoted as saying that the pier would reopen in May.",
            "saying",
            "attributed",
            ["Dana Kowal"],
        ),
        (
            "Dana Kowal is reported to have said that the pier would reopen in May.",
            "said",
            "attributed",
            ["Dana Kowal"],
        ),
        # ... but one that names no report does not ("was expected to say farewell").
        ("The old ferry was expected to say farewell to the island in May.", None, "unsourced", []),
        # Data shows what its compiler counted ("data" is "datum" to the lemmatiser).
        (
            "Data from the Lindale Harbour Authority showed exports fell by 12 percent.",
            "showed",
            "attributed",
            ["Lindale Harbour Authority"],
        ),
    ],
)
def test_speakers_after_the_verb_reports_that_are_participles_and_passives(
    nlp, sentence, cue, status, speaker
):
    claims, registry = claims_of(nlp, sentence)
    [claim] = claims
    found = claim.cue.text if claim.cue else None
    assert (found, claim.status, source_names(claim, registry)) == (cue, status, speaker)


def test_a_person_a_role_names_speaks_whatever_names_stand_before_the_role(nlp):
    text = (
        "Lindale Sea and Shore top of the south field officer Dana Kowal said she was "
        "disappointed with the ruling."
    )
    claims, registry = claims_of(nlp, text)
    assert source_names(claim_with(claims, "disappointed"), registry) == ["Dana Kowal"]


def test_a_body_named_by_its_nationality_is_not_another_body_sharing_its_head(nlp):
    text = (
        "The Italian coast guard began a search on Sunday.\n\nHelp came from the European "
        "border and coast guard agency, Frontex.\n\nOne of the rescued sailors died in "
        "hospital, the Italian coast guard confirmed."
    )
    claims, registry = claims_of(nlp, text)
    assert source_names(claim_with(claims, "died in hospital"), registry) == ["Italian coast guard"]


def test_initials_stand_for_the_name_the_text_spelled_out(nlp):
    text = (
        "Tents were flown in by United Nations agencies on Monday.\n\nThe camp was holding "
        "900 people from the coast, the U.N. agencies reported."
    )
    claims, registry = claims_of(nlp, text)
    assert source_names(claim_with(claims, "900 people"), registry) == ["United Nations agencies"]


def test_a_lower_case_word_the_parser_reads_as_a_name_names_no_body(nlp):
    claims, registry = claims_of(
        nlp, "A statement from the harbour authority said the pier would reopen."
    )
    assert source_names(claim_with(claims, "pier would reopen"), registry) == ["harbour authority"]
