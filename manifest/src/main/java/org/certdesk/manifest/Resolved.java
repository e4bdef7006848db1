package org.certdesk.manifest;

/**
 * A setting's value and where it came from. The origin matters: a release package is refused when a
 * required value is only a local default, even if that default is well-formed.
 *
 * @param value  the value, never blank
 * @param origin "property teams.app.id", "environment CERTDESK_BOT_APP_ID", "local default"...
 * @param isLocalDefault true when nobody set it
 */
public record Resolved(String value, String origin, boolean isLocalDefault) {

    static Resolved fromProperty(String name, String value) {
        return new Resolved(value, "property " + name, false);
    }

    static Resolved fromEnvironment(String name, String value) {
        return new Resolved(value, "environment " + name, false);
    }

    static Resolved localDefault(String value) {
        return localDefault(value, "local default");
    }

    static Resolved localDefault(String value, String origin) {
        return new Resolved(value, origin, true);
    }
}
