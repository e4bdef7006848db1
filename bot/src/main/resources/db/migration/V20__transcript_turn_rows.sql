-- A turn's transcript in one row: what the employee said (author, author_name, text) and, in reply,
-- the bot's answers of the same turn, one paragraph each (U+2029 between them); Transcript reads
-- them back as lines. A turn wrote a row a line before, two to three rows of four B-trees each:
-- with the commit going over every changed entry again, the transcript was the largest part of a
-- turn's work in H2. A turn in which the employee said nothing writes the bot's answers as the row.
ALTER TABLE transcript_lines ADD COLUMN reply TEXT;

-- The id an agent's client gave a message (a retried request is recognised by it), in a table of
-- its own: as a unique key of transcript_lines (case_id, client_ref) it took an index entry, null,
-- for every line of every turn, and only an agent's messages have one.
CREATE TABLE case_message_refs (
    case_id    BIGINT      NOT NULL,
    client_ref VARCHAR(64) NOT NULL,
    CONSTRAINT case_message_refs_pk PRIMARY KEY (case_id, client_ref)
);
INSERT INTO case_message_refs (case_id, client_ref)
SELECT case_id, client_ref FROM transcript_lines WHERE case_id IS NOT NULL AND client_ref IS NOT NULL;
ALTER TABLE transcript_lines DROP CONSTRAINT transcript_lines_client_uk;
ALTER TABLE transcript_lines DROP COLUMN client_ref;
