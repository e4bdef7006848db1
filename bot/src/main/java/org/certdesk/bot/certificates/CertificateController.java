package org.certdesk.bot.certificates;

import java.util.Locale;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Hands the phone the certificate it lacks, as Android's installer wants it: DER, with the CA
 * certificate MIME type, as an attachment named after the certificate. Only issued certificates are
 * served; anything else (unknown or malformed fingerprint) is 404. With a valid {@code c} token, the
 * phone's Android version is read from its User-Agent and kept on its conversation; a bad token is
 * ignored, so the phone always gets its file.
 */
@RestController
class CertificateController {
    static final MediaType CA_CERTIFICATE = MediaType.parseMediaType("application/x-x509-ca-cert");
    private static final Logger log = LoggerFactory.getLogger(CertificateController.class);
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    private final IssuedCertificates issued;
    private final ConversationTokens tokens;
    private final AndroidVersions conversations;

    CertificateController(IssuedCertificates issued, ConversationTokens tokens, AndroidVersions conversations) {
        this.issued = issued;
        this.tokens = tokens;
        this.conversations = conversations;
    }

    @GetMapping("/certificates/{sha256}.crt")
    ResponseEntity<byte[]> download(@PathVariable("sha256") String sha256, @RequestParam(name = "c", required = false) String token,
            @RequestHeader(name = HttpHeaders.USER_AGENT, required = false) String userAgent) {
        if (!SHA256.matcher(sha256).matches()) {
            throw notFound();
        }
        IssuedCertificate certificate = issued.find(sha256.toLowerCase(Locale.ROOT)).orElseThrow(CertificateController::notFound);
        rememberAndroidVersion(token, userAgent);
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(CA_CERTIFICATE);
        headers.setContentDisposition(ContentDisposition.attachment()
                .filename(CertificateNames.fileName(certificate.name())).build());
        headers.set("X-Content-Type-Options", "nosniff");
        return new ResponseEntity<>(certificate.der(), headers, HttpStatus.OK);
    }

    private void rememberAndroidVersion(String token, String userAgent) {
        if (token == null) {
            return;
        }
        OptionalLong conversation = tokens.verify(token);
        OptionalInt apiLevel = AndroidUserAgent.apiLevel(userAgent);
        if (conversation.isEmpty() || apiLevel.isEmpty()) {
            return;
        }
        try {
            conversations.saveAndroidApiLevel(conversation.getAsLong(), apiLevel.getAsInt());
        } catch (RuntimeException e) {
            // The download matters more than the hint: serve the file anyway.
            log.warn("could not save the Android version of conversation #{}: {}", conversation.getAsLong(), e.toString());
        }
    }

    private static ErrorResponseException notFound() {
        return new ErrorResponseException(HttpStatus.NOT_FOUND,
                org.springframework.http.ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                        "No such certificate. Links are valid for certificates this service issued."), null);
    }
}
