package org.certdesk.bot.scripts;

import java.net.URI;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.certdesk.bot.actions.ActionCall;
import org.certdesk.bot.actions.ActionRunner;
import org.certdesk.bot.shared.ConversationKey;
import org.certdesk.dialogs.lint.Problem;
import org.certdesk.dialogs.load.LoadResult;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The admin API (role ADMIN, see the security package): scripts, versions, publish, rollback, diff,
 * the audit log, and the editor's helpers (lint as you type, the diagram, the preview). YAML goes in
 * and out as {@code application/yaml}, so scripts can be kept in git and published with curl.
 */
@RestController
@RequestMapping("/api/admin")
class ScriptsController {
    static final MediaType YAML = MediaType.parseMediaType("application/yaml;charset=UTF-8");
    private static final String[] YAML_TYPES = {"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml",
        "text/plain"};

    private final ScriptStore store;
    private final ScriptAdmin admin;
    private final PublishedScripts published;
    private final ActionRunner actions;

    ScriptsController(ScriptStore store, ScriptAdmin admin, PublishedScripts published, ActionRunner actions) {
        this.store = store;
        this.admin = admin;
        this.published = published;
        this.actions = actions;
    }

    @GetMapping("/scripts")
    List<ScriptStore.ScriptInfo> scripts() {
        return store.scripts();
    }

    /** The published version's YAML. */
    @GetMapping("/scripts/{id}")
    ResponseEntity<String> publishedYaml(@PathVariable("id") String id) {
        return store.publishedVersion(id).map(version -> yaml(id, version, false))
                .orElseGet(() -> notFound("No script '" + id + "'."));
    }

    @GetMapping("/scripts/{id}/versions")
    ResponseEntity<?> versions(@PathVariable("id") String id) {
        var publishedVersion = store.publishedVersion(id);
        if (publishedVersion.isEmpty()) {
            return notFound("No script '" + id + "'.");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", id);
        body.put("publishedVersion", publishedVersion.get());
        body.put("versions", store.versions(id));
        return ResponseEntity.ok(body);
    }

    /** One version's YAML, as a file to save (export). */
    @GetMapping("/scripts/{id}/versions/{version}")
    ResponseEntity<String> version(@PathVariable("id") String id, @PathVariable("version") int version) {
        return yaml(id, version, true);
    }

    /** Publishes a new version: 201 with its number, or 422 with the linter's problems (nothing stored). */
    @PutMapping(value = "/scripts/{id}", consumes = {"application/yaml", "application/x-yaml", "text/yaml",
        "text/x-yaml", "text/plain"})
    ResponseEntity<?> publish(@PathVariable("id") String id, @RequestBody(required = false) byte[] body,
            @RequestParam(name = "comment", required = false) String comment, Principal who, HttpServletRequest request) {
        if (!ScriptAdmin.SCRIPT_ID.matcher(id).matches() || id.length() > 64) {
            return rejected(List.of(new Problem(id + ".yaml", 0, 0,
                    "a script id is lower case words joined by '-' (e.g. android-missing-certificate), at most 64 characters")));
        }
        String yaml;
        try {
            yaml = ScriptText.decode(body);
        } catch (CharacterCodingException e) {
            return rejected(List.of(new Problem(id + ".yaml", 0, 0, "the file is not UTF-8 text")));
        }
        int version = admin.publish(id, yaml, new ScriptAdmin.Change(who.getName(), request.getRemoteAddr(), comment));
        Map<String, Object> created = new LinkedHashMap<>();
        created.put("id", id);
        created.put("version", version);
        created.put("published", true);
        return ResponseEntity.created(URI.create("/api/admin/scripts/" + id + "/versions/" + version)).body(created);
    }

    @PostMapping("/scripts/{id}/rollback/{version}")
    ResponseEntity<?> rollback(@PathVariable("id") String id, @PathVariable("version") int version,
            @RequestParam(name = "comment", required = false) String comment, Principal who, HttpServletRequest request) {
        if (!admin.rollback(id, version, new ScriptAdmin.Change(who.getName(), request.getRemoteAddr(), comment))) {
            return notFound("No version " + version + " of script '" + id + "'.");
        }
        return ResponseEntity.ok(Map.of("id", id, "publishedVersion", version));
    }

    @GetMapping("/scripts/{id}/diff")
    ResponseEntity<?> diff(@PathVariable("id") String id, @RequestParam("from") int from, @RequestParam("to") int to) {
        var a = store.yaml(id, from);
        var b = store.yaml(id, to);
        if (a.isEmpty() || b.isEmpty()) {
            return notFound("No version " + (a.isEmpty() ? from : to) + " of script '" + id + "'.");
        }
        return ResponseEntity.ok(Map.of("id", id, "from", from, "to", to, "lines", LineDiff.between(a.get(), b.get())));
    }

    @GetMapping("/audit")
    List<ScriptStore.AuditEntry> audit(@RequestParam(name = "limit", defaultValue = "200") int limit) {
        return store.audit(Math.max(1, Math.min(limit, 1000)));
    }

    /** The editor's check as the admin types: the problems, and the diagram of what could be read. */
    @PostMapping(value = "/lint", consumes = {"application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml",
        "text/plain"})
    Map<String, Object> lint(@RequestBody(required = false) byte[] body,
            @RequestParam(name = "id", required = false) String id) throws CharacterCodingException {
        boolean named = id != null && ScriptAdmin.SCRIPT_ID.matcher(id).matches();
        String file = (named ? id : "script") + ".yaml";
        String yaml = ScriptText.decode(body);
        Map<String, Object> out = new LinkedHashMap<>();
        // With the id it will be published under, the same checks as a publish (the id must match).
        out.put("problems", problems(named ? admin.problems(id, yaml) : published.loader().load(file, yaml).problems()));
        // What loads but is likely a mistake (a state phrase that is also a global intent's): shown, not blocking.
        out.put("warnings", problems(published.loader().load(file, yaml).warnings()));
        published.loader().graph(file, yaml).ifPresent(graph -> {
            out.put("graph", graph);
            out.put("mermaid", MermaidDiagram.of(graph));
        });
        return out;
    }

    /** One turn of the admin's preview chat on a draft; 422 when the draft does not lint. */
    @PostMapping(value = "/preview", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<?> preview(@RequestBody Preview.Request request, Principal who) {
        LoadResult loaded = published.loader().load("draft.yaml", request.yaml() == null ? "" : request.yaml());
        if (loaded instanceof LoadResult.Rejected rejected) {
            return rejected(rejected.problems());
        }
        try {
            // A real action runs as a conversation of its own channel, so certificates it issues are
            // recorded as issued to the admin's preview, not to an employee.
            return ResponseEntity.ok(Preview.turn(loaded.orElseThrow(), published.catalogue(), request,
                    action -> actions.run(new ActionCall(new ConversationKey("admin-preview", who.getName()), 0L,
                            request.locale() == null ? "fr" : request.locale(), null, action))));
        } catch (IllegalArgumentException e) {
            return ResponseEntity.badRequest().body(Map.of("detail", e.getMessage()));
        }
    }

    @ExceptionHandler(ScriptRejectedException.class)
    ResponseEntity<?> rejected(ScriptRejectedException e) {
        return rejected(e.problems());
    }

    /** PUT to an id that is not stored: nothing is created, the answer names the scripts there are. */
    @ExceptionHandler(UnknownScriptException.class)
    ResponseEntity<?> unknown(UnknownScriptException e) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "Not Found");
        body.put("status", 404);
        body.put("detail", e.getMessage() + " Only stored scripts can be published: " + String.join(", ", e.known()) + ".");
        body.put("knownScripts", e.known());
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(body);
    }

