package org.certdesk.manifest;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.regex.JoniRegularExpressionFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Microsoft's v1.29 schemas, from the copy in src/test/resources/teams-manifest-schema (see its
 * README for provenance and licence).
 *
 * <p>Both are draft-04 and reference only themselves ("#/definitions/..."); the draft-04 meta-schema
 * ships inside the validator. Remote fetching is switched off all the same, so that a future
 * schema with an external $ref fails here instead of quietly reaching for the network.
 */
final class Schemas {

    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4,
            builder -> builder
                    .schemaLoader(loader -> loader.fetchRemoteResources(false))
                    // The schema's patterns are ECMA-262 (JSON Schema says so) and some of them,
                    // "[...\b...]" for one, are not valid java.util.regex: joni reads them as ECMA-262.
                    .schemaRegistryConfig(SchemaRegistryConfig.builder()
                            .regularExpressionFactory(JoniRegularExpressionFactory.getInstance())
                            .build()));

    static final Schema MANIFEST = load("MicrosoftTeams.schema.v1.29.json");
    static final Schema LOCALIZATION = load("MicrosoftTeams.Localization.schema.v1.29.json");

    private Schemas() {
    }

    static List<String> errors(Schema schema, JsonNode document) {
        return schema.validate(document).stream().map(Error::toString).toList();
    }

    private static Schema load(String name) {
        try (InputStream in = Schemas.class.getResourceAsStream("/teams-manifest-schema/" + name)) {
            if (in == null) {
                throw new IllegalStateException("schema copy " + name + " missing from test resources");
            }
            return REGISTRY.getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
