package org.certdesk.bot.channel.webchat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.certdesk.bot.system.CertdeskProperties;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The web chat page at {@code /} and what it needs to know: its texts in the browser's language and
 * the hosts the analyzer checks. The page is static HTML; {@code webchat/page.js} fills it in.
 */
@RestController
class PageController {
    private static final MediaType HTML = MediaType.parseMediaType("text/html;charset=UTF-8");
    private static final Resource PAGE = new ClassPathResource("static/index.html");
    private static final Resource SIGN_IN_REQUIRED = new ClassPathResource("static/webchat/sign-in-required.html");

    private final SignIn signIn;
    private final List<String> hosts;

    PageController(SignIn signIn, CertdeskProperties properties) {
        this.signIn = signIn;
        List<String> checked = new ArrayList<>(properties.analyzer().hosts());
        if (properties.analyzer().adfsHost() != null && !properties.analyzer().adfsHost().isBlank()) {
            checked.add(properties.analyzer().adfsHost());
        }
        this.hosts = List.copyOf(checked);
    }

    /** The chat page; with sign-in required and nobody signed in, a page that says so (403). */
    @GetMapping("/")
    ResponseEntity<Resource> page(HttpServletRequest request) {
        boolean open = signIn.allows(request);
        return ResponseEntity.status(open ? HttpStatus.OK : HttpStatus.FORBIDDEN).contentType(HTML)
                .cacheControl(CacheControl.noCache()).body(open ? PAGE : SIGN_IN_REQUIRED);
    }

    /** @param locale the browser's language ({@code navigator.language}) */
    @GetMapping("/webchat/settings")
    ResponseEntity<Map<String, Object>> settings(@RequestParam(name = "locale", required = false) String locale,
            HttpServletRequest request) {
        PageTexts.Language language = PageTexts.languageOf(locale);
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("lang", language.lang());
        settings.put("locale", language.locale());
        settings.put("open", signIn.allows(request));
        settings.put("hosts", hosts);
        settings.put("texts", PageTexts.in(language));
        return ResponseEntity.ok().cacheControl(CacheControl.noCache()).body(settings);
    }
}
