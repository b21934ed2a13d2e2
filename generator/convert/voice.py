"""The active voice for a headline: the doer first.

A standfirst in the passive puts a long subject before its verb and the
doer at the end: "New targets to reduce the stress to witnesses giving
evidence in courts have been announced by the lord chancellor."  Cut to
ten words, it keeps only the subject ("New targets to reduce stress to
witnesses giving evidence").  A sub-editor turns it round first: "Lord
chancellor announces new targets to reduce stress to witnesses".  This
module does that on the parse, and both headline writers then work from
the active sentence as they would from the standfirst.

Only a passive main clause with a short doer named after "by" and a
subject of at least ``MIN_SUBJECT_WORDS`` words is turned round; a short
passive ("Yukos bought by Rosneft") is a headline already, and a named
subject ("Kenteris and Thanou cleared of doping by tribunal") is the news.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from generator.convert.verb_forms import verb_lemma

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# A passive subject this long leaves no room for the verb and the doer ...
MIN_SUBJECT_WORDS = 5
# ... and a doer this short fits before it ("the lord chancellor").
MAX_DOER_WORDS = 4

_MODALS = frozenset("will would could can may might must should shall".split())
_PAST_BE = frozenset({"was", "were"})
_PAST_HAVE = frozenset({"had"})


def turn_round(sent: Span, lead: Span | None) -> str | None:
    """``sent``, a standfirst's first sentence, as a headline writer should
    read it: in the active voice, with a death told in an aside first, or
    with its opening pronoun named from ``lead``; None when it stays as it is."""
    return active_voice(sent) or death_first(sent) or named_subject(sent, lead)


def _kept_as_written(sent: Span) -> bool:
    """A quotation or a question is never rearranged."""
    return any(t.is_quote for t in sent) or sent.text.rstrip().endswith("?")


def active_voice(sent: Span) -> str | None:
    """``sent`` in the active voice, or None when it is not a passive main
    clause with a doer and a long subject.

    >>> from generator.convert.parse import parse_texts
    >>> doc = parse_texts(["New rules on the size of fishing boats in the bay have been approved by the council."])[0]
    >>> active_voice(next(doc.sents))
    'The council has approved new rules on the size of fishing boats in the bay.'
    >>> doc = parse_texts(["Ways of keeping the old pier open are to be considered by the harbour board."])[0]
    >>> active_voice(next(doc.sents))
    'The harbour board is to consider ways of keeping the old pier open.'
    >>> active_voice(next(parse_texts(["The ferry was bought by Island Lines."])[0].sents)) is None
    True
    """
    if _kept_as_written(sent):
        return None
    found = _passive(sent)
    if found is None:
        return None
    root, subject, heads = found
    agent = next((c for c in root.children if c.dep_ == "agent" and c.i > root.i), None)
    doer = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
    if doer is None or not _names_a_doer(doer):
        return None
    # "thrown out by councillors and residents celebrated": a verb inside the
    # doer, or a second verb on the first, is a sentence of two clauses.
    if any(t.pos_ in ("VERB", "AUX") for t in doer.subtree) or any(
        c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") for c in root.children
    ):
        return None
    # "were looked at by the council": a preposition left without its noun
    # belongs to the verb, which this does not move.
    if any(c.dep_ == "prep" and not any(g.dep_ == "pobj" for g in c.children) for c in root.children):
        return None
    subject_tokens = list(subject.subtree)
    if sum(1 for t in subject_tokens if not t.is_punct) < MIN_SUBJECT_WORDS:
        return None
    # "Kenteris and Thanou cleared by tribunal": a named subject is the news
    # and stays first; and a long doer would only move the problem.
    if subject.pos_ == "PROPN" or subject.ent_type_ or sum(not t.is_punct for t in doer.subtree) > MAX_DOER_WORDS:
        return None
    between = [t for t in sent if subject.right_edge.i < t.i < root.i]
    auxes = [t for t in between if t.head in heads and t.dep_ in ("aux", "auxpass", "neg", "ROOT")]
    auxes += [t for t in heads if t != root and t not in auxes]
    auxes.sort(key=lambda t: t.i)
    adverbs = [t for t in between if t.head in heads and t.dep_ == "advmod"]
    if len(auxes) + len(adverbs) != len(between):
        return None  # an aside between subject and verb: leave the sentence as it is
    verbs = _active_verbs(auxes, adverbs, root, _plural(doer))
    if verbs is None:
        return None
    particles = [c for c in root.children if c.dep_ == "prt"]
    taken = {t.i for t in (*agent.subtree, *particles)}
    before = [t for t in sent if t.i < subject.left_edge.i]
    after = [t for t in sent if t.i > root.i and t.i not in taken and not (t.is_punct and t.i == sent.end - 1)]
    end = sent[-1].text if sent[-1].is_punct and sent[-1].text in ".!?" else "."
    parts = [
        _words(before),
        _words(list(doer.subtree)),
        verbs,
        _words(particles),
        _lower_first(_words(subject_tokens), subject_tokens[0]),
        _words(after),
    ]
    text = re.sub(r" ([,;:])", r"\1", " ".join(p for p in parts if p)).rstrip(" ,;:")
    return text[:1].upper() + text[1:] + end


def _passive(sent: Span) -> tuple[Token, Token, list[Token]] | None:
    """The passive verb of the main clause, its subject, and the verbs that
    hold the clause together: "have been announced" (the root), or "are to
    be considered" (the root "are" and its complement "considered")."""
    root = sent.root
    heads = [root]
    if root.lemma_ == "be" and root.tag_ != "VBN":
        verb = next((c for c in root.children if c.dep_ == "xcomp" and c.tag_ == "VBN"), None)
        if verb is None or not any(c.lower_ == "to" for c in verb.children):
            return None
        subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
        root, heads = verb, [root, verb]
    else:
        subject = next((c for c in root.children if c.dep_ == "nsubjpass"), None)
    if root.tag_ != "VBN" or not any(c.dep_ == "auxpass" for c in root.children):
        return None
    if subject is None or subject.i > root.i:
        return None
    return root, subject, heads


