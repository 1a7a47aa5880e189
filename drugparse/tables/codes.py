"""Coded values of ``{{Infobox drug}}`` and ``{{Chembox}}`` fields, decoded.

Legal status: the ``legal_XX`` parameters take one of a list of codes per country or
institute (Template:Infobox drug/doc, "Legal status"; Template:Infobox drug/legal status,
whose ``#switch`` per country shows each code with its meaning, input case-insensitive:
``s4``/``schedule 4`` -> "Schedule 4 (Prescription only)"). The meanings are the
regulators' own terms: Australia's Poisons Standard (SUSMP), Brazil's ANVISA Portaria
SVS/MS 344/1998 lists, Canada's Controlled Drugs and Substances Act schedules, Germany's
Betäubungsmittelgesetz Anlagen, New Zealand's Misuse of Drugs Act 1975 classes and
Medicines Act 1981 classes, the UK's Human Medicines Regulations 2012 (GSL/P/POM), Misuse of
Drugs Regulations 2001 schedules (CD Lic = Schedule 1 ... CD Inv = Schedule 5) and Misuse
of Drugs Act 1971 classes, the US Controlled Substances Act schedules, the UN Single
Convention on Narcotic Drugs (1961) and Convention on Psychotropic Substances (1971).

Pregnancy: ``pregnancy_AU`` takes the TGA's categories (A, B1, B2, B3, C, D, X; the
template links each to "Prescribing medicines in pregnancy database").

Codes are compared folded (:func:`fold`): lower case, spaces collapsed, ``℞`` as ``rx``,
``rx only`` as ``rx-only``, arabic schedule numbers as roman ones where the scheme is
roman. A value not in a table is kept without a meaning.
"""

from __future__ import annotations

import re

__all__ = ["LEGAL_STATUSES", "PREGNANCY_AU", "fold", "legal_meaning"]

_ROMAN = {"1": "i", "2": "ii", "3": "iii", "4": "iv", "5": "v", "6": "vi", "7": "vii", "8": "viii"}

_PRESCRIPTION = {"rx-only": "prescription only", "otc": "over the counter"}


def _schedules(prefix: str, meaning: str, count: int) -> dict[str, str]:
    """``schedule i`` ... in roman numerals: ``{"schedule ii": "... Schedule II"}``."""
    numerals = list(_ROMAN.values())[:count]
    return {f"{prefix} {n}": f"{meaning} Schedule {n.upper()}" for n in numerals}


#: Country or institute (the ``XX`` of ``legal_XX``) -> folded code -> meaning.
LEGAL_STATUSES: dict[str, dict[str, str]] = {
    "AU": {
        "unscheduled": "unscheduled",
        "s2": "Schedule 2 (Pharmacy medicine)",
        "s3": "Schedule 3 (Pharmacist only medicine)",
        "s4": "Schedule 4 (Prescription only medicine)",
        "s5": "Schedule 5 (Caution)",
        "s6": "Schedule 6 (Poison)",
        "s7": "Schedule 7 (Dangerous poison)",
        "s8": "Schedule 8 (Controlled drug)",
        "s9": "Schedule 9 (Prohibited substance)",
        "s10": "Schedule 10 (Prohibited in therapeutic goods)",
        **_PRESCRIPTION,
    },
    "BR": {
        "otc": "over the counter",
        "rx-only": "prescription only",
        "a1": "Class A1 (Narcotic drugs)",
        "a2": "Class A2 (Narcotic drugs permitted only in special concentrations)",
        "a3": "Class A3 (Psychoactive drugs)",
        "b1": "Class B1 (Psychoactive drugs)",
        "b2": "Class B2 (Anorexigenic psychoactive drugs)",
        "c1": "Class C1 (Other controlled substances)",
        "c2": "Class C2 (Retinoids)",
        "c3": "Class C3 (Immunosuppressants)",
        "c4": "Class C4 (Antiretrovirals)",
        "c5": "Class C5 (Anabolic steroids)",
        "d1": "Class D1 (Drug precursors)",
        "d2": "Class D2 (Chemical precursors)",
        "e": "Class E (Plants that can originate narcotic or psychoactive substances)",
        "f1": "Class F1 (Prohibited narcotics)",
        "f2": "Class F2 (Prohibited psychoactive substances)",
        "f3": "Class F3 (Prohibited precursors)",
        "f4": "Class F4 (Other prohibited substances)",
    },
    "CA": {
        "unscheduled": "unscheduled",
        **_PRESCRIPTION,
        **_schedules("schedule", "Controlled Drugs and Substances Act", 8),
    },
    "DE": {
        "unscheduled": "unscheduled",
        **_PRESCRIPTION,
        "anlage i": "Anlage I (Betäubungsmittelgesetz: not authorized for trade)",
        "anlage ii": (
            "Anlage II (Betäubungsmittelgesetz: authorized for trade only, not prescriptible)"
        ),
        "anlage iii": "Anlage III (Betäubungsmittelgesetz: special prescription form required)",
    },
    "NZ": {
        "unscheduled": "unscheduled",
        **_PRESCRIPTION,
        "class a": "Class A (Misuse of Drugs Act: very high risk of harm)",
        "class b": "Class B (Misuse of Drugs Act: high risk of harm)",
        "class c": "Class C (Misuse of Drugs Act: moderate risk of harm)",
        "prescription only": "prescription only",
        "restricted": "restricted medicine (pharmacist only)",
        "pharmacy only": "pharmacy only",
        "general sale": "general sale",
    },
    "UK": {
        "gsl": "General sales list",
        "p": "Pharmacy medicine",
        "pom": "Prescription only medicine",
        "cd": "Controlled drug",
        "cd lic": "Controlled drug, Schedule 1 (licence required)",
        "cd pom": "Controlled drug, Schedule 2, prescription only",
        "cd no reg pom": "Controlled drug, Schedule 3 (no register), prescription only",
        "cd (benz) pom": "Controlled drug, Schedule 4 Part I (benzodiazepines), prescription only",
        "cd (anab) pom": (
            "Controlled drug, Schedule 4 Part II (anabolic steroids), prescription only"
        ),
        "cd inv pom": "Controlled drug, Schedule 5 (invoice), prescription only",
        "cd inv p": "Controlled drug, Schedule 5 (invoice), pharmacy medicine",
        "class a": "Class A (Misuse of Drugs Act 1971)",
        "class b": "Class B (Misuse of Drugs Act 1971)",
        "class c": "Class C (Misuse of Drugs Act 1971)",
        "psa": "Psychoactive Substances Act 2016",
        **_PRESCRIPTION,
    },
    "US": {
        "unscheduled": "unscheduled",
        **_PRESCRIPTION,
        **_schedules("schedule", "Controlled Substances Act", 5),
    },
    "EU": {**_PRESCRIPTION},
    "UN": {
        "unscheduled": "unscheduled",
        **_schedules("narcotic schedule", "Single Convention on Narcotic Drugs", 4),
        **_schedules("psychotropic schedule", "Convention on Psychotropic Substances", 4),
    },
}

