"""Names of the NACE Rev. 2 sections (the letters in Statbel's and Koers's sector figures),
in Dutch (as Statbel publishes them, shortened where long) and English."""

from __future__ import annotations

SECTIONS = {
    "A": ("Landbouw, bosbouw en visserij", "Agriculture, forestry and fishing"),
    "B": ("Winning van delfstoffen", "Mining and quarrying"),
    "C": ("Industrie", "Manufacturing"),
    "D": ("Energie (elektriciteit, gas, stoom)", "Electricity, gas, steam and air conditioning"),
    "E": ("Water, afval en sanering", "Water supply, sewerage and waste"),
    "F": ("Bouwnijverheid", "Construction"),
    "G": ("Groot- en detailhandel, reparatie van auto's", "Wholesale and retail trade, car repair"),
    "H": ("Vervoer en opslag", "Transportation and storage"),
    "I": ("Horeca", "Accommodation and food service"),
    "J": ("Informatie en communicatie", "Information and communication"),
    "K": ("Financiële activiteiten en verzekeringen", "Financial and insurance activities"),
    "L": ("Vastgoed", "Real estate"),
    "M": ("Vrije beroepen, wetenschap en techniek", "Professional, scientific and technical"),
    "N": ("Administratieve en ondersteunende diensten", "Administrative and support services"),
    "O": ("Openbaar bestuur en defensie", "Public administration and defence"),
    "P": ("Onderwijs", "Education"),
    "Q": ("Gezondheidszorg en welzijn", "Human health and social work"),
    "R": ("Kunst, amusement en recreatie", "Arts, entertainment and recreation"),
    "S": ("Overige diensten", "Other service activities"),
    "T": ("Huishoudens als werkgever", "Households as employers"),
    "U": ("Extraterritoriale organisaties", "Extraterritorial organisations"),
}


def section_name(letter: str, lang: str) -> str:
    """The section's name in ``lang`` ("nl" or "en"); the letter itself when unknown."""
    names = SECTIONS.get(letter.strip().upper())
    if names is None:
        return letter
    return names[0] if lang == "nl" else names[1]
