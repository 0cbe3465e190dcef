"""Machine claims: one for every checkable sentence, with its sourcing status and kind.

A sentence is checkable unless it is a question, a fragment of under four words, or
boilerplate ("About ...", "Media contact", "Correction: ..."); headings, titles,
bylines and author notes hold none. A sentence that reports two sources' words ("X
said S1, a claim Y denied, noting S2") gives one claim each.
"""

import re
from collections.abc import Sequence

from service.pipeline.claims.curated import ParagraphText, linked
from service.pipeline.claims.quotations import Quotation
from service.pipeline.claims.sources import DocumentSources
from service.pipeline.lexicon.hedges import REPORTEDLY
from service.pipeline.lexicon.kinds import ASSESSMENT
from service.pipeline.nlp.hedges import agentless
from service.pipeline.nlp.sources import is_document
from service.pipeline.records import Analysis, Attribution, Claim, Relation, Span
from service.vocab import hex_id

CLAIMLESS_KINDS = {"breadcrumb", "title", "byline", "heading", "author_bio"}
MIN_WORDS = 4
QUOTE_EDGES = "\"“”‘’'«» .,"  # marks a quoted sentence keeps at its edges
QUOTED_SHARE = 0.8  # of a sentence inside a quotation for it to be the speaker's words
# Whole paragraphs of boilerplate, and sentences that speak of the text itself.
BOILERPLATE_PARAGRAPH = re.compile(
    r"^\W*(?:about (?:the |us\b)?[^.:\n]{0,60}:|about (?:the |us\b)?(?-i:[A-Z])[^.:\n]{0,60}$|"
    r"(?:media|press) contact\b|contact:|for more information\b|editing by\b|reporting by\b|"
    r"additional reporting\b|follow us\b|subscribe\b|sign up\b|read more\b|copyright\b|©)",
    re.IGNORECASE,
)
BOILERPLATE = re.compile(
    r"^\W*(?:correction:|clarification:|this (?:article|story|report) (?:has been|was)|"
    r"an earlier version)",
    re.IGNORECASE,
)
FIGURE = re.compile(
    r"(?<![\w-])(?:\d[\d,.]*\s?(?:%|per ?cent\b)?|"
    r"(?:half|a third|a quarter|a fifth|two-thirds|three-quarters)\b)"
)
YEAR = re.compile(r"(?:1[89]|20)\d\d")
NOTE = "Found by the claim detector; not curated."
ABBREVIATION_END = re.compile(r"\b(?:[a-z]\.[a-z]|[A-Z][a-z]{0,3}|[A-Z])\.$")
# Saying the reverse of what was reported: "TASS officials report the opposite".
CONTRARY = re.compile(
    r"\b(?:the opposite|to the contrary|on the contrary|otherwise)\b", re.IGNORECASE
)
# The author rebutting what was just reported: "I do not believe it", "That charge misreads".
REBUTTAL = re.compile(
    r"\b(?:(?:I|we) (?:do not|don't|did not|cannot|can't) believe|I doubt|(?:is|was) not true|"
    r"(?:is|was) (?:false|untrue|unfounded|baseless|groundless)|misreads?|misrepresents?)\b",
    re.IGNORECASE,
)
# A source rebutting what another said: "a tribunal concluded that its claim was groundless".
SOURCED_REBUTTAL = re.compile(
    r"\b(?:claims?|charges?|allegations?|accusations?|reports?|accounts?|rumou?rs?)\b"
    r"[^.;]{0,40}?\b(?:is|was|are|were) (?:false|untrue|unfounded|baseless|groundless)\b",
    re.IGNORECASE,
)
# Words that join a reported clause to the next source's: "S1, a claim that Y denied".
JOINING = re.compile(
    r"[\s,;:—–-]*(?:\b(?:a|an|the)\s+(?:claim|charge|statement|assertion|report|figure)\s+)?"
    r"(?:\b(?:that|which|while|whereas|but|and)\b)?[\s,;:—–-]*$",
    re.IGNORECASE,
)
# Where a sentence turns from one source to another: "X asserts A, but Y concluded B".
TURN = re.compile(r"[,;]\s*(?:but|while|whereas)\s+", re.IGNORECASE)
# "S, in contrast to the rumours spread by X about Y": the author disputes what X spreads.
CONTRAST = re.compile(r",?\s*\b(?:in contrast to|contrary to|unlike)\b", re.IGNORECASE)


