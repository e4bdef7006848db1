package org.certdesk.bot.findings;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.certdesk.analyzer.LocalizedText;
import org.certdesk.analyzer.AndroidVersion;
import org.certdesk.bot.system.Languages;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** {@code GET /api/admin/findings} (role ADMIN, see the security package): the server findings. */
@RestController
@RequestMapping("/api/admin/findings")
class FindingsController {
    private final FindingStore findings;

    FindingsController(FindingStore findings) {
        this.findings = findings;
    }

    /** @param status {@code open} (the default), {@code closed} or {@code all}; newest first */
    @GetMapping
    List<Map<String, Object>> list(@RequestParam(name = "status", defaultValue = "open") String status,
            HttpServletRequest request) {
        Boolean open = switch (status.toLowerCase(Locale.ROOT)) {
            case "open" -> Boolean.TRUE;
            case "closed" -> Boolean.FALSE;
            case "all" -> null;
            default -> throw new ResponseStatusException(HttpStatus.BAD_REQUEST,
                    Languages.isFrench(request.getLocale()) ? "status doit valoir open, closed ou all."
                            : "status must be open, closed or all.");
        };
        String locale = Languages.isFrench(request.getLocale()) ? "fr" : "en";
        return findings.list(open).stream().map(f -> json(f, locale)).toList();
    }

    static Map<String, Object> json(ServerFinding f, String locale) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", f.id());
        json.put("status", f.open() ? "open" : "closed");
        json.put("host", f.host());
        json.put("port", f.port());
        json.put("code", f.code());
        json.put("codeText", FindingTexts.code(f.code(), locale));
        Map<String, Object> certificate = new LinkedHashMap<>();
        certificate.put("name", f.certificateName());
        certificate.put("sha256", f.certificateSha256());
        json.put("certificate", certificate);
        json.put("androidLevels", f.androidLevels());
        json.put("androidReleases", f.androidLevels().stream().map(AndroidVersion::release).toList());
        json.put("detail", f.detail());
        json.put("firstSeen", f.firstSeen());
        json.put("lastSeen", f.lastSeen());
        json.put("closedAt", f.closedAt());
        json.put("employeesAffected", f.employeesAffected());
        LocalizedText fix = ServerFixes.of(f);
        json.put("fix", Map.of("fr", fix.fr(), "en", fix.en()));
        return json;
    }
}
