"""Reporting verbs (cues) and their inflected forms, without a trained lemmatizer."""

from __future__ import annotations

import re

# Verbs that attribute words or assertions to someone. "label" verbs attach a term
# to something ("called the vote a sham"); the others report speech.
SPEECH_CUES = (
    "say tell add appeal write tweet post announce declare claim allege insist warn vow urge ask "
    "suggest report reveal acknowledge note argue explain confirm deny cite answer promise "
    "pledge predict threaten concede admit stress emphasize emphasise accuse contend speak recall "
    "recount remark lament observe mention reply respond demand caution plead estimate indicate "
    "shout scream cry chant reiterate affirm complain exclaim whisper testify retort quip clarify "
    "continue conclude read thank express proclaim boast brag joke muse scoff bark tout repeat "
    "disclose assure reassure wonder gush retaliate counter interject point specify"
).split()
QUOTE_MARKS = frozenset({'"', "”", "’", "''"})
# Verbs that report only when a colon or a quotation follows: 'It continued: "…"', 'The statement read: "…"'
INTRO_ONLY = {"continue", "conclude", "read"}
LABEL_CUES = (
    "call describe denounce condemn dismiss deride brand label term blast refer characterize "
    "characterise reject decry slam blame hail praise laud applaud welcome criticise criticize designate"
).split()
IRREGULAR = {
    "say": ["said", "says", "saying"],
    "tell": ["told", "tells", "telling"],
    "write": ["wrote", "written", "writes", "writing"],
    "refer": ["referred", "refers", "referring"],
    "label": ["labelled", "labeled", "labels", "labelling", "labeling"],
    "admit": ["admitted", "admits", "admitting"],
    "slam": ["slammed", "slams", "slamming"],
    "term": ["termed", "terming"],  # "terms" is a noun: "prison terms", "in terms of"
    "speak": ["spoke", "spoken", "speaks", "speaking"],
    "cry": ["cried", "cries", "crying"],
    "testify": ["testified", "testifies", "testifying"],
    "quip": ["quipped", "quips", "quipping"],
    "read": ["reads", "reading"],
}
NOT_VERB_BEFORE = {
    "a",
    "an",
    "the",
    "this",
    "that",
    "these",
    "those",
    "its",
    "his",
    "her",
    "their",
    "our",
    "my",
    "your",
    "-",
    "informal",
    "formal",
    "no",
    "any",
    "such",
}
# a preposition before a reporting word makes it a noun ("despite reports from …", "amid claims
# that …", "in comments to …"), unless it is an -ing form ("after saying")
NOUN_AFTER = frozenset(
    "despite amid amidst after following over about of on with without from against among under for in into at".split()
)
PROGRESSIVE = {"is", "are", "was", "were", "been", "be", "and", "by", "while", "after", "before", "when", "also", "as"}
NOT_VERB_AFTER = {"up", "off", "-"}  # "called up", "call-up" (conscription), "called off"


def inflections(lemma: str) -> list[str]:
    """Regular present, past and -ing forms of a verb."""
    if lemma in IRREGULAR:
        return [lemma, *IRREGULAR[lemma]]
    third = (
        lemma + "es"
        if re.search(r"(s|sh|ch|x|z)$", lemma)
        else lemma[:-1] + "ies"
        if re.search(r"[^aeiou]y$", lemma)
        else lemma + "s"
    )
    past = (
        lemma + "d" if lemma.endswith("e") else lemma[:-1] + "ied" if re.search(r"[^aeiou]y$", lemma) else lemma + "ed"
    )
    ing = lemma[:-1] + "ing" if lemma.endswith("e") and not lemma.endswith("ee") else lemma + "ing"
    return [lemma, third, past, ing]


FORMS: dict[str, str] = {f: lemma for lemma in SPEECH_CUES + LABEL_CUES for f in inflections(lemma)}
FORMS.update({"stated": "state", "stating": "state", "states": "state"})  # "state" is mostly a noun


