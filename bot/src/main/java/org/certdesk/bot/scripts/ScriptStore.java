package org.certdesk.bot.scripts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Scripts, their versions and the audit log in the database (V6__scripts.sql). Versions are never
 * updated once written; what changes is which one is published.
 */
@Repository
class ScriptStore {
    private final JdbcClient jdbc;

    ScriptStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** One stored version, without its text. */
    record VersionInfo(String scriptId, int version, String author, String comment, Instant createdAt) {}

    /** A script and the version new conversations start. */
    record ScriptInfo(String id, int publishedVersion, Instant updatedAt, int latestVersion) {}

    record AuditEntry(long id, Instant at, String who, String address, String action, String scriptId,
            Integer version, String detail) {}

    List<ScriptInfo> scripts() {
        return jdbc.sql("SELECT s.id, s.published_version, s.updated_at,"
                        + " (SELECT MAX(v.version) FROM script_versions v WHERE v.script_id = s.id) AS latest"
                        + " FROM scripts s ORDER BY s.id")
                .query((rs, n) -> new ScriptInfo(rs.getString("id"), rs.getInt("published_version"),
                        instant(rs, "updated_at"), rs.getInt("latest")))
                .list();
    }

    Optional<Integer> publishedVersion(String scriptId) {
        return jdbc.sql("SELECT published_version FROM scripts WHERE id = :id").param("id", scriptId)
                .query(Integer.class).optional();
    }

    /** Locks the script's row until the transaction ends: publishing is one at a time per script. */
    Optional<Integer> lockPublishedVersion(String scriptId) {
        return jdbc.sql("SELECT published_version FROM scripts WHERE id = :id FOR UPDATE").param("id", scriptId)
                .query(Integer.class).optional();
    }

    Optional<String> yaml(String scriptId, int version) {
        return jdbc.sql("SELECT yaml FROM script_versions WHERE script_id = :id AND version = :version")
                .param("id", scriptId).param("version", version).query(String.class).optional();
    }

    List<VersionInfo> versions(String scriptId) {
        return jdbc.sql("SELECT script_id, version, author, comment, created_at FROM script_versions"
                        + " WHERE script_id = :id ORDER BY version DESC")
                .param("id", scriptId)
                .query((rs, n) -> new VersionInfo(rs.getString("script_id"), rs.getInt("version"),
                        rs.getString("author"), rs.getString("comment"), instant(rs, "created_at")))
                .list();
    }

    int latestVersion(String scriptId) {
        Integer latest = jdbc.sql("SELECT MAX(version) FROM script_versions WHERE script_id = :id")
                .param("id", scriptId).query(Integer.class).single();
        return latest == null ? 0 : latest;
    }

    /** Creates the script row; the caller adds its first version in the same transaction. */
    void createScript(String scriptId, int publishedVersion, Instant now) {
        jdbc.sql("INSERT INTO scripts (id, published_version, updated_at) VALUES (:id, :version, :now)")
                .param("id", scriptId).param("version", publishedVersion).param("now", utc(now)).update();
    }

    void addVersion(String scriptId, int version, String yaml, String author, String comment, Instant now) {
        jdbc.sql("INSERT INTO script_versions (script_id, version, yaml, author, comment, created_at)"
                        + " VALUES (:id, :version, :yaml, :author, :comment, :now)")
                .param("id", scriptId).param("version", version).param("yaml", yaml).param("author", author)
                .param("comment", comment).param("now", utc(now)).update();
    }

    void publish(String scriptId, int version, Instant now) {
        jdbc.sql("UPDATE scripts SET published_version = :version, updated_at = :now WHERE id = :id")
                .param("id", scriptId).param("version", version).param("now", utc(now)).update();
    }

    void audit(Instant at, String who, String address, String action, String scriptId, Integer version,
            String detail) {
        jdbc.sql("INSERT INTO script_audit (at, who, address, action, script_id, version, detail)"
                        + " VALUES (:at, :who, :address, :action, :scriptId, :version, :detail)")
                .param("at", utc(at)).param("who", who).param("address", address).param("action", action)
                .param("scriptId", scriptId).param("version", version).param("detail", detail).update();
    }

    /** The newest entries first. */
    List<AuditEntry> audit(int limit) {
        return jdbc.sql("SELECT id, at, who, address, action, script_id, version, detail FROM script_audit"
                        + " ORDER BY id DESC LIMIT :limit")
                .param("limit", limit)
                .query((rs, n) -> new AuditEntry(rs.getLong("id"), instant(rs, "at"), rs.getString("who"),
                        rs.getString("address"), rs.getString("action"), rs.getString("script_id"),
                        (Integer) rs.getObject("version", Integer.class), rs.getString("detail")))
                .list();
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
