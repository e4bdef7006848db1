package org.certdesk.analyzer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TargetTests {
    @Test
    void parsesTheFormsPeopleType() {
        assertThat(Target.parse("sts.contoso.com")).isEqualTo(new Target("sts.contoso.com", 443));
        assertThat(Target.parse(" STS.Contoso.com.:8443 ")).isEqualTo(new Target("sts.contoso.com", 8443));
        assertThat(Target.parse("[2001:db8::1]:8443")).isEqualTo(new Target("2001:db8::1", 8443));
        assertThat(Target.parse("[2001:db8::1]").toString()).isEqualTo("[2001:db8::1]");
        assertThat(new Target("sts.contoso.com", 8443).toString()).isEqualTo("sts.contoso.com:8443");
    }

    @Test
    void refusesWhatIsNoHost() {
        for (String bad : new String[] {"", "https://sts.contoso.com/", "host:0", "host:99999", "host:port", "a b"}) {
            assertThatThrownBy(() -> Target.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("not a HOST[:PORT]");
        }
    }
}
