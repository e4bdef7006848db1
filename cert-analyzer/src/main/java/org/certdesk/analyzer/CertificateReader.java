package org.certdesk.analyzer;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads certificates from the shapes they arrive in: one DER certificate, PEM text with one or more
 * blocks (text around them is ignored, as in a helpdesk paste), or a PKCS#7 bundle ({@code .p7c},
 * DER or PEM), which some AIA URLs serve.
 */
public final class CertificateReader {
    private static final Pattern PEM_BLOCK = Pattern.compile(
            "-----BEGIN (CERTIFICATE|PKCS7|X509 CERTIFICATE)-----(.*?)-----END \\1-----", Pattern.DOTALL);

    private CertificateReader() {}

    /**
     * Parses {@code bytes} into certificates, in the order they appear.
     *
     * @throws CertificateException if the bytes hold no certificate, or a block is malformed; the message
     *     says which form was tried
     */
    public static List<X509Certificate> read(byte[] bytes) throws CertificateException {
        if (bytes == null || bytes.length == 0) {
            throw new CertificateException("empty input: no certificate");
        }
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        if (text.contains("-----BEGIN")) {
            return readPem(text);
        }
        if ((bytes[0] & 0xff) != 0x30) {
            throw new CertificateException("neither PEM nor DER: input starts with byte 0x"
                    + Integer.toHexString(bytes[0] & 0xff));
        }
        return readDer(bytes);
    }

    private static List<X509Certificate> readPem(String text) throws CertificateException {
        List<X509Certificate> certificates = new ArrayList<>();
        Matcher matcher = PEM_BLOCK.matcher(text);
        int block = 0;
        while (matcher.find()) {
            block++;
            byte[] der;
            try {
                der = java.util.Base64.getMimeDecoder().decode(matcher.group(2).trim());
            } catch (IllegalArgumentException e) {
                throw new CertificateException("PEM block " + block + " is not valid base64", e);
            }
            certificates.addAll(readDer(der));
        }
        if (certificates.isEmpty()) {
            throw new CertificateException("PEM input holds no CERTIFICATE or PKCS7 block");
        }
        return certificates;
    }

    private static List<X509Certificate> readDer(byte[] der) throws CertificateException {
        CertificateFactory factory = CertificateFactory.getInstance("X.509");
        // generateCertificates reads one DER certificate as well as a PKCS#7 SignedData bundle.
        List<X509Certificate> certificates = new ArrayList<>();
        try {
            for (Certificate certificate : factory.generateCertificates(new ByteArrayInputStream(der))) {
                certificates.add((X509Certificate) certificate);
            }
        } catch (CertificateException e) {
            throw new CertificateException("not a DER certificate or PKCS#7 bundle: " + e.getMessage(), e);
        }
        if (certificates.isEmpty()) {
            throw new CertificateException("DER input holds no certificate");
        }
        return certificates;
    }
}