def machine_claims(
    paragraph_id: str,
    paragraph: ParagraphText,
    kind: str,
    analysis: Analysis,
    sources: DocumentSources,
    quotes: Sequence[Quotation] = (),
    paragraph_ids: Sequence[str] = (),
) -> list[Claim]:
    """Make a claim of every checkable sentence of a paragraph; `quotes` are the
    paragraph's quotations with their speakers, which a quoted sentence is given, and
    `paragraph_ids` the document's, to say where a speaker named elsewhere was named."""
    if kind in CLAIMLESS_KINDS or BOILERPLATE_PARAGRAPH.match(paragraph.text):
        return []
    claims = []
    body_start = paragraph.dateline.end if paragraph.dateline else 0
    # A reporting word inside a quotation is the speaker's word, not a cue.
    cues = [a for a in analysis.attributions if not _inside_quote(a.cue.start, quotes)]
    for start, end in analysis.sentences:
        start, end = _stripped(paragraph.text, max(start, body_start), end)
        if not checkable(paragraph.text[start:end]):
            continue
        found = [a for a in cues if start <= a.cue.start < end]
        quoted = None if found else _quoting(start, end, quotes)
        carried = quoted is not None and quoted.speaker_paragraph != quoted.paragraph
        if quoted is not None and quoted.speaker is not None:
            found = [quoted.speaker]
        # A speaker named in another paragraph: its offsets cannot split this sentence.
        spans = (
            [(start, end, found, False)]
            if carried
            else _claim_spans(paragraph.text, start, end, found)
        )
        for span_start, span_end, group, disputing in spans:
            claim = _claim(
                paragraph_id, paragraph, analysis, sources, span_start, span_end, group, carried
            )
            rebuts = (SOURCED_REBUTTAL if group else REBUTTAL).search(
                paragraph.text, span_start, span_end
            )
            contrary = CONTRARY.search(paragraph.text, start, end)  # "report the opposite"
            acts = [a for a in analysis.disputing_acts if span_start <= a.start < span_end]
            # "He dismissed the claims, saying ...": the participle tells the act's grounds
            act = acts[0] if acts and (not group or _grounds(acts[0], group)) else None
            claim.disputing = claim.disputing or disputing or bool(rebuts or contrary or act)
            if act is not None:
                claim.disputed = act.text
            claim.sentence = (start, end)
            if carried and quoted and quoted.speaker_paragraph is not None:
                # the cue that gave the quotation its speaker, in the paragraph that has it
                claim.cue_paragraph = _paragraph_id(paragraph_ids, quoted.speaker_paragraph)
                claim.cue = found[0].cue if claim.cue_paragraph else None
            claims.append(claim)
    return claims


def _grounds(act: Span, group: list[Attribution]) -> bool:
    """Tell the participles that give an act of dispute its grounds ("rejected the
    verdict, saying ...") from a report of their own beside it."""
    return all(a.cue.start > act.end and a.cue.text.lower().endswith("ing") for a in group)


def _paragraph_id(paragraph_ids: Sequence[str], ordinal: int) -> str | None:
    """Return the id of the document's paragraph at an ordinal, if the ids were given."""
    return paragraph_ids[ordinal] if ordinal < len(paragraph_ids) else None


def _inside_quote(at: int, quotes: Sequence[Quotation]) -> bool:
    """Tell whether a character stands inside one of the paragraph's quotations."""
    return any(q.start <= at < q.end for q in quotes)


def _quoting(start: int, end: int, quotes: Sequence[Quotation]) -> Quotation | None:
    """Return the quotation with a speaker that holds (nearly) all of a sentence."""
    for quote in quotes:
        inside = min(end, quote.end) - max(start, quote.start)
        if quote.speaker is not None and inside >= QUOTED_SHARE * (end - start):
            return quote
    return None


