package org.certdesk.bot.system;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Random keys generated on first use and kept in the database, so that every instance behind a load
 * balancer, and the next start, use the same one (a key in memory would break links after a restart).
 */
@Component
public class StoredSecrets {
    private final JdbcClient jdbc;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    StoredSecrets(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** The secret named {@code name}: 32 random bytes, created by whichever instance asks first. */
    public byte[] getOrCreate(String name) {
        byte[] fresh = new byte[32];
        random.nextBytes(fresh);
        // ON CONFLICT: two instances starting together keep the first one's key.
        jdbc.sql("INSERT INTO bot_secrets (name, secret, created_at) VALUES (:name, :secret, :now) ON CONFLICT DO NOTHING")
                .param("name", name)
                .param("secret", Base64.getEncoder().encodeToString(fresh))
                .param("now", OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC))
                .update();
        String stored = jdbc.sql("SELECT secret FROM bot_secrets WHERE name = :name").param("name", name)
                .query(String.class).single();
        return Base64.getDecoder().decode(stored);
    }
}
