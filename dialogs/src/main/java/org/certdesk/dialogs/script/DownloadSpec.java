package org.certdesk.dialogs.script;

/** A file the user can download; every field is a template filled from the conversation. */
public record DownloadSpec(String url, String fileName, String sha256, Position at) {
}
