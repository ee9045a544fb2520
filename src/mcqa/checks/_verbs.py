"""Action verbs of Bloom's revised taxonomy, and verbs that cannot be observed.

The six levels of the revised taxonomy (Anderson and Krathwohl, 2001) are
``remember``, ``understand``, ``apply``, ``analyze``, ``evaluate`` and
``create``. Each level here has a set of verbs that describe something a
learner visibly does at that level; a verb may belong to more than one level
(``compare`` is used both to understand and to analyze). The lists are the
project's own selection of verbs in common use in outcome-writing guides.

Many observable verbs of technical and trade fields (``import``, ``refactor``,
``weld``, ``calibrate``, ``triage``, ...) belong to no level: they are in
:data:`FIELD_VERBS`. British spellings (``analyse``, ``organise``,
``summarise``, ``practise``, ``visualise``) are added automatically.

What cannot be observed is listed too: verbs such as ``understand``
(:data:`UNMEASURABLE_VERBS`) and nouns such as ``knowledge`` or
``proficiency`` that wrap a state of mind or a level of skill
(:data:`STATE_NOUNS`).

>>> levels_of("summarise")
('understand',)
>>> levels_of("compare")
('understand', 'analyze')
>>> levels_of("know")
()
>>> "weld" in FIELD_VERBS and "visualise" in FIELD_VERBS
True
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from types import MappingProxyType

__all__ = [
    "ACQUIRING_VERBS",
    "BLOOM_LEVELS",
    "BLOOM_VERBS",
    "CAPACITY_NOUNS",
    "FIELD_VERBS",
    "STATE_NOUNS",
    "SUGGESTED_VERBS",
    "UNMEASURABLE_VERBS",
    "VERB_FORMS",
    "all_action_verbs",
    "british_variants",
    "known_verbs",
    "levels_of",
    "suggestions_for",
]

#: Bloom's revised taxonomy, lowest level first.
BLOOM_LEVELS: tuple[str, ...] = ("remember", "understand", "apply", "analyze", "evaluate", "create")

_US_VERBS: dict[str, str] = {
    "remember": """
        arrange cite count define duplicate enumerate find identify indicate label list
        locate match memorize name quote recall recite recognize record repeat reproduce
        retrieve select state tabulate tell
    """,
    "understand": """
        associate characterize clarify classify compare contrast convert describe discuss
        distinguish estimate exemplify explain express extend extrapolate generalize give
        illustrate infer interpret outline paraphrase predict relate report rephrase
        represent restate review summarize translate
    """,
    "apply": """
        adapt administer apply calculate carry chart collaborate collect communicate complete
        compute conduct configure coordinate demonstrate deploy determine dramatize employ
        execute facilitate follow handle implement install interview lead manage manipulate
        measure model modify navigate negotiate operate perform practice prepare present
        process run schedule set show simulate sketch solve teach transfer use utilize
    """,
    "analyze": """
        analyze attribute audit break categorize compare contrast correlate debug
        deconstruct detect diagnose diagram differentiate discriminate dissect distinguish
        examine experiment infer inspect investigate map organize outline prioritize query
        question relate research separate structure subdivide survey test trace troubleshoot
    """,
    "evaluate": """
        appraise argue assess check choose conclude critique criticize decide defend
        evaluate grade judge justify measure monitor prioritize rank rate recommend reflect
        score select support test validate verify weigh
    """,
    "create": """
        assemble author build code combine compile compose construct create design develop
        devise draft formulate generate hypothesize integrate invent make originate plan
        produce program propose prototype rearrange reconstruct reorganize revise rewrite
        synthesize write
    """,
}

_EXTRA_BRITISH = {
    "practice": "practise",
    "program": "programme",
    "catalog": "catalogue",
    "color": "colour",
    "enroll": "enrol",
    "counsel": "counsel",
}


def british_variants(verbs: Iterable[str]) -> set[str]:
    """``verbs`` with their British spellings added.

    >>> sorted(british_variants(["analyze", "organize", "size"]))
    ['analyse', 'analyze', 'organise', 'organize', 'size']
    """
    out: set[str] = set()
    for verb in verbs:
        out.add(verb)
        if verb.endswith("yze"):
            out.add(verb[:-3] + "yse")
        elif verb.endswith("ize") and len(verb) > 5:
            out.add(verb[:-3] + "ise")
        if verb in _EXTRA_BRITISH:
            out.add(_EXTRA_BRITISH[verb])
    return out


#: Action verbs by level (read-only).
BLOOM_VERBS: Mapping[str, frozenset[str]] = MappingProxyType(
    {level: frozenset(british_variants(_US_VERBS[level].split())) for level in BLOOM_LEVELS}
)

_FIELD_VERBS = """
    accept access account achieve act activate adjust adopt advise advocate aggregate align
    adhere allocate alter amend animate annotate answer anticipate approve archive
    articulate ask assign
    assist attach authenticate authorize automate back bake balance bandage benchmark bill
    bind blend book brainstorm brand brew brief browse budget calibrate call capture carve
    care cast catalog certify chair change clean clear clip close cluster coach collate color
    comment commission comply compress confirm conform connect consolidate consult contact
    contain
    containerize contribute control convey cook copy correct cost counsel craft crop curate
    customize cut deal debate debrief decode decommission decrypt deduce deduct delegate
    delete
    deliver derive digitize direct disassemble dismantle dispatch dispense disinfect
    display dispose distribute divide document download drain draw dress drill drive edit
    educate elicit email embed enable encode encrypt enforce engage engineer enroll ensure
    enter equip erect escalate establish evacuate exercise export extract fabricate feed
    fetch file fill filter finalize fit fix flag format forecast forward frame gather greet
    grind groom grow guide harvest hire host identify import improve improvise incorporate
    increase index induct enhance expand strengthen cultivate
    inform initiate inject input insert install instruct insulate interact inventory
    invoice irrigate isolate iterate itemize join launch lay level license lift link listen
    load lock log lubricate machine maintain mark market mediate mentor merge migrate mill
    minimize mitigate mix mock moderate mount move network normalize notify nurse observe
    obtain onboard open optimize order orient overcome pack package paint parse participate
    partition pass patch pay photograph pilot pipe pitch place plant plaster plot plumb
    polish
    populate position post price print procure profile promote proofread protect provide
    provision prune publish purchase push quantify raise react reason rebuild receive
    reconcile
    recruit redesign reduce refactor refer refine register regulate rehearse reinstall
    release remediate remove render renovate repair replace replicate reply request rescue
    reset
    resolve respond restore restructure return reuse rewire rig route sample sand sanitize
    save scale screen script search secure segment sell sequence serve service sew shape
    share solder sort source specify splice spray stabilize stage standardize steer
    sterilize stock store streamline submit suggest supervise supply sustain tag track train
    transcribe transform transport treat triage trim troubleshoot tune type undertake update
    upgrade upload validate version virtualize visualize volunteer weld wire wireframe
    read take titrate pipette centrifuge incubate grout tile caulk glaze varnish
    wallpaper rivet bolt fasten glue hammer forge sculpt mould mold weave knit stitch
    embroider hem upholster style choreograph bleed chop slice fry roast grill boil
    fillet shear milk plough plow sow
