-- Places say what they are (country, region, city) and the first-level region holding them
-- (GDELT ADM1 code, e.g. USTX); both null for a name the gazetteer does not know.
ALTER TABLE places ADD COLUMN feature TEXT;
ALTER TABLE places ADD COLUMN admin1 TEXT;
