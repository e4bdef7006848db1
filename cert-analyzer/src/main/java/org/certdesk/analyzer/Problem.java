package org.certdesk.analyzer;

/**
 * One finding of an analysis.
 *
 * @param certificate the display name of the certificate concerned, or null when the finding is about the host
 * @param detail a technical English line for logs and the helpdesk (names, dates, causes); never user secrets
 * @param summary what is wrong, in words an employee understands
 */
public record Problem(ProblemCode code, Severity severity, String certificate, String detail,
        LocalizedText summary, Advice advice) {}
