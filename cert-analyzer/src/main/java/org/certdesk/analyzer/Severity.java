package org.certdesk.analyzer;

/**
 * Whether a problem stops an Android phone from signing in (ERROR), is worth fixing (WARNING), or is
 * only a remark that needs no action (INFO).
 */
public enum Severity {
    ERROR,
    WARNING,
    INFO
}