def _names_a_doer(doer: Token) -> bool:
    """A noun or a name ("the council", "Island Lines"), or "one of" them;
    not a figure or a time ("by 5%", "by Friday")."""
    if doer.pos_ == "NUM":
        return doer.lower_ == "one" and any(c.lower_ == "of" for c in doer.children)
    return doer.pos_ in ("NOUN", "PROPN") and doer.ent_type_ not in ("DATE", "TIME", "PERCENT", "MONEY", "QUANTITY")


# Nouns English treats as plural without an "s": "the police have".
_PLURAL_NOUNS = frozenset("police people cattle".split())


def _plural(doer: Token) -> bool:
    plural = doer.tag_ in ("NNS", "NNPS") or doer.lower_ in _PLURAL_NOUNS
    return plural or any(c.dep_ == "conj" for c in doer.children)


def _active_verbs(auxes: list[Token], adverbs: list[Token], verb: Token, plural: bool) -> str | None:
    """The verb group in the active voice, agreeing with the doer.

    "have been announced" -> "has announced", "are to be considered" -> "is
    to consider", "could be cut" -> "could cut", "was approved" ->
    "approved"; None for a form not turned round ("was not approved").
    """
    from lemminflect import getInflection

    words = [a.lower_ for a in auxes]
    lemma = verb_lemma(verb)
    negation = ["not" for a in auxes if a.dep_ == "neg"]  # "haven't been" -> "have not"
    between = [a.text for a in adverbs]

    def inflect(tag: str) -> str | None:
        forms = getInflection(lemma, tag=tag)
        return forms[0] if forms else None

    modal = next((w for w in words if w in _MODALS), None)
    if "being" in words:
        if modal:
            return None  # "may be being ignored": left as it is
        first = "were" if words[0] in _PAST_BE and plural else "was" if words[0] in _PAST_BE else None
        first = first or ("are" if plural else "is")
        group = [first, *negation, *between, inflect("VBG")]
    elif modal:
        perfect = ["have", inflect("VBN")] if "been" in words else [lemma]
        group = [modal, *negation, *between, *perfect]
    elif "to" in words:
        be = ("were" if plural else "was") if words[0] in _PAST_BE else ("are" if plural else "is")
        group = [be, *negation, "to", *between, lemma]
    elif "been" in words:
        have = "had" if words[0] in _PAST_HAVE else ("have" if plural else "has")
        group = [have, *negation, *between, inflect("VBN")]
    elif negation:
        return None
    elif words and words[0] in _PAST_BE:
        group = [*between, inflect("VBD")]
    else:
        group = [*between, inflect("VBP" if plural else "VBZ")]
    if any(w is None for w in group):
        return None
    return " ".join(group)


def _words(tokens: list[Token]) -> str:
    return "".join(t.text_with_ws for t in tokens).strip()


def _lower_first(text: str, first: Token) -> str:
    """The subject moves inside the sentence: "New rules" -> "new rules",
    but "Tony Blair's plan" and "British plans" keep their capital."""
    acronym = first.text.isupper() and len(first.text) > 1
    if first.i == first.sent.start and first.pos_ != "PROPN" and not acronym and not first.ent_type_:
        return text[:1].lower() + text[1:]
    return text


