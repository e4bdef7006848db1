package org.certdesk.bot.system.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.certdesk.bot.testing.TestApplications;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Expired sign-in sessions leave the table (at start, then every minute, on the housekeeping
 * thread); live ones stay. Spring Session's own scheduler thread is off.
 */
class ExpiredSessionsSweepTests {

    @Test
    void expiredSessionsAreDeletedAndLiveOnesKept(@TempDir Path directory) {
        String url = TestApplications.h2File(directory);
        String expired = UUID.randomUUID().toString();
        String live = UUID.randomUUID().toString();
        try (ConfigurableApplicationContext bot = TestApplications.start(url, Map.of(), WebApplicationType.SERVLET)) {
            JdbcClient jdbc = bot.getBean(JdbcClient.class);
            long now = System.currentTimeMillis();
            insertSession(jdbc, expired, now - Duration.ofHours(2).toMillis(), now - Duration.ofHours(1).toMillis());
            insertSession(jdbc, live, now, now + Duration.ofHours(1).toMillis());
        }
        try (ConfigurableApplicationContext bot = TestApplications.start(url, Map.of(), WebApplicationType.SERVLET)) {
            JdbcClient jdbc = bot.getBean(JdbcClient.class);
            await().atMost(Duration.ofSeconds(10)).alias("the expired session deleted at start")
                    .until(() -> sessions(jdbc), ids -> !ids.contains(expired));
            assertThat(sessions(jdbc)).as("the live session").contains(live);
            assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
                    .as("Spring Session's own clean-up thread").noneMatch(name -> name.startsWith("spring-session"));
        }
    }

    private static void insertSession(JdbcClient jdbc, String id, long lastAccess, long expiry) {
        jdbc.sql("INSERT INTO spring_session (primary_id, session_id, creation_time, last_access_time,"
                + " max_inactive_interval, expiry_time) VALUES (?, ?, ?, ?, 1800, ?)")
                .params(id, id, lastAccess, lastAccess, expiry).update();
    }

    private static List<String> sessions(JdbcClient jdbc) {
        return jdbc.sql("SELECT primary_id FROM spring_session").query(String.class).list().stream()
                .map(String::trim).toList();
    }
}
