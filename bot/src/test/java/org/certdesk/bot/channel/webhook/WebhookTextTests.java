package org.certdesk.bot.channel.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** From Teams' HTML to what the user typed. */
class WebhookTextTests {

    @Test
    void theWebhookMentionGoesAndGivesItsName() {
        WebhookText text = WebhookText.of("<at>certdesk</at>&nbsp;Android 11\n", null);

        assertThat(text.text()).isEqualTo("Android 11");
        assertThat(text.webhookName()).isEqualTo("certdesk");
    }

    @Test
    void aBareMentionLeavesNothing() {
        assertThat(WebhookText.of("<at>certdesk</at>", null).text()).isEmpty();
        assertThat(WebhookText.of("<div><at>certdesk</at>&nbsp;</div>", null).text()).isEmpty();
        assertThat(WebhookText.of(null, null)).isEqualTo(new WebhookText("", null));
    }

    @Test
    void htmlAroundTheTextGoesAndEntitiesAreDecoded() {
        WebhookText text = WebhookText.of("<div><div><at>Certdesk Helpdesk</at>&nbsp; C&#8217;est <b>téléchargé</b>"
                + " &amp; &lt;ok&gt;</div></div>", null);

        assertThat(text.text()).isEqualTo("C’est téléchargé & <ok>");
        assertThat(text.webhookName()).isEqualTo("Certdesk Helpdesk");
    }

    @Test
    void lineBreaksStayAndBlankLinesGo() {
        assertThat(WebhookText.of("<p><at>certdesk</at> first</p><p>&nbsp;</p><p>second<br/>third</p>", null).text())
                .isEqualTo("first\nsecond\nthird");
    }

    @Test
    void otherMentionsKeepTheirName() {
        WebhookText text = WebhookText.of("<at>certdesk</at> my colleague <at>Lou Durand</at> has it too", null);

        assertThat(text.text()).isEqualTo("my colleague Lou Durand has it too");
        assertThat(text.webhookName()).isEqualTo("certdesk");
    }

    @Test
    void theMentionEntityNamesWhichMentionIsTheWebhook() {
        WebhookText text = WebhookText.of("<at>Lou Durand</at> see <at id=\"1\">certdesk</at> 11",
                "<at id=\"1\">certdesk</at>");

        assertThat(text.text()).isEqualTo("Lou Durand see 11");
        assertThat(text.webhookName()).isEqualTo("certdesk");
    }
}
