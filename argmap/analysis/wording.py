"""What a statement's words alone show: clauses, questions, denials, negation and antonyms."""

from __future__ import annotations

import re
from collections.abc import Iterable, Set
from typing import Final

__all__ = [
    "ANTONYMS",
    "DENIAL_WORDS",
    "INFERENCE_WORDS",
    "NEGATIONS",
    "bare_denial",
    "content_stems",
    "counted",
    "has_clause",
    "is_question",
    "listed",
    "negates",
    "overlap",
    "similarity",
    "split_reason",
    "stem",
    "words",
]

_WORD: Final = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")

FINITE: Final = frozenset(
    {"is", "are", "was", "were", "will", "would", "can", "could", "should", "must", "may",
     "might", "has", "have", "had", "does", "do", "did", "cannot", "isn't", "aren't", "wasn't",
     "weren't", "won't", "can't", "doesn't", "don't", "didn't", "hasn't", "haven't", "shall",
     "wouldn't", "couldn't", "shouldn't", "it's", "they're", "we're", "there's"}
)  # fmt: skip
"""Auxiliaries and modals: a clause has one, or a verb of :data:`VERBS`."""

VERBS: Final = frozenset(
    {"makes", "make", "gives", "give", "helps", "help", "reduces", "reduce", "increases",
     "increase", "causes", "cause", "costs", "cost", "saves", "save", "means", "mean", "shows",
     "show", "leads", "lead", "creates", "create", "improves", "improve", "lowers", "lower",
     "raises", "raise", "harms", "harm", "hurts", "hurt", "builds", "build", "takes", "take",
     "gets", "get", "needs", "need", "wants", "want", "says", "say", "said", "protects",
     "protect", "prevents", "prevent", "allows", "allow", "keeps", "keep", "brings", "bring",
     "drives", "drive", "supports", "support", "opposes", "oppose", "stops", "stop", "lets",
     "works", "work", "fails", "fail", "rose", "fell", "grew", "became", "become", "becomes",
     "goes", "go", "went", "comes", "come", "came", "looks", "seems", "seem", "depends",
     "depend", "matters", "matter", "learn", "learns", "spend", "spends", "pay", "pays", "win",
     "wins", "lose", "loses", "waste", "wastes", "distract", "distracts", "sleep", "sleeps",
     "knows", "know", "think", "thinks", "feel", "feels", "like", "likes", "hate", "hates",
     "use", "uses", "earn", "earns", "rely", "relies", "blames", "blame", "protests",
     "threatens", "backs", "sides", "belongs", "plays", "gains", "rewards", "warns"}
)  # fmt: skip
"""Common verbs that make a clause of their own (a small list, tuned against false alarms)."""

SUBJECTS: Final = frozenset(
    {"i", "you", "he", "she", "it", "we", "they", "this", "these", "those", "there",
     "everyone", "nobody", "people", "students", "pupils", "teachers", "parents"}
)  # fmt: skip
"""Words that start a clause with a subject of its own."""

_DETERMINERS: Final = frozenset(
    {"the", "a", "an", "this", "that", "its", "their", "his", "her", "our", "my", "your",
     "some", "many", "no", "every", "each"}
)  # fmt: skip

DENIAL_WORDS: Final = frozenset(
    {"not", "no", "never", "none", "nothing", "cannot", "isn't", "aren't", "doesn't", "don't",
     "won't", "wasn't", "weren't", "can't", "hasn't", "haven't", "didn't", "false", "untrue",
     "wrong", "mistaken", "incorrect", "nonsense", "rubbish", "disagree", "invalid", "flawed",
     "it", "is", "was", "true", "that", "this", "so", "the", "a", "an", "i", "we", "think",
     "objection", "claim", "argument", "point", "premise", "reason", "rebuttal", "just",
     "simply", "completely", "totally", "entirely", "really", "all", "at", "case", "does",
     "do", "hold", "agree", "be", "to", "of", "right", "correct", "valid", "makes", "sense",
     "idea", "statement", "silly", "bad", "good", "yes", "but", "and", "also", "that's",
     "it's", "you", "are", "here", "there", "obviously", "clearly", "ridiculous", "stupid",
     "absurd", "agreed", "nope", "accurate", "inaccurate", "fact", "facts"}
)  # fmt: skip
"""Words that say only that something is wrong (or right): a bare denial has no others."""

NEGATIONS: Final = frozenset(
    {"not", "no", "never", "none", "nothing", "cannot", "isn't", "aren't", "doesn't", "don't",
     "won't", "wasn't", "weren't", "can't", "hasn't", "haven't", "didn't", "false", "untrue",
     "neither", "nor", "without", "fail", "fails", "failed"}
)  # fmt: skip

