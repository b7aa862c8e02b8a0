"""The bank of completed reports' first vocabulary of themes (issue 22), seeded into the
editable `bank.Theme` table: data, in English, as the table's names are (like the finding
categories of `methodologies.FINDING_CATEGORIES`).

Two kinds of theme:
- the six Learning Together categories of underlying patterns (SCIE Guide 24, appendix 6;
  `methodologies.FINDING_CATEGORIES`), which a person judges and no word suggests;
- topics of the kind the NSPCC's national case review repository lists its reports by
  (neglect, domestic abuse, mental health, information sharing, non-accidental injury,
  adolescents...), each with the phrases whose use in a report suggests it. A suggestion is
  only that: a person confirms each theme of a report.

A phrase is matched whole and without regard to case; one that ends in "*" matches any ending
("escalat*": escalate, escalation, escalating).
"""

from guidance.methodologies import FINDING_CATEGORIES

# (code, name, phrases that suggest it)
TOPICS = [
    ("neglect", "Neglect", ["neglect", "neglected", "neglectful"]),
    (
        "domestic_abuse",
        "Domestic abuse",
        ["domestic abuse", "domestic violence", "coercive control", "MARAC", "IDVA"],
    ),
    (
        "mental_health",
        "Mental health",
        ["mental health", "depression", "psychosis", "mental illness", "CAMHS"],
    ),
    (
        "substance_misuse",
        "Substance misuse",
        ["substance misuse", "alcohol", "drug use", "heroin", "cannabis", "cocaine"],
    ),
    (
        "information_sharing",
        "Information sharing",
        ["information sharing", "shared information", "information was not shared"],
    ),
    (
        "non_accidental_injury",
        "Non-accidental injury",
        ["non-accidental injury", "non accidental injury", "bruising", "fracture*"],
    ),
    ("sexual_abuse", "Sexual abuse", ["sexual abuse", "sexually abused", "sexual assault"]),
    (
        "exploitation",
        "Child sexual and criminal exploitation",
        ["exploitation", "exploited", "county lines", "grooming"],
    ),
    ("adolescents", "Adolescents", ["adolescent*", "teenager*"]),
    (
        "disability",
        "Disabled children and adults",
        ["disabled", "disability", "learning disabilit*", "autism", "autistic"],
    ),
    ("self_neglect", "Self-neglect", ["self-neglect", "self neglect", "hoarding"]),
    (
        "sudden_infant_death",
        "Sudden unexpected death in infancy",
        ["sudden unexpected death", "safe sleep", "co-sleeping", "co-slept"],
    ),
    ("suicide_self_harm", "Suicide and self-harm", ["suicide", "self-harm", "self harm"]),
    ("voice_of_the_child", "Voice of the child", ["voice of the child", "child's voice"]),
    ("escalation", "Escalation and challenge", ["escalat*", "professional challenge"]),
    (
        "professional_curiosity",
        "Professional curiosity",
        ["professional curiosity", "curiosity"],
    ),
]

# (code, name, phrases): the categories first, as the library lists them.
THEMES = [(code, name, []) for code, name in FINDING_CATEGORIES] + TOPICS