def checkable(sentence: str) -> bool:
    """Tell a sentence that asserts something from a question, a fragment or boilerplate."""
    words = sentence.split()
    return (
        len(words) >= MIN_WORDS
        and not sentence.rstrip("\"'”’)").endswith("?")
        and not BOILERPLATE.match(sentence)
    )


def _stripped(text: str, start: int, end: int) -> tuple[int, int]:
    """Trim white space and a final full stop from a sentence span ("3 a.m." keeps its)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start and text[end - 1] == "." and not ABBREVIATION_END.search(text, start, end):
        end -= 1
    return start, end


def _claim_spans(text: str, start: int, end: int, found: list[Attribution]):
    """Return (start, end, attributions, disputing) per claim of a sentence: one per source
    whose words it reports, where two or more sources' words stand apart; else the
    sentence. "S, in contrast to the rumours spread by X ..." gives the author's S, which
    disputes, and X's rumour."""
    found = _told_by_last(text, found)
    contrast = CONTRAST.search(text, start, end)
    if contrast and any(a.cue.start >= contrast.end() for a in found):
        after = [a for a in found if a.cue.start >= contrast.end()]
        before = [a for a in found if a.cue.start < contrast.start()]
        reported = next((a.content for a in after if a.content), None)
        second = (reported.start, reported.end) if reported else (contrast.end() + 1, end)
        return [(start, contrast.start(), before, True), (*second, after, False)]
    groups: dict[str, list[Attribution]] = {}
    for attribution in found:
        key = attribution.source_name or attribution.source.text.lower()
        groups.setdefault(key, []).append(attribution)
    contents = [next((a.content for a in group if a.content), None) for group in groups.values()]
    firsts = [min(min(a.source.start, a.cue.start) for a in g) for g in groups.values()]
    for i, content in enumerate(contents):
        for first in firsts:  # "S1, a claim that Y has denied by noting S2": S1 ends at Y
            if content and content.start < first < content.end:
                content = _cut(text, content.start, first)
        contents[i] = content
    present = [c for c in contents if c is not None]
    apart = len(present) == len(contents) and not any(
        a.start < b.end and b.start < a.end for i, a in enumerate(present) for b in present[i + 1 :]
    )
    if len(groups) > 1 and apart:
        return [(c.start, c.end, g, False) for c, g in zip(present, groups.values(), strict=True)]
    if len(groups) == 2 and (turn := _turn(text, *groups.values())):
        # "X asserts A, but Y concluded that B": two sources, each its own side
        before, after = groups.values()
        return [(start, turn.start(), before, False), (turn.end(), end, after, False)]
    return [(start, end, found, False)]


def _told_by_last(text: str, found: list[Attribution]) -> list[Attribution]:
    """Keep only a closing "..., according to X" when a sentence ends with one: "China
    has urged the Netherlands not to ..., according to a statement from the ministry" is
    the ministry's account of what China did."""
    closing = [
        a
        for a in found
        if a.cue.text.lower() == "according to" and text[: a.cue.start].rstrip().endswith(",")
    ]
    if not closing or any(a.cue.start >= closing[-1].source.end for a in found):
        return found  # a report after it is its own: "..., according to X, and Y said"
    return [a for a in found if a.cue.start >= closing[-1].cue.start]


def _turn(text: str, first: list[Attribution], second: list[Attribution]):
    """Find ", but" or ", while" between one source's cue and the next source's words."""
    after = max(a.cue.end for a in first)
    before = min(min(a.source.start, a.cue.start) for a in second)
    return TURN.search(text, after, before) if after < before else None


def _cut(text: str, start: int, end: int):
    """End a reported clause before the next source's words and its joining words."""
    words = JOINING.sub("", text[start:end])
    return Span(start, start + len(words), words) if words.strip() else None