ANTONYMS: Final = {
    pair[1]: pair[0]
    for pair in (
        ("increase", "decrease"), ("increase", "reduce"), ("increase", "lower"),
        ("raise", "lower"), ("more", "less"), ("more", "fewer"), ("good", "bad"),
        ("cheap", "expensive"), ("safe", "dangerous"), ("help", "harm"), ("help", "hurt"),
        ("improve", "worsen"), ("high", "low"), ("higher", "lower"), ("strong", "weak"),
        ("true", "false"), ("rise", "fall"), ("gain", "lose"), ("win", "lose"),
        ("success", "failure"), ("succeed", "fail"), ("easy", "hard"), ("easy", "difficult"),
        ("benefit", "harm"), ("allow", "forbid"), ("allow", "ban"), ("include", "exclude"),
        ("accept", "reject"), ("support", "oppose"), ("agree", "disagree"), ("fair", "unfair"),
        ("healthy", "unhealthy"), ("possible", "impossible"), ("necessary", "unnecessary"),
        ("effective", "ineffective"), ("legal", "illegal"), ("friend", "enemy"),
        ("peace", "war"), ("love", "hate"), ("always", "never"), ("all", "none"),
        ("many", "few"), ("most", "least"), ("best", "worst"), ("better", "worse"),
        ("early", "late"), ("new", "old"), ("rich", "poor"), ("open", "close"),
        ("same", "different"), ("should", "shouldn't"),
    )
}  # fmt: skip
"""A word -> its standard antonym's pair head, so "reduce" and "increase" compare equal."""

INFERENCE_WORDS: Final = frozenset(
    {"show", "shows", "showed", "shown", "prove", "proves", "proved", "follow", "follows",
     "imply", "implies", "mean", "means", "explain", "explains", "explained", "evidence",
     "irrelevant", "relevant", "even", "enough", "compatible", "alternative", "other",
     "otherwise", "fit", "fits", "link", "connection", "support", "supports", "tell", "tells",
     "indicate", "indicates", "suggest", "suggests", "establish", "establishes", "sample",
     "coincidence", "correlation", "cause", "caused", "because", "reason", "reasons",
     "account", "accounts", "inference", "conclusion", "conclude", "generalise",
     "generalize", "representative", "unrepresentative", "anecdote", "anecdotal", "only",
     "just", "whether", "which", "why", "instead", "rather", "also", "too", "same", "apply",
     "applies", "count", "counts", "case", "cases", "biased", "bias", "outdated", "old"}
)  # fmt: skip
"""Words that talk about an inference (what shows what), as an undercutter does."""

STOPWORDS: Final = frozenset(
    {"the", "a", "an", "of", "to", "in", "on", "at", "for", "by", "with", "from", "and", "or",
     "but", "is", "are", "was", "were", "be", "been", "it", "its", "this", "that", "these",
     "those", "as", "than", "then", "so", "their", "they", "them", "there", "has", "have",
     "had", "will", "would", "can", "could", "should", "must", "may", "might", "do", "does",
     "did", "our", "we", "us", "you", "your", "he", "she", "his", "her", "i", "my", "which",
     "who", "what", "when", "while", "if", "into", "about", "also", "more", "most", "very",
     "all", "any", "some", "such", "own", "other", "only", "just", "not", "no"}
)  # fmt: skip

_QUESTION_START: Final = frozenset(
    {"is", "are", "was", "were", "does", "do", "did", "can", "could", "should", "would",
     "will", "why", "how", "what", "who", "which", "whether", "isn't", "aren't", "doesn't",
     "don't", "shouldn't"}
)  # fmt: skip

_SENTENCE: Final = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“(]?[A-Z0-9])")
_JOINER: Final = re.compile(r"(?:,\s*|\s)(and|but|while|whereas|yet)\s", re.IGNORECASE)


def words(text: str) -> list[str]:
    """The words of a text, lower case, with curly apostrophes made straight."""
    return [w.replace("\u2019", "'") for w in _WORD.findall(text.lower())]


def stem(word: str) -> str:
    """A crude stem: a plural, past or -ing ending cut, so "reduces" matches "reduce"."""
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            return word[: -len(suffix)]
    return word


def content_stems(text: str, *, antonyms: bool = False, denials: bool = False) -> set[str]:
    """The stems of a text's content words (stop words and negations left out).

    With ``antonyms``, each word of a standard antonym pair stands for the pair, so a
    claim and its antonym share their stems; with ``denials``, words that only deny or
    affirm ("wrong", "true", "claim") are left out too.
    """
    out: set[str] = set()
    for word in words(text):
        if word in STOPWORDS or word in NEGATIONS or (denials and word in DENIAL_WORDS):
            continue
        if antonyms:
            word = ANTONYMS.get(word, word)
        out.add(stem(word))
    return out


def overlap(a: Set[str], b: Set[str]) -> float:
    """How much of the smaller set the other holds (0 when either is empty)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def similarity(a: Set[str], b: Set[str]) -> float:
    """Shared stems over all stems of the two (Jaccard); 0 when either is empty."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def negates(text: str, other: str) -> bool:
    """Whether ``text`` says ``other`` with a negation or an antonym the other lacks."""
    mine, theirs = set(_asserted(text)), set(_asserted(other))
    if (mine & NEGATIONS) - theirs or (theirs & NEGATIONS) - mine:
        return True
    flipped = {w for w in mine if w in ANTONYMS or w in ANTONYMS.values()}
    return any(
        w not in theirs and (ANTONYMS.get(w, w) in {ANTONYMS.get(t, t) for t in theirs})
        for w in flipped
    )


