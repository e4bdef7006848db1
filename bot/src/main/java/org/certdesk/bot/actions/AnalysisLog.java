package org.certdesk.bot.actions;

import java.time.Instant;

import org.certdesk.analyzer.Report;
import org.certdesk.bot.shared.ConversationKey;

/**
 * The port of an employee's analysis, for the features that keep it (the server findings: who met
 * which, and the dashboard's verdicts). Called after the analysis, outside any transaction; the
 * actions package owns it so that it never imports those features.
 */
public interface AnalysisLog {

    /** @param turnRef the turn that will step the analysis' result ({@code action:<request id>}) */
    void analysed(ConversationKey conversation, String turnRef, Report report, Instant now);
}
