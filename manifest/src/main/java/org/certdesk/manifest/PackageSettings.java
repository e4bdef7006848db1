package org.certdesk.manifest;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The resolved values that go into a package, and what is wrong with them.
 *
 * <p>The manifest schema rejects a malformed id or version only when Teams reads the upload; checking
 * here makes the build fail instead, with the name of the property to fix.
 */
public final class PackageSettings {

    /** Same patterns as the v1.29 schema's definitions/guid and definitions/semver. */
    static final Pattern GUID = Pattern.compile("^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$");
    static final Pattern SEMVER = Pattern.compile(
            "^([0-9]|[1-9]+[0-9]*)\\.([0-9]|[1-9]+[0-9]*)\\.([0-9]|[1-9]+[0-9]*)$");
    /** Teams' limit for developer.name (the schema's maxLength too). */
    static final int DEVELOPER_NAME_MAX = 32;

    private final Map<Setting, Resolved> values;

    PackageSettings(Map<Setting, Resolved> values) {
        this.values = Map.copyOf(values);
    }

    public Resolved get(Setting setting) {
        return values.get(setting);
    }

    public String value(Setting setting) {
        return values.get(setting).value();
    }

    public boolean release() {
        return Boolean.parseBoolean(value(Setting.RELEASE));
    }

    /** The bot's public host, for validDomains: Teams wants a bare host, without scheme, port or path. */
    public String domain() {
        URI uri = URI.create(value(Setting.PUBLIC_BASE_URL));
        return uri.getHost().toLowerCase(Locale.ROOT);
    }

    /** Settings still at their local default (the package is then for a developer's tenant at most). */
    public List<Setting> localDefaults() {
        List<Setting> local = new ArrayList<>();
        for (Setting setting : Setting.values()) {
            if (setting.requiredForRelease() && values.get(setting).isLocalDefault()) {
                local.add(setting);
            }
        }
        return local;
    }

    /** Every reason not to build this package; empty when it can be built. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        requireMatch(Setting.APP_ID, GUID, "a GUID like 3f2b8c1e-7d4a-4e6b-9a0c-5d1e2f3a4b5c", problems);
        requireMatch(Setting.BOT_ID, GUID, "a GUID (the Entra app registration's Application (client) id)", problems);
        requireMatch(Setting.APP_VERSION, SEMVER, "x.y.z, as Teams accepts no -SNAPSHOT or other suffix", problems);
        String developerName = value(Setting.DEVELOPER_NAME);
        if (developerName.length() > DEVELOPER_NAME_MAX) {
            problems.add(describe(Setting.DEVELOPER_NAME) + " is " + developerName.length()
                    + " characters long; Teams allows " + DEVELOPER_NAME_MAX);
        }
        boolean release = release();
        List<Setting> unsetForRelease = release ? localDefaults() : List.of();
        for (Setting url : List.of(Setting.PUBLIC_BASE_URL, Setting.DEVELOPER_WEBSITE_URL,
                Setting.DEVELOPER_PRIVACY_URL, Setting.DEVELOPER_TERMS_URL)) {
            // One line per setting: "not set" below already says what to do about a local default.
            if (!unsetForRelease.contains(url)) {
                checkUrl(url, release, problems);
            }
        }
        for (Setting setting : unsetForRelease) {
            problems.add(setting.property() + " is not set (" + setting.meaning() + "); the local default "
                    + value(setting) + " is refused for a release: set " + setting.howToSet());
        }
        return problems;
    }

    private void requireMatch(Setting setting, Pattern pattern, String expected, List<String> problems) {
        if (!pattern.matcher(value(setting)).matches()) {
            problems.add(describe(setting) + " must be " + expected);
        }
    }

    private void checkUrl(Setting setting, boolean release, List<String> problems) {
        String text = value(setting);
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            problems.add(describe(setting) + " is not a URL: " + e.getMessage());
            return;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || uri.getHost() == null) {
            problems.add(describe(setting) + " must be an absolute https URL with a host");
        } else if (release && !scheme.equals("https")) {
            // Teams reaches bots only over https, and shows developer links only as https.
            problems.add(describe(setting) + " must use https in a release");
        }
    }

    private String describe(Setting setting) {
        Resolved resolved = values.get(setting);
        return setting.property() + " (" + resolved.value() + ", from " + resolved.origin() + ")";
    }
}