def _claim(
    paragraph_id, paragraph, analysis, sources, start, end, found, carried: bool = False
) -> Claim:
    """Make one machine claim with its status, sources, cue, hedges and kind."""
    quote = paragraph.text[start:end]
    # A speaker named in another paragraph has offsets of that paragraph, not this one's.
    own = [] if carried else found
    source_link = next(
        (m for a in own if (m := linked(paragraph.links, a.source.start, a.source.end))), None
    )
    # A linked document the author cites is the evidence itself; linked people stay vague.
    document_link = source_link is not None and any(_names_a_document(a) for a in own)
    link = linked(paragraph.links, start, end) or source_link
    document_id = paragraph.document_id
    source_ids: list[str] = []
    for attribution in found:
        source_ids += [s for s in sources.resolve(attribution) if s not in source_ids]
    hedges = [h for h in analysis.hedges if start <= h.start and h.end <= end]
    # "reportedly", "it was revealed that": reported by nobody in particular
    reported = [h for h in hedges if h.text.lower() in REPORTEDLY or agentless(h.text)]
    # the main verb's cue, not a participle's before it ("While admitting ..., X insisted")
    main = next((a.cue for a in found if a.main), found[0].cue) if found else None
    cue = main if found and not carried else (reported[0] if reported else None)
    if found:
        status = "vague" if all(a.vague for a in found) else "attributed"
        if status == "vague" and document_link:
            status = "linked"  # "according to the inspection report", the report linked
    elif reported:
        status, source_ids = "vague", [sources.unnamed("reports")]
    else:
        status, source_ids = ("linked" if link else "unsourced"), sources.authors()
    return Claim(
        id=hex_id("m", f"{paragraph_id}:{start}:{end}"),
        document_id=document_id,
        paragraph_id=paragraph_id,
        quote=quote,
        start=start,
        end=end,
        proposition=_proposition(quote, start, end, [] if carried else found),
        kind=claim_kind(quote, start, end, bool(found), analysis),
        status=status,
        sources=source_ids,
        cue=cue,
        hedges=hedges,
        link=link is not None,
        link_url=link.href if link else None,
        relations=[],
        origin="machine",
        note=NOTE,
        disputing=any(a.dispute for a in found),
        disputed=next((a.disputed.text for a in found if a.disputed), None),
    )


def _names_a_document(attribution: Attribution) -> bool:
    """Tell a source that is a document ("the inspection report", "a court filing")."""
    words = attribution.source.text.rstrip(".,;:").split()
    return bool(words) and is_document(words[-1])


def _proposition(quote: str, start: int, end: int, found: list[Attribution]) -> str:
    """Return what a claim asserts without its attribution: the reported clause when the
    parse shows one inside the claim ("X said S" and "S, X said" give S)."""
    for attribution in found:
        content = attribution.content
        if (
            content is not None
            and start <= content.start
            and content.end <= end
            and len(content.text.split()) >= MIN_WORDS
        ):
            return content.text
    return quote.strip(QUOTE_EDGES)


def claim_kind(quote: str, start: int, end: int, reported: bool, analysis: Analysis) -> str:
    """Tell a claim's kind: statement (reported), prediction (its main verb is future),
    quantity (a figure that is no date), assessment (judging words), else event."""
    if reported:
        return "statement"
    clauses = [(e - s, tense) for s, e, tense in analysis.clauses if start <= s and e <= end + 1]
    if clauses and max(clauses)[1] == "future":
        return "prediction"
    dates = [(d.start, d.end) for d in analysis.date_spans]
    for match in FIGURE.finditer(quote):
        at = start + match.start()
        in_date = any(s <= at < e for s, e in dates)
        if not in_date and not YEAR.fullmatch(match.group().strip()):
            return "quantity"
    return "assessment" if ASSESSMENT.search(quote) else "event"


def merge(curated: list[Claim], machine: list[Claim]) -> list[Claim]:
    """Keep every curated claim and the machine claims that overlap none of them."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for claim in curated:
        spans.setdefault(claim.paragraph_id, []).append((claim.start, claim.end))
    kept = [
        m
        for m in machine
        if not any(s < m.end and m.start < e for s, e in spans.get(m.paragraph_id, []))
    ]
    return curated + kept


def symmetric(claims: list[Claim]) -> None:
    """Make every contradiction visible from both claims."""
    by_id = {c.id: c for c in claims}
    for claim in claims:
        for relation in list(claim.relations):
            if relation.type == "contradicts":
                other = by_id[relation.claim_id]
                back = Relation("contradicts", claim.id, relation.reason)
                if back not in other.relations:
                    other.relations.append(back)