"""

#: Observable verbs of technical, trade and professional fields that belong to no
#: Bloom level (``import``, ``refactor``, ``weld``, ``triage``, ...).
FIELD_VERBS: frozenset[str] = frozenset(british_variants(_FIELD_VERBS.split()))

#: Forms of listed verbs that the lemmatiser does not bring back to the verb: it
#: reads many ``-ing`` forms as nouns ("handling", "writing") and a few forms as
#: another spelling ("developed" as "develope"). Only forms whose verb reading
#: is the usual one at the start of an outcome are here ("Writing tests"); an
#: ``-ing`` form that mostly names a field or a thing ("Marketing", "Nursing",
#: "Programming") is left a noun. Every other form is left to the lemmatiser.
VERB_FORMS: Mapping[str, str] = MappingProxyType(
    {
        "analyses": "analyse",
        "attaches": "attach",
        "baking": "bake",
        "benchmarking": "benchmark",
        "brainstorming": "brainstorm",
        "brewing": "brew",
        "building": "build",
        "carving": "carve",
        "clipping": "clip",
        "coding": "code",
        "counseling": "counsel",
        "counselling": "counsel",
        "crafted": "craft",
        "cutting": "cut",
        "determining": "determine",
        "developed": "develop",
        "drawing": "draw",
        "encoding": "encode",
        "exemplified": "exemplify",
        "exemplifies": "exemplify",
        "exemplifying": "exemplify",
        "feeding": "feed",
        "filling": "fill",
        "finding": "find",
        "fitting": "fit",
        "fixed": "fix",
        "fixes": "fix",
        "fixing": "fix",
        "following": "follow",
        "gathering": "gather",
        "grading": "grade",
        "handling": "handle",
        "harvesting": "harvest",
        "indexing": "index",
        "labelled": "label",
        "labelling": "label",
        "mapping": "map",
        "mixed": "mix",
        "mixes": "mix",
        "mixing": "mix",
        "modelled": "model",
        "modelling": "model",
        "programmed": "program",
        "restructuring": "restructure",
        "sampling": "sample",
        "scaling": "scale",
        "serving": "serve",
        "setting": "set",
        "tracing": "trace",
        "undertaking": "undertake",
        "writing": "write",
    }
)

#: The classic verbs and phrases that name a state of mind rather than something
#: a learner does, so an assessor cannot observe them.
UNMEASURABLE_VERBS: tuple[str, ...] = (
    "understand",
    "know",
    "learn",
    "appreciate",
    "be aware of",
    "become aware of",
    "be familiar with",
    "become familiar with",
    "be acquainted with",
    "become acquainted with",
    "be exposed to",
    "be introduced to",
    "comprehend",
    "realize",
    "realise",
    "grasp",
    "gain knowledge of",
    "gain an understanding of",
    "gain an appreciation of",
    "develop an understanding of",
    "develop an appreciation of",
    "have knowledge of",
    "have an understanding of",
    "believe",
    "internalize",
    "internalise",
    "become",
    "master",
    "feel",
    "enjoy",
    "be proficient in",
    "become proficient in",
    "be competent in",
    "become competent in",
    "be comfortable with",
    "become comfortable with",
    "be confident in",
    "become confident in",
    "be knowledgeable about",
    "become knowledgeable about",
    "be skilled in",
    "be conversant with",
)

#: Nouns that, opening an outcome, name a state of mind, a level of skill or
#: something learners receive ("knowledge of", "proficiency in", "exposure to")
#: rather than something they do.
STATE_NOUNS: tuple[str, ...] = (
    "knowledge",
    "understanding",
    "comprehension",
    "awareness",
    "appreciation",
    "familiarity",
    "acquaintance",
    "exposure",
    "insight",
    "insights",
    "grasp",
    "sense",
    "confidence",
    "proficiency",
    "competence",
    "competency",
    "competencies",
    "expertise",
    "mastery",
    "skill",
    "skills",
    "ability",
    "abilities",
    "capability",
    "capabilities",
    "capacity",
    "experience",
    "literacy",
    "fluency",
    "grounding",
    "background",
    "foundation",
    "foundations",
    "overview",
    "introduction",
)

#: State nouns that, followed by "to" and a verb, say what learners can do
#: ("the ability to plan a study", "the skills to debug code").
_CAPACITY_NOUNS = """
    ability abilities capability capabilities capacity capacities skill skills
    competence competency competencies knowledge know-how
