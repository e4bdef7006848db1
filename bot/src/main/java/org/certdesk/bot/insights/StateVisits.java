package org.certdesk.bot.insights;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.benmanes.caffeine.cache.Cache;
import org.certdesk.bot.conversation.StateLog;
import org.certdesk.bot.shared.Caches;
import org.certdesk.bot.system.AfterCommit;
import org.certdesk.dialogs.engine.ConversationState;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The script states each conversation reached (first time only), written in the turn's
 * transaction: the dashboard's funnel, where employees drop off.
 *
 * <p>Most turns reach a state their conversation saw before. The visits this instance wrote lately
 * are remembered (once committed), and such a turn skips the statement: it was a B-tree search of
 * the 100-character conversation id on every turn, 5 to 8 % of the request threads' samples under
 * load (JFR).
 * A visit not remembered (written by another instance, or forgotten) is checked in the table.
 */
@Repository
class StateVisits implements StateLog {
    /** A few states for each of the conversations active in the last hour, on a busy instance. */
    private static final int REMEMBERED = 20_000;
    /**
     * Positional parameters in a constant string, as every statement of a turn (why: ConversationStore).
     * NOT EXISTS first: on H2 an insert that ON CONFLICT turns down has still written the row and taken it
     * back, so the table's pages are written to the file again for nothing (measured: 60 against 25-38
     * µs, and 30 MB of file growth against none, for 40,000 such inserts). ON CONFLICT stays for a
     * concurrent first visit.
     */
    private static final String FIRST_VISIT = "INSERT INTO state_visits (conversation_ref, script_id, state_id,"
            + " first_at) SELECT ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM state_visits WHERE conversation_ref = ?"
            + " AND state_id = ?) ON CONFLICT DO NOTHING";

    private record Visit(long conversation, String stateId) {
    }

    private final JdbcClient jdbc;
    private final Cache<Visit, Boolean> written = Caches.inline()
            .maximumSize(REMEMBERED)
            .expireAfterAccess(Duration.ofHours(1))
            .build();

    StateVisits(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void reached(long conversation, List<ConversationState> states, Instant now) {
        Map<String, String> scriptByState = new LinkedHashMap<>();
        states.forEach(state -> scriptByState.putIfAbsent(stored(state.stateId()), state.scriptId()));
        scriptByState.forEach((stateId, scriptId) -> {
            Visit visit = new Visit(conversation, stateId);
            if (written.getIfPresent(visit) != null) {
                return;
            }
            jdbc.sql(FIRST_VISIT)
                    .param(conversation).param(scriptId).param(stateId).param(now.atOffset(ZoneOffset.UTC))
                    .param(conversation).param(stateId)
                    .update();
            // Remembered only once on disk: a turn rolled back has written no visit.
            AfterCommit.run(() -> written.put(visit, Boolean.TRUE));
        });
    }

    private static String stored(String stateId) {
        return stateId.length() <= 128 ? stateId : stateId.substring(0, 128);
    }
}
