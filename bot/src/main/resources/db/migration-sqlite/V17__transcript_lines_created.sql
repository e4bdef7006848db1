-- The retention sweep of transcript lines without a case (certdesk.helpdesk.transcript-retention,
-- org.certdesk.bot.helpdesk.HelpdeskRetention) finds the old lines by their time.
CREATE INDEX transcript_lines_created ON transcript_lines (created_at);