def _asserted(text: str) -> list[str]:
    """A text's words as it asserts them: "why not X?" asks for X, it does not deny it."""
    return words(re.sub(r"(?i)^\s*why not\b", "", text))


def _verbish(tokens: list[str], i: int) -> bool:
    word = tokens[i]
    if word in FINITE or word in VERBS:
        return True
    previous = tokens[i - 1] if i else ""
    return word.endswith("ed") and len(word) > 4 and previous not in _DETERMINERS


def has_clause(text: str) -> bool:
    """Whether a stretch of text holds a finite clause: a verb, or a subject starting it."""
    tokens = words(text)
    if len(tokens) < 2:
        return False
    if tokens[0] in SUBJECTS and len(tokens) >= 2:
        return any(_verbish(tokens, i) for i in range(1, len(tokens))) or len(tokens) >= 3
    return any(_verbish(tokens, i) for i in range(len(tokens)))


def _sentences(text: str) -> list[str]:
    return [part for part in _SENTENCE.split(text.strip()) if part.strip()]


def split_reason(text: str) -> str | None:
    """Say how ``text`` joins two claims, or return None.

    Two sentences (of three words or more, each with a verb), or a semicolon between two
    clauses; or ``and``, ``but``, ``while``, ``whereas`` or ``yet`` between two clauses
    of three words or more, each
    with a verb of its own ("Uniforms are cheap and they reduce bullying"). A list
    ("cost, comfort and safety") or a compound subject ("Russia and China share a border")
    has no second verb, so it passes. A colon is left alone: what follows one most often
    spells out the claim before it rather than adding a second.

    >>> split_reason("Uniforms are cheap. They also reduce bullying.")
    'two sentences'
    >>> split_reason("Russia and China share a long border.") is None
    True
    """
    sentences = _sentences(text)
    full = [s for s in sentences if len(words(s)) >= 4 or (len(words(s)) >= 3 and has_clause(s))]
    if len(full) > 1:
        return "two sentences"
    for mark, name in ((";", "a semicolon"),):
        if mark in text:
            head, _, tail = text.partition(mark)
            long_enough = len(words(head)) >= 3 and len(words(tail)) >= 3
            if long_enough and has_clause(head) and has_clause(tail) and not _is_list(tail):
                return f"two clauses joined by {name}"
    for match in _JOINER.finditer(text):
        head, tail = text[: match.start()], text[match.end() :]
        tail = re.split(r"[,;:.]", tail)[0] if match.group(1).lower() == "and" else tail
        joiner = match.group(1).lower()
        if joiner == "whereas" and len(words(head)) >= 2 and len(words(tail)) >= 2:
            return "two clauses joined by 'whereas'"  # 'whereas' only ever joins clauses
        if len(words(head)) < 3 or len(words(tail)) < 3:
            continue
        if has_clause(_last_clause(head)) and _starts_clause(tail):
            return f"two clauses joined by '{match.group(1).lower()}'"
    return None


def _last_clause(text: str) -> str:
    """The text after its last comma that leaves three words or more before the joiner."""
    parts = text.split(",")
    tail = parts[-1]
    for part in reversed(parts[:-1]):
        if len(words(tail)) >= 3:
            break
        tail = part + "," + tail
    return tail


def _starts_clause(tail: str) -> bool:
    """Whether the words after a joiner make a clause: a subject and a verb, or a verb first."""
    tokens = words(tail)
    if not tokens:
        return False
    if tokens[0] in SUBJECTS:
        return True
    if tokens[0] in FINITE or tokens[0] in VERBS:
        return True  # a second predicate: "are cheap and reduce bullying"
    return any(_verbish(tokens, i) for i in range(1, min(len(tokens), 5)))


def _is_list(text: str) -> bool:
    """Whether text after a colon is a list of items rather than a clause."""
    return text.count(",") >= 2 and not has_clause(text.split(",")[0])


def is_question(text: str) -> bool:
    """Whether a statement is written as a question (a claim should assert something)."""
    stripped = text.strip().rstrip('"”’)')
    if stripped.endswith("?"):
        return True
    tokens = words(stripped)
    return bool(tokens) and tokens[0] in _QUESTION_START and not stripped.endswith((".", "!"))


def bare_denial(text: str) -> bool:
    """Whether ``text`` only denies (or affirms) something, giving no reason of its own.

    Its words, less stop words and denial words ("not", "wrong", "that is false"...),
    leave nothing: "That is wrong", "Not true", "The claim is false". (A text that
    repeats its target with a "not" restates it instead: see ``restated-objection``.)
    """
    tokens = words(text)
    return bool(tokens) and not content_stems(text, denials=True)


def listed(items: Iterable[str]) -> str:
    """Join a few words: ``a, b and c`` (one alone as it is)."""
    said = list(items)
    return said[0] if len(said) == 1 else ", ".join(said[:-1]) + " and " + said[-1]


def counted(items: Iterable[str]) -> str:
    """Join a few words for a message: ``'a', 'b' and 'c'``."""
    return listed(f"'{item}'" for item in items)