def cue_lemma(tokens, i: int) -> str | None:
    """The cue lemma of token i, or None when it is not used as a reporting verb."""
    lemma = FORMS.get(tokens[i].lower_)
    if lemma is None:
        return None
    before = tokens[i - 1].lower_ if i > 0 else ""
    after = tokens[i + 1].lower_ if i + 1 < len(tokens) else ""
    if _a_noun(tokens, i, before, after) or _passive_without_agent(tokens, i):
        return None
    if (
        tokens[i].lower_.endswith("ing")
        and tokens[i - 1].text.isalpha()
        and tokens[i - 1].text.islower()
        and before not in PROGRESSIVE
    ):
        return None  # "personnel closely observing voters": a participle, not a report ("…, saying", "with X saying")
    inverted = i > 1 and tokens[i - 2].text in QUOTE_MARKS and tokens[i - 1].lower_ in ("he", "she", "they", "it")
    # '“…”, the statement reads': a document named right after the quote it holds
    inverted = inverted or any(t.text in QUOTE_MARKS for t in tokens[max(0, i - 4) : i - 2])
    # '“…,” read a statement released by X': the verb right after the quote
    inverted = inverted or any(t.text in ('"', "”") for t in tokens[max(0, i - 2) : i])
    if tokens[i].lower_ == "states" and not _states_verb(before, after):
        return None  # "The report states: …", "it states that …"; not "the United States", "member states"
    if lemma in INTRO_ONLY and after not in (":", '"', "“", "‘") and not inverted:
        return None  # '"…," he continued' reports; 'fighting continued' does not
    if lemma == "point" and after != "out":
        return None  # "pointed out that …" reports; "pointed to", "points" do not
    if lemma == "speak" and after not in ("of", "about"):
        return None  # "speaks of 'terror'" reports; "speaks in front of a banner" does not
    if tokens[i].text[0].isupper() and i > 0 and not tokens[i - 1].is_punct:
        return None  # inside a name
    return lemma


STATING_SUBJECTS = frozenset({"it", "he", "she", "report", "statement", "document", "letter", "post", "resolution"})


def _states_verb(before: str, after: str) -> bool:
    """ "states" reports before a colon or a quotation, or before "that" after a document or a
    pronoun ("The report states that …"); elsewhere it is a noun ("member states that …")."""
    if before in ("he", "she", "they"):
        return True  # "“…,” he states": a pronoun has no noun "states" after it
    return after in (":", '"', "“", "‘") or (after == "that" and before in STATING_SUBJECTS)


BE_FORMS = frozenset({"is", "are", "was", "were", "be", "been", "being"})
PARTICIPLE_ENDINGS = ("ed", "said", "told", "known", "written", "spoken")


def _passive_without_agent(tokens, i: int) -> bool:
    """A passive reporting verb reports no one's words when its subject is a dummy "it" ("It is
    noted that …", "it has been said") or no "by" follows it ("Two children are said to be among
    the dead", "105 people were reported missing", "the vote was denounced as a sham"): its subject
    is what is reported on, not who reports."""
    if not tokens[i].lower_.endswith(PARTICIPLE_ENDINGS):
        return False
    k = i - 1
    if k >= 0 and (tokens[k].lower_.endswith("ly") or tokens[k].lower_ in ("also", "now", "still", "widely")):
        k -= 1
    if k < 0 or tokens[k].lower_ not in BE_FORMS:
        return False
    if _dummy_it(tokens, k):
        return True
    for t in tokens[i + 1 : i + 12]:
        if t.lower_ == "by":
            return False
        if t.text in (".", ";", ":") or t.lower_ in ("and", "but", "while"):
            break
    return True


def _dummy_it(tokens, k: int) -> bool:
    """The be-form at k has "it" opening its clause as subject ("It is noted", "it has been said")."""
    k -= 1
    if k >= 1 and tokens[k].lower_ in ("has", "had"):
        k -= 1
    return (
        k >= 0
        and tokens[k].lower_ == "it"
        and (k == 0 or tokens[k - 1].is_punct or tokens[k - 1].lower_ in ("and", "but"))
    )


POSSESSIVE_MARKS = ("'s", "’s", "'", "’")
RECENT = ("latest", "recent", "new", "first", "last", "final")


def _a_noun(tokens, i: int, before: str, after: str) -> bool:
    """The reporting word is used as a noun: after a determiner or a preposition ("the report",
    "despite reports"; not an -ing form), after "a"/"an" and a name ("a Facebook post"), or
    owned ("Trump's remarks", "the IG's report", "Trump's continued appeal"; not "Kyiv's military
    said")."""
    if before in NOT_VERB_BEFORE or after in NOT_VERB_AFTER:
        return True
    if before in NOUN_AFTER and not tokens[i].lower_.endswith("ing"):
        return True
    if i >= 2 and tokens[i - 1].text[:1].isupper() and tokens[i - 2].lower_ in ("a", "an"):
        return True
    modifier = before.endswith(("ed", "ing")) or before in RECENT
    return before in POSSESSIVE_MARKS or (i > 1 and tokens[i - 2].lower_ in POSSESSIVE_MARKS and modifier)


def is_label_cue(lemma: str | None) -> bool:
    return lemma in LABEL_CUES
