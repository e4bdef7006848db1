package org.certdesk.analyzer.aia;

import java.io.IOException;

/** A fetch failure whose message is already worded for the report, as opposed to a raw socket error. */
final class FetchException extends IOException {
    private static final long serialVersionUID = 1L;

    FetchException(String message) {
        super(message);
    }
}
