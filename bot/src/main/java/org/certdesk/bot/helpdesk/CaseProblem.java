package org.certdesk.bot.helpdesk;

import java.util.List;
import java.util.Locale;

import org.certdesk.bot.system.Languages;
import org.springframework.http.HttpStatus;

/**
 * Why an agent's request about a case cannot be done; the API answers it as a problem with {@link #status},
 * its detail in the agent's language (French or English: agents read it in the console).
 */
final class CaseProblem extends RuntimeException {
    private final HttpStatus status;
    private final String french;
    private final String takenBy;
    private final List<String> states;

    private CaseProblem(HttpStatus status, String french, String english, String takenBy, List<String> states) {
        super(english);
        this.status = status;
        this.french = french;
        this.takenBy = takenBy;
        this.states = states;
    }

    static CaseProblem notFound(long id) {
        return new CaseProblem(HttpStatus.NOT_FOUND, "Pas de dossier n° " + id + ".", "No case " + id + ".", null, null);
    }

    static CaseProblem takenByOther(long id, String agent) {
        return new CaseProblem(HttpStatus.CONFLICT, "Le dossier n° " + id + " est déjà pris par " + agent + ".",
                "Case " + id + " is already taken by " + agent + ".", agent, null);
    }

    static CaseProblem notYours(HelpdeskCase c) {
        long id = c.id();
        return switch (c.status()) {
            case OPEN -> new CaseProblem(HttpStatus.CONFLICT, "Le dossier n° " + id + " n’est pas encore pris :"
                    + " prenez-le d’abord.", "Case " + id + " is not taken yet: take it first.", null, null);
            case TAKEN -> new CaseProblem(HttpStatus.CONFLICT, "Le dossier n° " + id + " est pris par " + c.agentName()
                    + ".", "Case " + id + " is taken by " + c.agentName() + ".", c.agentName(), null);
            default -> new CaseProblem(HttpStatus.CONFLICT, "Le dossier n° " + id + " est clos ("
                    + inFrench(c.status()) + ").", "Case " + id + " is closed ("
                    + c.status().name().toLowerCase(Locale.ROOT) + ").", c.agentName(), null);
        };
    }

    private static String inFrench(HelpdeskCase.Status status) {
        return switch (status) {
            case OPEN -> "en attente";
            case TAKEN -> "pris";
            case RESOLVED -> "résolu";
            case RETURNED -> "rendu au bot";
            case CANCELLED -> "annulé par l’employé";
        };
    }

    static CaseProblem badRequest(String french, String english) {
        return new CaseProblem(HttpStatus.BAD_REQUEST, french, english, null, null);
    }

    static CaseProblem noSuchState(String state, List<String> states) {
        return new CaseProblem(HttpStatus.BAD_REQUEST, "La conversation ne peut pas reprendre à l’étape « " + state
                + " ».", "'" + state + "' is not a state the conversation can resume at.", null, states);
    }

    HttpStatus status() {
        return status;
    }

    /** The detail in {@code locale}'s language. */
    String detail(Locale locale) {
        return Languages.isFrench(locale) ? french : getMessage();
    }

    String takenBy() {
        return takenBy;
    }

    List<String> states() {
        return states;
    }
}
