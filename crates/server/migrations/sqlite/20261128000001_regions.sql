-- Places: the government tiers carry Kemendagri codes; RW and RT are
-- community units numbered within their parent.
CREATE TABLE kota (
    code TEXT PRIMARY KEY NOT NULL,
    name TEXT NOT NULL
);

CREATE TABLE kecamatan (
    code TEXT PRIMARY KEY NOT NULL,
    kota_code TEXT NOT NULL REFERENCES kota (code),
    name TEXT NOT NULL
);

CREATE TABLE kelurahan (
    code TEXT PRIMARY KEY NOT NULL,
    kecamatan_code TEXT NOT NULL REFERENCES kecamatan (code),
    name TEXT NOT NULL
);

CREATE TABLE rw (
    id INTEGER PRIMARY KEY,
    kelurahan_code TEXT NOT NULL REFERENCES kelurahan (code),
    number INTEGER NOT NULL CHECK (number BETWEEN 1 AND 999),
    UNIQUE (kelurahan_code, number)
);

CREATE TABLE rt (
    id INTEGER PRIMARY KEY,
    rw_id INTEGER NOT NULL REFERENCES rw (id),
    number INTEGER NOT NULL CHECK (number BETWEEN 1 AND 999),
    UNIQUE (rw_id, number)
);
