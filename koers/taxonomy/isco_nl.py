"""Dutch names of the ISCO-08 major and sub-major groups (1 and 2 digits).

ESCO 1.2.0 as bundled here names ISCO groups in English only. Koers names the 10 major and
43 sub-major groups in Dutch itself (everyday words, after the Dutch ISCO-08 terms used by
Statbel and CBS); a unit group (4 digits) is shown with the Dutch name of its sub-major group
and its English name, marked as English on the page.
"""

from __future__ import annotations

GROUPS_NL = {
    "0": "Militaire beroepen",
    "1": "Leidinggevenden",
    "2": "Specialisten",
    "3": "Technici en vakspecialisten",
    "4": "Administratieve medewerkers",
    "5": "Dienstverlening en verkoop",
    "6": "Landbouw, bosbouw en visserij",
    "7": "Ambachten en bouw",
    "8": "Bediening van machines, assemblage en transport",
    "9": "Elementaire beroepen",
    "01": "Officieren bij het leger",
    "02": "Onderofficieren bij het leger",
    "03": "Andere militairen",
    "11": "Directeuren, hoge ambtenaren en politici",
    "12": "Administratieve en commerciële managers",
    "13": "Managers productie en gespecialiseerde diensten",
    "14": "Managers horeca, handel en andere diensten",
    "21": "Specialisten wetenschap en techniek",
    "22": "Specialisten gezondheidszorg",
    "23": "Leraren en docenten",
    "24": "Specialisten bedrijfsbeheer en administratie",
    "25": "ICT-specialisten",
    "26": "Specialisten recht, sociaal werk en cultuur",
    "31": "Technici wetenschap en techniek",
    "32": "Paramedische beroepen",
    "33": "Medewerkers bedrijfsbeheer en administratie",
    "34": "Medewerkers recht, sociaal werk en cultuur",
    "35": "ICT-technici",
    "41": "Algemene administratieve medewerkers",
    "42": "Medewerkers klantendienst",
    "43": "Medewerkers boekhouding en logistiek",
    "44": "Andere administratieve medewerkers",
    "51": "Persoonlijke dienstverlening",
    "52": "Verkopers",
    "53": "Verzorgend personeel",
    "54": "Bewaking en beveiliging",
    "61": "Land- en tuinbouwers",
    "62": "Bosbouwers, vissers en jagers",
    "63": "Landbouwers en vissers voor eigen gebruik",
    "71": "Bouwvakkers (geen elektriciens)",
    "72": "Vakmensen metaal en machines",
    "73": "Ambachtslieden en drukkers",
    "74": "Elektriciens en elektronici",
    "75": "Vakmensen voeding, hout, kleding en andere ambachten",
    "81": "Bedieners van machines en installaties",
    "82": "Assembleurs",
    "83": "Chauffeurs en bestuurders van mobiele machines",
    "91": "Schoonmakers en hulpkrachten",
    "92": "Hulpkrachten land-, bos- en visbouw",
    "93": "Hulparbeiders bouw, industrie en transport",
    "94": "Keukenhulpen",
    "95": "Straatverkopers en straatdiensten",
    "96": "Vuilnisophalers en andere eenvoudige beroepen",
}


def isco_group_nl(code: str) -> str:
    """The Dutch name of the code's own group when Koers has one, else of the nearest
    broader group (sub-major, then major); "" for an unknown code."""
    for length in (len(code), 2, 1):
        name = GROUPS_NL.get(code[:length])
        if name:
            return name
    return ""


def has_own_dutch_name(code: str) -> bool:
    return code in GROUPS_NL


def isco_names(code: str, label_en: str) -> dict[str, str]:
    """An ISCO group for pages: ``code``, ``nl`` (Dutch name of the group or of its broader
    group) and ``en`` (the English name, empty when the Dutch one is the group's own)."""
    dutch = isco_group_nl(code)
    return {"code": code, "nl": dutch, "en": "" if dutch and has_own_dutch_name(code) else label_en}