def death_first(sent: Span) -> str | None:
    """A death told in an aside, as the news: "Ann Reid, who has died in Kelso
    aged 88, was the town's first harbour master" is an obituary, and its
    headline is the death ("Ann Reid dies in Kelso aged 88"), not what she
    was. None when the subject of ``sent`` has no such aside.

    Only a death just reported ("has died", no other verb, no adverb:
    "nearly died" is no death, "died in 1950" old news) beside a main clause
    that only says what the person was ("was ...", "is ..."): "X, who has
    died, is to be given a state funeral" tells news of its own.

    >>> from generator.convert.parse import parse_texts
    >>> doc = parse_texts(["Ann Reid, who has died in Kelso aged 88, was the town's first harbour master."])[0]
    >>> death_first(next(doc.sents))
    'Ann Reid has died in Kelso aged 88.'
    >>> death_first(next(parse_texts(["Ann Reid, who lives in Kelso, was the first harbour master."])[0].sents)) is None
    True
    """
    root = sent.root
    describes = root.lemma_ == "be" and any(c.dep_ in ("attr", "acomp") for c in root.children)
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None) if describes else None
    if subject is None or _kept_as_written(sent):
        return None
    # On the name itself, or on the description beside it ("Ann Reid, the poet who has died").
    owners = [subject, *(c for c in subject.children if c.dep_ == "appos")]
    clause = next(
        (c for o in owners for c in o.children if c.dep_ == "relcl" and c.lower_ == "died" and c.i > subject.i),
        None,
    )
    if clause is None or not _just_died(clause):
        return None
    if sent.doc[clause.left_edge.i - 1].text != "," and clause.head == subject:
        return None  # "the man who died": which man, not a death in an aside
    # The name, up to its first comma: without the aside, an age or a description.
    name = []
    for t in subject.subtree:
        if t.i >= clause.left_edge.i or t.is_punct:
            break
        name.append(t)
    rest = [t for t in clause.subtree if t.i > clause.i and not (t.is_punct and t.i == clause.right_edge.i)]
    auxes = [c for c in clause.children if c.dep_ == "aux"]
    text = " ".join(p for p in (_words(name), _words([*auxes, clause]), _words(rest)) if p)
    return re.sub(r" ([,;:])", r"\1", text).rstrip(" ,;:") + "."


def _just_died(clause: Token) -> bool:
    """Whether ``clause`` ("who has died in Kelso aged 88") reports a death
    just now: "has" or "have", the subject "who", and only phrases of where
    and at what age after it; not "who nearly died", "who will die", "who
    died in 1950" or "who has died and been buried"."""
    children = list(clause.children)
    auxes = [c.lower_ for c in children if c.dep_ == "aux"]
    if auxes not in (["has"], ["have"]) or clause.tag_ != "VBN":
        return False
    if not any(c.dep_ == "nsubj" and c.lower_ == "who" for c in children):
        return False
    ages = ("npadvmod", "advcl", "amod", "acomp")
    allowed = {"nsubj", "aux", "prep", "punct", *ages}
    if any(c.dep_ not in allowed for c in children):
        return False
    # "aged 88", "in Kelso", "at his home": an age or a place, never a date.
    others = [c for c in children if c.dep_ in ages]
    if any(c.lower_ != "aged" for c in others):
        return False
    age = {t.i for a in clause.subtree if a.lower_ == "aged" for t in a.subtree}  # "aged 88" reads as a date
    return not any(t.ent_type_ in ("DATE", "TIME") and t.i not in age for t in clause.subtree)


# A standfirst's opening pronoun and what the lead's subject must be to stand for it.
_PRONOUN_KINDS = {"they": ("ORG", "NORP", "GPE"), "he": ("PERSON",), "she": ("PERSON",)}


def named_subject(sent: Span, lead: Span | None) -> str | None:
    """``sent`` with its opening pronoun named from the lead: a feature's
    standfirst ("They may not know how to describe their position ...")
    leaves who "they" are to its lead ("But the Liberal Democrats are
    entering ..."), and a headline cannot. The lead's first subject names
    the pronoun when it is a name of the right kind (a person for "he" or
    "she"; a body, a people or a place for "they"). None otherwise.

    >>> from generator.convert.parse import parse_texts
    >>> first, lead = parse_texts(["They may not know how to describe their party.",
    ...                            "But the Liberal Democrats are entering the campaign in good heart."])
    >>> named_subject(next(first.sents), next(lead.sents))
    'The Liberal Democrats may not know how to describe their party.'
    """
    pronoun = sent[0] if len(sent) else None
    subjects = ("nsubj", "nsubjpass")
    if lead is None or pronoun is None or pronoun.dep_ not in subjects or pronoun.lower_ not in _PRONOUN_KINDS:
        return None
    if _kept_as_written(sent):
        return None
    subject = next((c for c in lead.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.ent_type_ not in _PRONOUN_KINDS[pronoun.lower_]:
        return None
    # A club, a party or a people may be "they" when the lead says so ("the
    # club are", "the Liberal Democrats"); a person is one.
    plural = subject.tag_ in ("NNS", "NNPS") or any(
        c.dep_ in ("aux", "auxpass") and c.lower_ in ("are", "were", "have") for c in lead.root.children
    )
    if (pronoun.lower_ == "they") != plural:
        return None
    name = [t for t in subject.subtree if not t.is_punct]
    if any(t.dep_ in ("relcl", "acl", "appos") for t in name):
        return None  # a subject with a clause of its own: too long to stand in
    text = _words(name)
    return text[:1].upper() + text[1:] + sent.text[len(pronoun.text) :]
