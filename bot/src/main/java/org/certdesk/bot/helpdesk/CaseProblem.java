package org.certdesk.bot.helpdesk;

import java.util.List;

import org.springframework.http.HttpStatus;

/** Why an agent's request about a case cannot be done; the API answers it as a problem with {@link #status}. */
final class CaseProblem extends RuntimeException {
    private final HttpStatus status;
    private final String takenBy;
    private final List<String> states;

    private CaseProblem(HttpStatus status, String message, String takenBy, List<String> states) {
        super(message);
        this.status = status;
        this.takenBy = takenBy;
        this.states = states;
    }

    static CaseProblem notFound(long id) {
        return new CaseProblem(HttpStatus.NOT_FOUND, "no case " + id, null, null);
    }

    static CaseProblem takenByOther(long id, String agent) {
        return new CaseProblem(HttpStatus.CONFLICT, "case " + id + " is already taken by " + agent, agent, null);
    }

    static CaseProblem notYours(HelpdeskCase c) {
        String why = switch (c.status()) {
            case OPEN -> "case " + c.id() + " is not taken yet: take it first";
            case TAKEN -> "case " + c.id() + " is taken by " + c.takenBy();
            default -> "case " + c.id() + " is closed (" + c.status().name().toLowerCase(java.util.Locale.ROOT) + ")";
        };
        return new CaseProblem(HttpStatus.CONFLICT, why, c.takenBy(), null);
    }

    static CaseProblem badRequest(String message) {
        return new CaseProblem(HttpStatus.BAD_REQUEST, message, null, null);
    }

    static CaseProblem noSuchState(String state, List<String> states) {
        return new CaseProblem(HttpStatus.BAD_REQUEST, "'" + state + "' is not a state the conversation can resume at",
                null, states);
    }

    HttpStatus status() {
        return status;
    }

    String takenBy() {
        return takenBy;
    }

    List<String> states() {
        return states;
    }
}
