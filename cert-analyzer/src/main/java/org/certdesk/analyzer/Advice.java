package org.certdesk.analyzer;

/**
 * What to do about a problem, for the two people who can act: the employee on the phone and the
 * helpdesk or admin who owns the server (see "What really causes it" in DESIGN.md).
 */
public record Advice(LocalizedText employee, LocalizedText admin) {}
