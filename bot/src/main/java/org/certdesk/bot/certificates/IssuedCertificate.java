package org.certdesk.bot.certificates;

/** A certificate the bot may hand out: its DER bytes and the name users know it by. */
public record IssuedCertificate(String sha256, byte[] der, String name) {}
