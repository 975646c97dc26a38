"""The CAMEO code table (data/cameo.tsv): the one place codes get their name, Goldstein value,
quad class and PLOVER type."""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from newsgraph.data import load_table


@dataclass(frozen=True, slots=True)
class CameoCode:
    code: str
    name: str
    goldstein: float
    quad_class: int
    plover: str | None
    plover_mode: str | None
    mutual: bool = False  # coordinated parties act on each other ("X and Y signed a ceasefire")

    @property
    def root(self) -> str:
        return self.code[:2]


@cache
def cameo_table() -> dict[str, CameoCode]:
    return {r["code"]: CameoCode(r["code"], r["name"], float(r["goldstein"]), int(r["quad_class"]),
                                 r["plover"] or None, r["plover_mode"] or None, r.get("mutual") == "1")
            for r in load_table("cameo.tsv")}


def cameo(code: str) -> CameoCode:
    """The entry for `code`; a code the table lacks is a programming error in a data file."""
    return cameo_table()[code]
