"""The GDELT codebooks' rules for one row, as assertions: Event Codebook 2.0 and GKG 2.1 Codebook.

Each check raises AssertionError naming the column and the value that break a rule:
types, allowed values, and no empty cell where GDELT always writes one.
"""
from __future__ import annotations

import re
from datetime import date, datetime

from newsgraph.data import load_table
from newsgraph.export.gdelt import EVENT_COLUMNS, GKG_COLUMNS

CAMEO = {row["code"]: row for row in load_table("cameo.tsv")}
GEO_TYPES = {"0", "1", "2", "3", "4", "5"}


def _float(value: str, low: float, high: float, column: str) -> float:
    number = float(value)
    assert low <= number <= high, f"{column}: {value} outside [{low}, {high}]"
    return number


def _geo(r: dict[str, str], who: str) -> None:
    cell = {c: r[f"{who}Geo_{c}"] for c in ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat",
                                            "Long", "FeatureID")}
    kind = cell["Type"]
    assert kind in GEO_TYPES, f"{who}Geo_Type {kind!r}"
    if kind == "0":
        assert not any(v for c, v in cell.items() if c != "Type"), f"{who}Geo: no place but {cell}"
        return
    assert cell["FullName"] and not re.search("[#;\t]", cell["FullName"]), f"{who}Geo_FullName {cell['FullName']!r}"
    assert re.fullmatch("[A-Z]{2}", cell["CountryCode"]), f"{who}Geo_CountryCode {cell['CountryCode']!r}"
    assert cell["ADM1Code"].startswith(cell["CountryCode"]) or kind in ("3", "4") and not cell["ADM1Code"], cell
    _float(cell["Lat"], -90, 90, f"{who}Geo_Lat")
    _float(cell["Long"], -180, 180, f"{who}Geo_Long")
    assert cell["FeatureID"], f"{who}Geo_FeatureID empty"
    us = cell["CountryCode"] == "US"
    if kind == "1":
        assert cell["ADM1Code"] == cell["FeatureID"] == cell["CountryCode"] and "," not in cell["FullName"], cell
    elif kind == "2":
        assert us and len(cell["ADM1Code"]) == 4 and cell["FeatureID"] == cell["ADM1Code"][2:], cell
        assert cell["FullName"].endswith(", United States"), cell
    elif kind == "3":
        assert us and cell["FullName"].count(", ") >= 1 and cell["FullName"].endswith("United States"), cell
    elif kind == "4":
        assert not us and ", " in cell["FullName"], cell
    else:
        assert not us and cell["FeatureID"] == cell["ADM1Code"], cell


def _actor(r: dict[str, str], n: int) -> None:
    cells = {c: r[f"Actor{n}{c}"] for c in ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode",
                                            "Religion1Code", "Religion2Code", "Type1Code", "Type2Code", "Type3Code")}
    assert bool(cells["Code"]) == bool(cells["Name"]), f"Actor{n}: a code and a name, or neither: {cells}"
    if not cells["Code"]:
        assert not any(cells.values()), f"Actor{n}: no code but {cells}"
        assert r[f"Actor{n}Geo_Type"] == "0", f"Actor{n}Geo of an uncoded actor"
        return
    assert re.fullmatch("[A-Z0-9]{3,15}", cells["Code"]), f"Actor{n}Code {cells['Code']!r}"
    assert cells["Name"] == cells["Name"].upper() and not cells["Name"].startswith('"'), cells["Name"]
    for c in ("CountryCode", "KnownGroupCode", "Type1Code"):
        assert cells[c] == "" or re.fullmatch("[A-Z]{3}", cells[c]), f"Actor{n}{c} {cells[c]!r}"


def check_event_row(line: str) -> dict[str, str]:
    """One Events 2.0 row held against the codebook; returns it by column name."""
    cells = line.rstrip("\n").split("\t")
    assert len(cells) == 61, len(cells)
    r = dict(zip(EVENT_COLUMNS, cells, strict=True))
    assert r["GlobalEventID"].isdigit() and 0 < int(r["GlobalEventID"]) < 2 ** 53, r["GlobalEventID"]
    day = datetime.strptime(r["Day"], "%Y%m%d").date()
    assert r["MonthYear"] == r["Day"][:6] and r["Year"] == r["Day"][:4], (r["Day"], r["MonthYear"], r["Year"])
    assert re.fullmatch(r"\d{4}\.\d{4}", r["FractionDate"]) and r["FractionDate"][:4] == r["Year"]
    assert date(1900, 1, 1) < day < date(2100, 1, 1)
    _actor(r, 1)
    _actor(r, 2)
    assert r["IsRootEvent"] in ("0", "1")
    cameo = CAMEO.get(r["EventCode"])
    assert cameo, f"EventCode {r['EventCode']!r} is not a CAMEO code"
    assert r["EventBaseCode"] == r["EventCode"][:3] and r["EventRootCode"] == r["EventCode"][:2]
    assert r["QuadClass"] == cameo["quad_class"], (r["QuadClass"], cameo)
    assert _float(r["GoldsteinScale"], -10, 10, "GoldsteinScale") == float(cameo["goldstein"])
    for c in ("NumMentions", "NumSources", "NumArticles"):
        assert r[c].isdigit() and int(r[c]) >= 1, f"{c} {r[c]!r}"
    _float(r["AvgTone"], -100, 100, "AvgTone")
    for who in ("Actor1", "Actor2", "Action"):
        _geo(r, who)
    datetime.strptime(r["DATEADDED"], "%Y%m%d%H%M%S")
    assert r["SOURCEURL"], "SOURCEURL empty"
    return r


