"""Countries, as the Broker API names a country of tax residence: ISO 3166-1 alpha-3 codes.

Defined once because the exchange (a user's declared country) and the broker (a customer's tax
status, which follows its country) both check them; a code not in the standard is refused with
UNKNOWN_COUNTRY, saying what is expected, and changes nothing.
"""
from __future__ import annotations

from typing import Final

from fivelayer.kernel.errors import DomainError
from fivelayer.kernel.reasons import Common

UNKNOWN_COUNTRY: Final = Common.UNKNOWN_COUNTRY
US: Final = "USA"

# ISO 3166-1 alpha-3: the 249 officially assigned codes
COUNTRIES: Final[frozenset[str]] = frozenset("""
ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE BDI BEL BEN BES BFA BGD BGR BHR
BHS BIH BLM BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA CAF CAN CCK CHE CHL CHN CIV CMR COD COG COK COL
COM CPV CRI CUB CUW CXR CYM CYP CZE DEU DJI DMA DNK DOM DZA ECU EGY ERI ESH ESP EST ETH FIN FJI FLK
FRA FRO FSM GAB GBR GEO GGY GHA GIB GIN GLP GMB GNB GNQ GRC GRD GRL GTM GUF GUM GUY HKG HMD HND HRV
HTI HUN IDN IMN IND IOT IRL IRN IRQ ISL ISR ITA JAM JEY JOR JPN KAZ KEN KGZ KHM KIR KNA KOR KWT LAO
LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA MAC MAF MAR MCO MDA MDG MDV MEX MHL MKD MLI MLT MMR MNE MNG
MNP MOZ MRT MSR MTQ MUS MWI MYS MYT NAM NCL NER NFK NGA NIC NIU NLD NOR NPL NRU NZL OMN PAK PAN PCN
PER PHL PLW PNG POL PRI PRK PRT PRY PSE PYF QAT REU ROU RUS RWA SAU SDN SEN SGP SGS SHN SJM SLB SLE
SLV SMR SOM SPM SRB SSD STP SUR SVK SVN SWE SWZ SXM SYC SYR TCA TCD TGO THA TJK TKL TKM TLS TON TTO
TUN TUR TUV TWN TZA UGA UKR UMI URY USA UZB VAT VCT VEN VGB VIR VNM VUT WLF WSM YEM ZAF ZMB ZWE
""".split())


def country_code(raw: str, field: str = "country") -> str:
    """`raw` as an ISO 3166-1 alpha-3 code (upper case); empty stays empty (none given)."""
    code = raw.strip().upper()
    if code and code not in COUNTRIES:
        hint = " (the Broker API uses three letters: USA, GBR, DEU, not two)" if len(code) == 2 else ""
        raise DomainError(UNKNOWN_COUNTRY, f"{field} {raw.strip()!r} is not an ISO 3166-1 alpha-3 country code, "
                          f"such as USA, GBR, DEU or JPN{hint}", field=field, country=raw.strip())
    return code
