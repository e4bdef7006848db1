package org.certdesk.bot.channel.webchat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;

import org.certdesk.dialogs.engine.UserInput;
import org.junit.jupiter.api.Test;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** What a browser may post, and what the bot keeps of it. */
class PostedActivityTests {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static PostedActivity read(String json) {
        return PostedActivity.read((ObjectNode) JSON.readTree(json));
    }

    @Test
    void typedTextIsTextForTheEngine() {
        PostedActivity posted = read("{\"type\":\"message\",\"text\":\"android 12\",\"locale\":\"fr-FR\"}");
        assertThat(posted.input()).isEqualTo(new UserInput.Text("android 12"));
        assertThat(posted.locale()).isEqualTo("fr-FR");
        assertThat(posted.userId()).as("a client that sends no user").isEqualTo("user");
    }

    @Test
    void aButtonValueIsTheChoiceWhateverTheTextSays() {
        assertThat(read("{\"type\":\"message\",\"text\":\"Android 11\",\"value\":\"android_11_plus\"}").input())
                .isEqualTo(new UserInput.Choice("android_11_plus"));
        assertThat(read("{\"type\":\"message\",\"value\":{\"choice\":\"installed\"}}").input())
                .isEqualTo(new UserInput.Choice("installed"));
        assertThat(read("{\"type\":\"message\",\"text\":\"done\",\"value\":{\"other\":1}}").input())
                .isEqualTo(new UserInput.Text("done"));
    }

    @Test
    void theEchoKeepsTheClientsChannelDataAndNothingElseItMadeUp() {
        PostedActivity posted = read("{\"type\":\"message\",\"id\":\"forged\",\"text\":\"hi\","
                + "\"from\":{\"id\":\"dl_1\",\"name\":\"Ana\",\"role\":\"bot\"},\"conversation\":{\"id\":\"other\"},"
                + "\"channelData\":{\"clientActivityID\":\"c-9\"},\"locale\":\"not a tag!\"}");
        JsonNode echo = posted.echo("conv1", 3, Instant.parse("2026-11-20T09:00:00Z"));
        assertThat(echo.get("id").stringValue()).isEqualTo("conv1|0000003");
        assertThat(echo.at("/conversation/id").stringValue()).isEqualTo("conv1");
        assertThat(echo.at("/from/id").stringValue()).isEqualTo("dl_1");
        assertThat(echo.at("/from/name").stringValue()).isEqualTo("Ana");
        assertThat(echo.at("/from/role").stringValue()).isEqualTo("user");
        assertThat(echo.at("/recipient/role").stringValue()).isEqualTo("bot");
        assertThat(echo.at("/channelData/clientActivityID").stringValue()).isEqualTo("c-9");
        assertThat(echo.at("/channelData/webchat:sequence-id").asLong()).isEqualTo(3);
        assertThat(echo.has("locale")).as("an ill-formed locale is dropped").isFalse();
    }

    @Test
    void whatCannotBeAMessageIsRefusedSayingWhy() {
        assertThatThrownBy(() -> read("{\"type\":\"conversationUpdate\"}")).isInstanceOf(DirectLineException.class)
                .hasMessage("Activities of type \"conversationUpdate\" are not accepted here, only \"message\".");
        assertThatThrownBy(() -> read("{\"type\":7}")).hasMessageStartingWith("The activity has no \"type\"");
        assertThatThrownBy(() -> read("{\"type\":\"message\"}"))
                .hasMessage("The message has neither a \"text\" nor a choice \"value\".");
        assertThatThrownBy(() -> read("{\"type\":\"message\",\"text\":\"" + "x".repeat(PostedActivity.MAX_TEXT + 1) + "\"}"))
                .hasMessage("\"text\" is longer than 4000 characters.");
        assertThatThrownBy(() -> read("{\"type\":\"message\",\"text\":\"hi\",\"from\":{\"id\":[]}}"))
                .hasMessage("\"id\" must be a string.");
    }
}
