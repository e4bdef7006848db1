-- SQLite variant of db/migration/V6__scripts.sql (profile sqlite): the same tables, columns, keys and
-- indexes; SQLite's types: times are TEXT holding UTC instants in one fixed-width format
-- (system/SqliteJdbc writes and reads them, so they sort and compare as instants), ids are
-- INTEGER PRIMARY KEY AUTOINCREMENT (never reused, like an identity), BYTEA is BLOB.
-- The dialog scripts admins edit (org.certdesk.bot.scripts).

-- One row per script: which version new conversations start. Publishing locks this row, so two
-- admins publishing at once get consecutive version numbers, never the same one.
CREATE TABLE scripts (
    id                VARCHAR(64) NOT NULL,
    published_version INTEGER     NOT NULL,
    updated_at        TEXT NOT NULL,
    CONSTRAINT scripts_pk PRIMARY KEY (id)
);

-- Every version ever published, never changed afterwards: running conversations keep the version
-- they started with (conversations.script_version), and rollback publishes an older row again.
-- yaml is the text as published, its own 'version:' line rewritten to the stored number.
CREATE TABLE script_versions (
    script_id  VARCHAR(64)  NOT NULL,
    version    INTEGER      NOT NULL,
    yaml       TEXT         NOT NULL,
    author     VARCHAR(256) NOT NULL,
    comment    VARCHAR(1000),
    created_at TEXT NOT NULL,
    CONSTRAINT script_versions_pk PRIMARY KEY (script_id, version),
    CONSTRAINT script_versions_script_fk FOREIGN KEY (script_id) REFERENCES scripts (id)
);

-- Who changed what, when, from which address. Append-only.
CREATE TABLE script_audit (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    at         TEXT NOT NULL,
    who        VARCHAR(256) NOT NULL,
    address    VARCHAR(64),
    action     VARCHAR(32)  NOT NULL,
    script_id  VARCHAR(64)  NOT NULL,
    version    INTEGER,
    detail     VARCHAR(1000)
);
CREATE INDEX script_audit_at ON script_audit (at);
