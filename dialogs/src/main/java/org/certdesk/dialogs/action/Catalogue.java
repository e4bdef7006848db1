package org.certdesk.dialogs.action;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What scripts may refer to that lives outside them: the actions the bot implements and the
 * escalation reasons its helpdesk knows. The linter checks scripts against a catalogue; the engine
 * checks action results against it.
 */
public record Catalogue(Map<String, ActionSpec> actions, Set<String> escalationReasons) {

    private static final List<String> CERTIFICATE =
            List.of("missing_name", "missing_sha256", "missing_download_url", "missing_file_name");

    public Catalogue {
        actions = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(actions));
        escalationReasons = Set.copyOf(escalationReasons);
    }

    /** Returns the action named {@code name}, or {@code null} when the catalogue has none. */
    public ActionSpec action(String name) {
        return actions.get(name);
    }

    /** The catalogue the bot implements; see dialogs/README.md for each action's meaning. */
    public static Catalogue standard() {
        ActionSpec analyze = ActionSpec.of("cert.analyze",
                "Runs the cert-analyzer on the company's sign-in hosts against the Android CA store"
                        + " of the user's version",
                List.of("android_version"),
                new OutcomeSpec("one_missing", plus(CERTIFICATE, "verdict", "report_summary"),
                        "exactly one certificate is missing and the bot can serve it"),
                new OutcomeSpec("several_missing", plus(CERTIFICATE, "missing_count", "verdict", "report_summary"),
                        "more than one is missing; the missing_* variables describe the first"),
                new OutcomeSpec("inconclusive", List.of("reason"),
                        "host unreachable, or the chain looks fine from here"),
                new OutcomeSpec("server_problem", List.of("verdict", "report_summary"),
                        "the server must be fixed (expired, wrong host name, private root apps ignore)"));
        ActionSpec lookup = ActionSpec.of("cert.lookup-by-name",
                "Finds a certificate the user read on a PC by its name",
                List.of("name"),
                new OutcomeSpec("found", CERTIFICATE, "a known certificate has this name"),
                new OutcomeSpec("not_found", List.of(), "no certificate the bot can serve has this name"));
        Map<String, ActionSpec> actions = new LinkedHashMap<>();
        actions.put(analyze.name(), analyze);
        actions.put(lookup.name(), lookup);
        return new Catalogue(actions, Set.of("second_certificate_missing", "several_missing",
                "server_problem", "no_pc", "no_padlock", "user_asked", "not_understood", "lookup_failed"));
    }

    private static List<String> plus(List<String> first, String... more) {
        List<String> all = new java.util.ArrayList<>(first);
        all.addAll(List.of(more));
        return all;
    }
}
