-- SQLite variant of db/migration/V12__server_findings.sql (profile sqlite): the same tables, columns, keys and
-- indexes; SQLite's types: times are TEXT holding UTC instants in one fixed-width format
-- (system/SqliteJdbc writes and reads them, so they sort and compare as instants), ids are
-- INTEGER PRIMARY KEY AUTOINCREMENT (never reused, like an identity), BYTEA is BLOB.
-- The sign-in servers watched and what they get wrong (org.certdesk.bot.findings).

-- Every analysis of a sign-in host with its time: source 'watch' (the scheduled check, one row per
-- host and Android API level) or 'chat' (an employee's conversation, at the phone's level). The
-- dashboard counts verdicts from here; watch rows older than 90 days are swept by the watch.
CREATE TABLE analyzer_results (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    source          VARCHAR(8)    NOT NULL,
    host            VARCHAR(255)  NOT NULL,
    port            INTEGER       NOT NULL,
    api_level       INTEGER       NOT NULL,
    verdict         VARCHAR(40)   NOT NULL,
    channel         VARCHAR(32),
    conversation_id VARCHAR(512),
    checked_at      TEXT NOT NULL
);
CREATE INDEX analyzer_results_checked ON analyzer_results (source, checked_at);

-- One row per (host, problem, certificate) while the watch sees it, closed when a later check of
-- the host no longer does. open_key is finding_key while the finding is open and null once closed:
-- its unique constraint lets at most one open finding exist per key, whichever instance checks
-- (no partial index: H2 has none), so a finding is opened, and announced, once.
CREATE TABLE server_findings (
    id                 INTEGER PRIMARY KEY AUTOINCREMENT,
    host               VARCHAR(255)  NOT NULL,
    port               INTEGER       NOT NULL,
    code               VARCHAR(40)   NOT NULL,
    certificate_name   VARCHAR(512),
    certificate_sha256 VARCHAR(64),
    finding_key        VARCHAR(900)  NOT NULL,
    open_key           VARCHAR(900),
    status             VARCHAR(8)    NOT NULL,
    -- the Android API levels it affects, comma-separated, ascending
    android_levels     VARCHAR(300)  NOT NULL,
    detail             VARCHAR(2000),
    first_seen         TEXT NOT NULL,
    last_seen          TEXT NOT NULL,
    closed_at          TEXT,
    CONSTRAINT server_findings_open_uk UNIQUE (open_key)
);
CREATE INDEX server_findings_status ON server_findings (status, first_seen);
CREATE INDEX server_findings_host ON server_findings (host, port, status);

-- Employees' analyses that met an open finding: one row per finding, conversation and analysis
-- (turn_ref is the turn that steps the analysis' result: its replies tell the employee the IT team
-- knows). Counted per employee on the dashboard and in the API.
CREATE TABLE finding_encounters (
    finding_id      BIGINT        NOT NULL,
    channel         VARCHAR(32)   NOT NULL,
    conversation_id VARCHAR(512)  NOT NULL,
    turn_ref        VARCHAR(300)  NOT NULL,
    met_at          TEXT NOT NULL,
    CONSTRAINT finding_encounters_pk PRIMARY KEY (finding_id, channel, conversation_id, turn_ref),
    CONSTRAINT finding_encounters_finding_fk FOREIGN KEY (finding_id) REFERENCES server_findings (id)
);
CREATE INDEX finding_encounters_conversation ON finding_encounters (channel, conversation_id);
