package org.certdesk.analyzer;

/** Whether one Android release trusts the chain as the server sends it. */
public record ApiLevelVerdict(int apiLevel, String release, ProblemCode verdict) {}
