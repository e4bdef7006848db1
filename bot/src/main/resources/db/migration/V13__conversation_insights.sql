-- What the insights dashboard counts (org.certdesk.bot.insights). Runs on PostgreSQL and on H2 in
-- PostgreSQL mode; times are TIMESTAMP WITH TIME ZONE, in UTC.

-- The script states each conversation reached, the first time it reached them: the dashboard's
-- funnel (where employees drop off). Written in the transaction of the turn that entered them.
CREATE TABLE state_visits (
    channel         VARCHAR(32)   NOT NULL,
    conversation_id VARCHAR(512)  NOT NULL,
    script_id       VARCHAR(64)   NOT NULL,
    state_id        VARCHAR(128)  NOT NULL,
    first_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT state_visits_pk PRIMARY KEY (channel, conversation_id, state_id)
);

-- The dashboard selects conversations and cases by when they started.
CREATE INDEX conversations_created ON conversations (created_at);
CREATE INDEX handoffs_created ON handoffs (created_at);
