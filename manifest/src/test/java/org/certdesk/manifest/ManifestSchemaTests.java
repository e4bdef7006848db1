package org.certdesk.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The package's JSON files against Microsoft's own v1.29 schemas. */
class ManifestSchemaTests {

    static java.util.stream.Stream<PackageUnderTest> packages() {
        return PackageUnderTest.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packages")
    void manifestMatchesTheTeamsManifestSchema(PackageUnderTest pkg) {
        assertThat(Schemas.errors(Schemas.MANIFEST, pkg.manifest())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packages")
    void frenchFileMatchesTheLocalizationSchema(PackageUnderTest pkg) {
        assertThat(Schemas.errors(Schemas.LOCALIZATION, pkg.json(TeamsPackage.FRENCH))).isEmpty();
    }

    @Test
    void manifestDeclaresTheSchemaVersionItWasCheckedAgainst() {
        // "const" is not a draft-04 keyword, so the validator does not enforce manifestVersion: this does.
        JsonNode manifest = PackageUnderTest.fromThisBuild().manifest();
        JsonNode schema = Schemas.MANIFEST.getSchemaNode();

        assertThat(manifest.path("manifestVersion").asString())
                .isEqualTo(schema.path("properties").path("manifestVersion").path("const").asString())
                .isEqualTo("1.29");
        assertThat(manifest.path("$schema").asString()).contains("/v1.29/MicrosoftTeams.schema.json");
    }

    @Test
    void schemaCatchesAMalformedBotIdAndAnUnknownProperty() {
        // Proves the schema copy is really applied: a validator that accepted everything would pass above.
        ObjectNode manifest = (ObjectNode) PackageUnderTest.fromThisBuild().manifest();
        ((ObjectNode) manifest.path("bots").get(0)).put("botId", "certdesk-bot");
        manifest.put("supportsEverything", true);

        assertThat(Schemas.errors(Schemas.MANIFEST, manifest))
                .anySatisfy(error -> assertThat(error).contains("botId"))
                .anySatisfy(error -> assertThat(error).contains("supportsEverything"));
    }

    @Test
    void schemaCatchesAFourthCommandListAndAnOverlongShortDescription() {
        ObjectNode manifest = (ObjectNode) PackageUnderTest.fromThisBuild().manifest();
        ArrayNode lists = (ArrayNode) manifest.path("bots").get(0).path("commandLists");
        lists.add(lists.get(0).deepCopy());
        lists.add(lists.get(0).deepCopy());
        ((ObjectNode) manifest.path("description")).put("short", "x".repeat(81));

        assertThat(Schemas.errors(Schemas.MANIFEST, manifest))
                .anySatisfy(error -> assertThat(error).contains("commandLists"))
                .anySatisfy(error -> assertThat(error).contains("/description/short").contains("80"));
    }

    @Test
    void localizationSchemaCatchesAMissingRequiredStringAndAStrayKey() {
        ObjectNode french = (ObjectNode) PackageUnderTest.fromThisBuild().json(TeamsPackage.FRENCH);
        french.remove("description.full");
        french.put("bots[0].commandLists[0].commands[0].titel", "aide");

        assertThat(Schemas.errors(Schemas.LOCALIZATION, french))
                .anySatisfy(error -> assertThat(error).contains("description.full"))
                .anySatisfy(error -> assertThat(error).contains("titel"));
    }
}