#: ``pregnancy_AU``: the TGA's pregnancy categories, in the TGA's words, shortened.
PREGNANCY_AU: dict[str, str] = {
    "a": "taken by many pregnant women without an increase in malformations or harm",
    "b1": "few data in pregnancy; animal studies show no increase in fetal damage",
    "b2": "few data in pregnancy; animal studies inadequate or lacking",
    "b3": "few data in pregnancy; animal studies show an increase in fetal damage",
    "c": "may cause harmful, reversible, non-malformative effects on the fetus",
    "d": "has caused or may cause an increase in malformations or irreversible damage",
    "x": "high risk of permanent fetal damage: contraindicated in pregnancy",
}

_SPACES = re.compile(r"\s+")
_SCHEDULE_NUMBER = re.compile(r"\b(schedule) ([1-8])\b")


def fold(code: str) -> str:
    """``" Rx only "`` -> ``"rx-only"``; ``"Schedule 2"`` -> ``"schedule ii"``."""
    folded = _SPACES.sub(" ", code.replace("℞", "rx")).strip(" .;,").lower()
    folded = re.sub(r"^(?:rx|prescription)[ -]?only$", "rx-only", folded)
    folded = re.sub(r"^(?:otc|over[ -]the[ -]counter)$", "otc", folded)
    return _SCHEDULE_NUMBER.sub(lambda m: f"{m[1]} {_ROMAN[m[2]]}", folded)


_AU_SCHEDULE = re.compile(r"^(?:schedule ([0-9]+|[ivx]+))$")
_ROMAN_TO_ARABIC = {roman: arabic for arabic, roman in _ROMAN.items()} | {"ix": "9", "x": "10"}


def legal_meaning(country: str, status: str) -> str | None:
    """The meaning of a ``legal_XX`` value: one code, or several joined by ``/``, ``,``,
    ``;`` or "and" (each decoded, meanings joined by ``; ``); None when any is unknown."""
    table = LEGAL_STATUSES.get(country)
    if table is None:
        return None
    meanings = []
    for part in re.split(r"\s*(?:[/,;]|\band\b)\s*", status):
        if not part.strip():
            continue
        code = fold(part)
        if country == "AU" and (match := _AU_SCHEDULE.match(code)):
            code = "s" + _ROMAN_TO_ARABIC.get(match[1], match[1])
        meaning = table.get(code)
        if meaning is None:
            return None
        meanings.append(meaning)
    return "; ".join(meanings) or None
