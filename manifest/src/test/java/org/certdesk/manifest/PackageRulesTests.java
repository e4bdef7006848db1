package org.certdesk.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * What Teams checks on upload that the schema cannot say: file layout, icons, ids, domains, both
 * languages, and the display limits of Teams' validation (tighter than the schema's for commands).
 */
class PackageRulesTests {

    /** Teams' limits for bot commands; the schema allows 128 and 4000, Teams' validation does not. */
    static final int COMMAND_TITLE_MAX = 32;
    static final int COMMAND_DESCRIPTION_MAX = 128;

    static Stream<PackageUnderTest> packages() {
        return PackageUnderTest.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packages")
    void zipHoldsTheManifestIconsAndFrenchFileAtItsRootAndNothingElse(PackageUnderTest pkg) {
        assertThat(pkg.entries().keySet())
                .containsExactly("manifest.json", "color.png", "outline.png", "fr.json")
                .noneMatch(name -> name.contains("/") || name.contains("\\"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packages")
    void everyFileTheManifestNamesIsInTheZip(PackageUnderTest pkg) {
        JsonNode manifest = pkg.manifest();
        List<String> named = new ArrayList<>();
        named.add(manifest.path("icons").path("color").asString());
        named.add(manifest.path("icons").path("outline").asString());
        manifest.path("localizationInfo").path("additionalLanguages")
                .forEach(language -> named.add(language.path("file").asString()));

        assertThat(named).containsExactlyInAnyOrder("color.png", "outline.png", "fr.json");
        assertThat(pkg.entries()).containsKeys(named.toArray(String[]::new));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packages")
    void colorIconIs192SquareOpaqueWithTheAccentColourAsBackground(PackageUnderTest pkg) {
        BufferedImage icon = pkg.image("color.png");
        int accent = Integer.parseInt(pkg.manifest().path("accentColor").asString().substring(1), 16);

        assertThat(icon.getWidth()).isEqualTo(192);
        assertThat(icon.getHeight()).isEqualTo(192);
        for (int[] corner : new int[][] {{0, 0}, {191, 0}, {0, 191}, {191, 191}, {96, 2}}) {
            assertThat(icon.getRGB(corner[0], corner[1])).as("pixel %s,%s", corner[0], corner[1])
                    .isEqualTo(0xFF000000 | accent);
        }
        assertThat(icon.getRGB(96, 60) & 0xFFFFFF).as("the shield in the middle").isEqualTo(0xFFFFFF);
        assertThat(pixels(icon)).allMatch(argb -> argb >>> 24 == 0xFF, "opaque");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packages")
    void outlineIconIs32SquareWhiteOnTransparentWithoutPadding(PackageUnderTest pkg) {
        BufferedImage icon = pkg.image("outline.png");

        assertThat(icon.getWidth()).isEqualTo(32);
        assertThat(icon.getHeight()).isEqualTo(32);
        assertThat(icon.getColorModel().hasAlpha()).isTrue();
        assertThat(pixels(icon)).allMatch(argb -> argb >>> 24 == 0 || (argb & 0xFFFFFF) == 0xFFFFFF,
                "white or fully transparent");
        assertThat(icon.getRGB(0, 0) >>> 24).as("corner transparent").isZero();
        assertThat(icon.getRGB(16, 8) >>> 24).as("inside of the shield, above the check").isLessThan(0x80);
        assertThat(icon.getRGB(14, 19) >>> 24).as("the check mark's corner").isGreaterThan(0x80);
        int top = 32;
        int bottom = -1;
        for (int y = 0; y < 32; y++) {
            for (int x = 0; x < 32; x++) {
                if (icon.getRGB(x, y) >>> 24 > 0x80) {
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                }
            }
        }
        assertThat(bottom - top + 1).as("height of the symbol").isGreaterThanOrEqualTo(28);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packages")
    void appIdAndBotIdAreTheConfiguredGuids(PackageUnderTest pkg) {
        JsonNode manifest = pkg.manifest();
        String guid = "^[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}$";

        assertThat(manifest.path("id").asString()).matches(guid)
                .isEqualTo(pkg.settings().value(Setting.APP_ID));
        assertThat(manifest.path("bots")).hasSize(1);
        assertThat(manifest.path("bots").get(0).path("botId").asString()).matches(guid)
                .isEqualTo(pkg.settings().value(Setting.BOT_ID));
        assertThat(manifest.path("version").asString()).matches("^\\d+\\.\\d+\\.\\d+$")
                .isEqualTo(pkg.settings().value(Setting.APP_VERSION));
        assertThat(pkg.zip().getFileName().toString())
                .isEqualTo("certdesk-teams-app-" + manifest.path("version").asString() + ".zip");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packages")
    void validDomainsHoldTheHostOfThePublicBaseUrl(PackageUnderTest pkg) {
        String host = java.net.URI.create(pkg.settings().value(Setting.PUBLIC_BASE_URL)).getHost().toLowerCase(java.util.Locale.ROOT);

        assertThat(pkg.manifest().path("validDomains").valueStream().map(JsonNode::asString))
                .containsExactly(host)
                .allMatch(domain -> !domain.contains(":") && !domain.contains("/"), "a bare host");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packages")
    void developerSectionCarriesTheConfiguredNameAndPages(PackageUnderTest pkg) {
        JsonNode developer = pkg.manifest().path("developer");
        PackageSettings settings = pkg.settings();

        assertThat(developer.path("name").asString()).isEqualTo(settings.value(Setting.DEVELOPER_NAME));
        assertThat(developer.path("websiteUrl").asString()).isEqualTo(settings.value(Setting.DEVELOPER_WEBSITE_URL));
        assertThat(developer.path("privacyUrl").asString()).isEqualTo(settings.value(Setting.DEVELOPER_PRIVACY_URL));
        assertThat(developer.path("termsOfUseUrl").asString()).isEqualTo(settings.value(Setting.DEVELOPER_TERMS_URL));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packages")
    void botServesEmployeesAndTheHelpdeskTeamWithACommandListForEach(PackageUnderTest pkg) {
        JsonNode bot = pkg.manifest().path("bots").get(0);
        JsonNode lists = bot.path("commandLists");

        assertThat(strings(bot.path("scopes"))).containsExactlyInAnyOrder("personal", "team", "groupChat");
        assertThat(bot.path("supportsFiles").asBoolean(true)).isFalse();
        assertThat(bot.path("isNotificationOnly").asBoolean(true)).isFalse();
        assertThat(lists).hasSize(2);
        assertThat(strings(lists.get(0).path("scopes"))).containsExactly("personal");
        assertThat(strings(lists.get(1).path("scopes"))).containsExactlyInAnyOrder("team", "groupChat");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packages")
    void manifestIsEnglishWithFrenchInFrJson(PackageUnderTest pkg) {
        JsonNode localization = pkg.manifest().path("localizationInfo");

        assertThat(localization.path("defaultLanguageTag").asString()).isEqualTo("en");
        assertThat(localization.path("additionalLanguages")).hasSize(1);
        assertThat(localization.path("additionalLanguages").get(0).path("languageTag").asString()).isEqualTo("fr");
        assertThat(localization.path("additionalLanguages").get(0).path("file").asString()).isEqualTo("fr.json");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packages")
    void everyCommandHasAFrenchTitleAndDescriptionAndFrJsonHasNoStrayKey(PackageUnderTest pkg) {
        Map<String, String> english = commandTexts(pkg.manifest());
        JsonNode french = pkg.json("fr.json");
        List<String> frenchCommandKeys = french.propertyStream().map(Map.Entry::getKey)
                .filter(key -> key.startsWith("bots[")).toList();

        assertThat(english).hasSize(12);
        assertThat(frenchCommandKeys).containsExactlyInAnyOrderElementsOf(english.keySet());
        english.forEach((key, text) -> assertThat(french.path(key).asString())
                .as(key).isNotBlank().isNotEqualTo(text));
        for (String field : List.of("name.short", "name.full", "description.short", "description.full")) {
            assertThat(french.path(field).asString()).as(field).isNotBlank();
        }
        assertThat(french.path("description.full").asString()).isNotEqualTo(
                pkg.manifest().path("description").path("full").asString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packages")
    void commandTitlesAreWordsTheConversationUnderstands(PackageUnderTest pkg) {
        // Picking a command sends its title as the message, so each must contain the dialog's keyword.
        JsonNode french = pkg.json("fr.json");
        JsonNode lists = pkg.manifest().path("bots").get(0).path("commandLists");
        for (int list = 0; list < lists.size(); list++) {
            List<String> en = new ArrayList<>();
            List<String> fr = new ArrayList<>();
            for (int command = 0; command < lists.get(list).path("commands").size(); command++) {
                en.add(lists.get(list).path("commands").get(command).path("title").asString());
                fr.add(french.path(commandKey(list, command, "title")).asString());
            }
            assertThat(en).as("list %s in English", list).containsExactly("help", "restart", "talk to a human");
            assertThat(fr).as("list %s in French", list).containsExactly("aide", "recommencer", "parler à un humain");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("packages")
    void textsAreWithinTeamsLimitsInBothLanguages(PackageUnderTest pkg) {
        JsonNode manifest = pkg.manifest();
        JsonNode french = pkg.json("fr.json");
        Map<String, String> commands = commandTexts(manifest);

        assertLimit("name.short", manifest.path("name").path("short").asString(), french, 30);
        assertLimit("name.full", manifest.path("name").path("full").asString(), french, 100);
        assertLimit("description.short", manifest.path("description").path("short").asString(), french, 80);
        assertLimit("description.full", manifest.path("description").path("full").asString(), french, 4000);
        commands.forEach((key, text) -> assertLimit(key, text, french,
                key.endsWith(".title") ? COMMAND_TITLE_MAX : COMMAND_DESCRIPTION_MAX));
        assertThat(manifest.path("developer").path("name").asString()).hasSizeBetween(1, 32);
        assertThat(manifest.path("accentColor").asString()).matches("^#[0-9a-fA-F]{6}$");
    }

    private static void assertLimit(String key, String english, JsonNode french, int max) {
        assertThat(english).as("%s (en)", key).isNotBlank().hasSizeLessThanOrEqualTo(max);
        assertThat(french.path(key).asString()).as("%s (fr)", key).isNotBlank().hasSizeLessThanOrEqualTo(max);
    }

    /** "bots[0].commandLists[i].commands[j].title|description" to the English text, as fr.json keys them. */
    private static Map<String, String> commandTexts(JsonNode manifest) {
        Map<String, String> texts = new java.util.LinkedHashMap<>();
        JsonNode lists = manifest.path("bots").get(0).path("commandLists");
        for (int list = 0; list < lists.size(); list++) {
            JsonNode commands = lists.get(list).path("commands");
            for (int command = 0; command < commands.size(); command++) {
                for (String field : List.of("title", "description")) {
                    texts.put(commandKey(list, command, field), commands.get(command).path(field).asString());
                }
            }
        }
        return texts;
    }

    private static String commandKey(int list, int command, String field) {
        return "bots[0].commandLists[" + list + "].commands[" + command + "]." + field;
    }

    private static List<String> strings(JsonNode array) {
        return array.valueStream().map(JsonNode::asString).toList();
    }

    private static List<Integer> pixels(BufferedImage image) {
        List<Integer> pixels = new ArrayList<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                pixels.add(image.getRGB(x, y));
            }
        }
        return pixels;
    }
}