    @ExceptionHandler(CharacterCodingException.class)
    ResponseEntity<?> notUtf8(CharacterCodingException e) {
        return rejected(List.of(new Problem("script.yaml", 0, 0, "the file is not UTF-8 text")));
    }

    private static ResponseEntity<?> rejected(List<Problem> problems) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", "The script does not lint");
        body.put("status", HttpStatus.UNPROCESSABLE_CONTENT.value());
        body.put("problems", problems(problems));
        return ResponseEntity.unprocessableContent().contentType(MediaType.APPLICATION_JSON).body(body);
    }

    private static List<Map<String, Object>> problems(List<Problem> problems) {
        return problems.stream().map(p -> {
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("line", p.line());
            out.put("column", p.column());
            out.put("message", p.message());
            return out;
        }).toList();
    }

    private ResponseEntity<String> yaml(String id, int version, boolean download) {
        return store.yaml(id, version).map(text -> {
            HttpHeaders headers = new HttpHeaders();
            headers.setContentType(YAML);
            headers.set("X-Script-Version", Integer.toString(version));
            if (download) {
                headers.setContentDisposition(ContentDisposition.attachment()
                        .filename(id + "-v" + version + ".yaml", StandardCharsets.UTF_8).build());
            }
            return new ResponseEntity<>(text, headers, HttpStatus.OK);
        }).orElseGet(() -> notFound("No version " + version + " of script '" + id + "'."));
    }

    @SuppressWarnings("unchecked")
    private static <T> ResponseEntity<T> notFound(String detail) {
        return (ResponseEntity<T>) ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(Map.of("title", "Not Found", "status", 404, "detail", detail));
    }
}