"""
CAPACITY_NOUNS: frozenset[str] = frozenset(_CAPACITY_NOUNS.split())

#: Verbs that, before a state noun, say a learner comes to have it rather than
#: does something with it ("demonstrate understanding of", "gain experience in").
_ACQUIRING_VERBS = """
    demonstrate show display exhibit develop gain acquire build have possess obtain get
    attain achieve receive deepen broaden expand enhance improve strengthen cultivate
    hone sharpen elevate boost grow increase
"""
ACQUIRING_VERBS: frozenset[str] = frozenset(_ACQUIRING_VERBS.split())

#: Observable verbs to suggest instead of an unmeasurable one, by its first word.
SUGGESTED_VERBS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "understand": ("explain", "summarize", "compare"),
        "comprehend": ("explain", "summarize", "compare"),
        "grasp": ("explain", "summarize", "compare"),
        "realize": ("explain", "describe", "identify"),
        "realise": ("explain", "describe", "identify"),
        "know": ("define", "list", "describe"),
        "be": ("identify", "describe", "explain"),
        "become": ("identify", "describe", "explain"),
        "have": ("define", "describe", "explain"),
        "gain": ("explain", "describe", "apply"),
        "develop": ("explain", "describe", "apply"),
        "learn": ("apply", "demonstrate", "use"),
        "appreciate": ("justify", "assess", "argue"),
        "believe": ("justify", "defend", "argue"),
        "internalize": ("demonstrate", "justify", "apply"),
        "internalise": ("demonstrate", "justify", "apply"),
        "master": ("apply", "perform", "demonstrate"),
        "knowledge": ("define", "describe", "explain"),
        "understanding": ("explain", "summarize", "compare"),
        "comprehension": ("explain", "summarize", "compare"),
        "awareness": ("identify", "describe", "explain"),
        "familiarity": ("identify", "describe", "use"),
        "appreciation": ("justify", "assess", "argue"),
        "insight": ("explain", "analyze", "assess"),
        "insights": ("explain", "analyze", "assess"),
        "confidence": ("perform", "apply", "demonstrate"),
        "feel": ("justify", "describe", "choose"),
        "enjoy": ("choose", "justify", "describe"),
    }
)

_DEFAULT_SUGGESTIONS = ("describe", "explain", "apply")


def suggestions_for(phrase: str) -> tuple[str, ...]:
    """Observable verbs to offer instead of an unmeasurable ``phrase``.

    >>> suggestions_for("be aware of")
    ('identify', 'describe', 'explain')
    """
    words = phrase.lower().split()
    return SUGGESTED_VERBS.get(words[0], _DEFAULT_SUGGESTIONS) if words else _DEFAULT_SUGGESTIONS


def all_action_verbs() -> frozenset[str]:
    """Every verb of every level."""
    return frozenset().union(*BLOOM_VERBS.values())


def known_verbs() -> frozenset[str]:
    """Every observable verb: those of the Bloom levels and :data:`FIELD_VERBS`.

    >>> {"explain", "weld", "deploy"} <= known_verbs()
    True
    """
    return all_action_verbs() | FIELD_VERBS


def levels_of(verb: str) -> tuple[str, ...]:
    """The levels whose lists hold ``verb`` (lower case), lowest first."""
    return tuple(level for level in BLOOM_LEVELS if verb in BLOOM_VERBS[level])