def _items(row: dict[str, str], name: str, sep: str = ";") -> list[str]:
    return [x for x in row[name].split(sep) if x]


def _location(item: str, n_fields: int) -> None:
    fields = item.split("#")
    assert len(fields) == n_fields and fields[0] in GEO_TYPES - {"0"}, item
    kind, name, country, adm1 = fields[:4]
    lat, lon, feature = fields[-3:] if n_fields == 7 else fields[-4:-1]
    assert name and re.fullmatch("[A-Z]{2}", country) and lat and lon and feature, item
    _float(lat, -90, 90, "latitude")
    _float(lon, -180, 180, "longitude")
    assert kind != "1" or adm1 == country == feature, item
    if n_fields == 9:
        assert fields[-1].isdigit(), item


def check_gkg_row(line: str) -> dict[str, str]:
    """One GKG 2.1 row read by the codebook's grammar; returns it by column name."""
    cells = line.rstrip("\n").split("\t")
    assert len(cells) == 27, len(cells)
    row = dict(zip(GKG_COLUMNS, cells, strict=True))
    assert re.fullmatch(r"\d{14}-\d+", row["GKGRECORDID"]), row["GKGRECORDID"]
    datetime.strptime(row["V2.1DATE"], "%Y%m%d%H%M%S")
    assert row["V2SOURCECOLLECTIONIDENTIFIER"] in {"1", "2", "3", "4", "5", "6"}
    assert row["V2DOCUMENTIDENTIFIER"], "V2DOCUMENTIDENTIFIER empty"
    assert row["V2SOURCECOLLECTIONIDENTIFIER"] != "1" or row["V2SOURCECOMMONNAME"], "a web source has a name"
    for block, n_fields in (("V1COUNTS", 10), ("V2.1COUNTS", 11)):
        for item in _items(row, block):
            fields = item.split("#")
            assert len(fields) == n_fields and fields[0], item
            float(fields[1])
            assert n_fields == 10 or fields[-1].isdigit(), item
    for item in _items(row, "V1LOCATIONS"):
        _location(item, 7)
    for item in _items(row, "V2ENHANCEDLOCATIONS"):
        _location(item, 9)
    for name in ("V2ENHANCEDPERSONS", "V2ENHANCEDORGANIZATIONS", "V2.1ALLNAMES"):
        for item in _items(row, name):
            text, offset = item.rsplit(",", 1)
            assert text and offset.isdigit(), item
    tone = row["V1.5TONE"].split(",")
    assert len(tone) == 7, row["V1.5TONE"]
    value, positive, negative, polarity, activity, self_group = (float(x) for x in tone[:6])
    assert tone[6].isdigit()
    assert abs(value - (positive - negative)) < 1e-3 and abs(polarity - (positive + negative)) < 1e-3, tone
    assert all(0 <= x <= 100 for x in (positive, negative, polarity, activity, self_group)), tone
    for item in _items(row, "V2.1ENHANCEDDATES"):
        fields = item.split("#")
        assert len(fields) == 5 and all(f.isdigit() for f in fields), item
        resolution, month, day, _year, _offset = (int(f) for f in fields)
        assert resolution in (1, 2, 3, 4) and 0 <= month <= 12 and 0 <= day <= 31, item
        assert (month, day) == (0, 0) if resolution == 1 else month > 0, item
        assert day == 0 if resolution == 2 else resolution == 1 or day > 0, item
    for item in _items(row, "V2.1QUOTATIONS", "#"):
        fields = item.split("|")
        assert len(fields) == 4 and fields[0].isdigit() and fields[1].isdigit() and fields[3], item
    for item in _items(row, "V2.1AMOUNTS"):
        number, _, offset = item.split(",")
        float(number)
        assert offset.isdigit(), item
    return row
