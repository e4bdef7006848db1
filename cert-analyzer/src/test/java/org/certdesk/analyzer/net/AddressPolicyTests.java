package org.certdesk.analyzer.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.UnknownHostException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressPolicyTests {

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            127.0.0.1               | loopback address
            127.255.255.254         | loopback address
            0.0.0.0                 | unspecified (0.0.0.0/8) address
            0.1.2.3                 | unspecified (0.0.0.0/8) address
            10.0.0.1                | private (RFC 1918) address
            172.16.0.1              | private (RFC 1918) address
            172.31.255.255          | private (RFC 1918) address
            192.168.1.10            | private (RFC 1918) address
            169.254.169.254         | link-local address
            100.64.0.1              | carrier-grade NAT (100.64.0.0/10) address
            100.127.255.255         | carrier-grade NAT (100.64.0.0/10) address
            224.0.0.1               | multicast address
            239.255.255.250         | multicast address
            255.255.255.255         | reserved (240.0.0.0/4) address
            172.15.255.255          | public
            172.32.0.1              | public
            192.169.0.1             | public
            100.63.255.255          | public
            100.128.0.1             | public
            169.255.0.1             | public
            8.8.8.8                 | public
            203.0.113.10            | public
            ::1                     | loopback address
            ::                      | unspecified (::) address
            fe80::1                 | link-local address
            febf:ffff::1            | link-local address
            fec0::1                 | site-local (fec0::/10) address
            fc00::1                 | unique-local (fc00::/7) address
            fd12:3456:789a::1       | unique-local (fc00::/7) address
            ff02::1                 | multicast address
            2001:4860:4860::8888    | public
            2606:4700::1111         | public
            """)
    void classifiesAddresses(String literal, String expected) throws Exception {
        InetAddress address = InetAddress.getByName(literal);

        assertThat(reasonOrPublic(address)).isEqualTo(expected);
        assertThat(AddressPolicy.publicOnly().isAllowed(address)).isEqualTo(expected.equals("public"));
        assertThat(AddressPolicy.allowingPrivate().isAllowed(address)).isTrue();
    }

    @ParameterizedTest(name = "::ffff:{0} and ::{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            127.0.0.1        | loopback address (IPv4 embedded in IPv6)
            10.1.2.3         | private (RFC 1918) address (IPv4 embedded in IPv6)
            192.168.0.1      | private (RFC 1918) address (IPv4 embedded in IPv6)
            169.254.169.254  | link-local address (IPv4 embedded in IPv6)
            100.64.1.1       | carrier-grade NAT (100.64.0.0/10) address (IPv4 embedded in IPv6)
            0.0.0.0          | unspecified (0.0.0.0/8) address (IPv4 embedded in IPv6)
            224.0.0.251      | multicast address (IPv4 embedded in IPv6)
            8.8.8.8          | public
            """)
    void classifiesIpv4EmbeddedInIpv6(String ipv4, String expected) throws Exception {
        Inet6Address mapped = embedded(ipv4, (byte) 0xff);
        Inet6Address compatible = embedded(ipv4, (byte) 0);

        assertThat(reasonOrPublic(mapped)).isEqualTo(expected);
        assertThat(AddressPolicy.publicOnly().isAllowed(mapped)).isEqualTo(expected.equals("public"));
        if (!ipv4.equals("0.0.0.0")) { // ::0.0.0.0 is "::" itself
            assertThat(reasonOrPublic(compatible)).isEqualTo(expected);
        }
    }

    @Test
    void jdkParsesMappedLiteralsToIpv4AndTheyAreStillRefused() throws Exception {
        InetAddress parsed = InetAddress.getByName("::ffff:127.0.0.1");

        assertThat(parsed).isInstanceOf(Inet4Address.class);
        assertThat(AddressPolicy.publicOnly().isAllowed(parsed)).isFalse();
    }

    @Test
    void refusesLocalhostByDefaultWithAMessageForTheHelpdesk() throws Exception {
        AddressPolicy policy = new AddressPolicy(false, name -> new InetAddress[] {InetAddress.getByName("127.0.0.1")});

        RefusedAddressException refused = catchThrowableOfType(RefusedAddressException.class,
                () -> policy.resolve("localhost"));

        assertThat(refused).hasMessage("refused to connect to localhost (127.0.0.1): loopback address;"
                + " use --allow-private for internal servers");
        assertThat(refused.host()).isEqualTo("localhost");
        assertThat(refused.address()).isEqualTo(InetAddress.getByName("127.0.0.1"));
        assertThat(refused.reason()).isEqualTo("loopback address");
    }

    @Test
    void refusesTheRealLocalhost() {
        assertThatThrownBy(() -> AddressPolicy.publicOnly().resolve("localhost"))
                .isInstanceOf(RefusedAddressException.class)
                .hasMessageStartingWith("refused to connect to localhost (")
                .hasMessageContaining("loopback address; use --allow-private for internal servers");
    }

    @Test
    void allowsLocalhostWhenPrivateAddressesAreAllowed() throws Exception {
        List<InetAddress> addresses = AddressPolicy.allowingPrivate().resolve("localhost");

        assertThat(addresses).isNotEmpty().allMatch(InetAddress::isLoopbackAddress);
        assertThat(AddressPolicy.allowingPrivate().allowsPrivate()).isTrue();
        assertThat(AddressPolicy.publicOnly().allowsPrivate()).isFalse();
    }

    @Test
    void namesAnIpLiteralOnceInTheMessage() {
        assertThatThrownBy(() -> AddressPolicy.publicOnly().resolve("10.0.0.5"))
                .isInstanceOf(RefusedAddressException.class)
                .hasMessage("refused to connect to 10.0.0.5: private (RFC 1918) address;"
                        + " use --allow-private for internal servers");
        assertThatThrownBy(() -> AddressPolicy.publicOnly().resolve("[::1]"))
                .isInstanceOf(RefusedAddressException.class)
                .hasMessage("refused to connect to [::1]: loopback address; use --allow-private for internal servers");
    }

    @Test
    void resolvesBracketedIpv6Literals() throws Exception {
        assertThat(AddressPolicy.allowingPrivate().resolve("[::1]")).containsExactly(InetAddress.getByName("::1"));
        assertThat(AddressPolicy.publicOnly().resolve("[2001:db8::1]"))
                .containsExactly(InetAddress.getByName("2001:db8::1"));
    }

    @Test
    void keepsOnlyAllowedAddressesInResolverOrder() throws Exception {
        InetAddress[] answer = {InetAddress.getByName("10.0.0.1"), InetAddress.getByName("2606:4700::1111"),
                InetAddress.getByName("127.0.0.1"), InetAddress.getByName("8.8.8.8")};

        assertThat(new AddressPolicy(false, name -> answer).resolve("mixed.example"))
                .containsExactly(answer[1], answer[3]);
        assertThat(new AddressPolicy(true, name -> answer).resolve("mixed.example")).containsExactly(answer);
    }

    @Test
    void reportsDnsFailureAsUnknownHost() {
        AddressPolicy policy = new AddressPolicy(false, name -> {
            throw new UnknownHostException(name);
        });

        assertThatThrownBy(() -> policy.resolve("nowhere.example"))
                .isExactlyInstanceOf(UnknownHostException.class)
                .hasMessage("cannot resolve host nowhere.example (DNS lookup failed)");
    }

    @Test
    void rejectsABlankHostInsteadOfResolvingItToLoopback() {
        assertThatThrownBy(() -> AddressPolicy.allowingPrivate().resolve(" "))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("' '");
    }

    @Test
    void tellsIpLiteralsFromNames() {
        assertThat(AddressPolicy.isIpLiteral("192.0.2.1")).isTrue();
        assertThat(AddressPolicy.isIpLiteral("127.1")).isTrue();
        assertThat(AddressPolicy.isIpLiteral("[::1]")).isTrue();
        assertThat(AddressPolicy.isIpLiteral("login.example.com")).isFalse();
        assertThat(AddressPolicy.isIpLiteral("1password.com")).isFalse();
    }

    private static String reasonOrPublic(InetAddress address) {
        String reason = AddressPolicy.refusalReason(address);
        return reason == null ? "public" : reason;
    }

    /** Builds ::ffff:a.b.c.d (marker 0xff) or ::a.b.c.d (marker 0) as an Inet6Address, which the JDK parser won't. */
    private static Inet6Address embedded(String ipv4, byte marker) throws Exception {
        byte[] bytes = new byte[16];
        bytes[10] = marker;
        bytes[11] = marker;
        System.arraycopy(InetAddress.getByName(ipv4).getAddress(), 0, bytes, 12, 4);
        return Inet6Address.getByAddress(null, bytes, (NetworkInterface) null);
    }
}
