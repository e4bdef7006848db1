package org.certdesk.analyzer;

/** Whether a problem stops an Android phone from signing in (ERROR) or is only worth fixing (WARNING). */
public enum Severity {
    ERROR,
    WARNING
}
