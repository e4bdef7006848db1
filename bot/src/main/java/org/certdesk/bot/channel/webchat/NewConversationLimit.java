package org.certdesk.bot.channel.webchat;

import java.time.Clock;
import java.time.Duration;

import com.github.benmanes.caffeine.cache.Cache;
import org.certdesk.bot.shared.Caches;
import org.springframework.stereotype.Component;

/**
 * How many conversations one address may open per minute. {@code tokens/generate} needs no
 * credentials (the page is public unless sign-in is required) and each call stores a conversation:
 * without a limit, one script could fill the database. A person opens one chat, maybe a few after
 * reloads; the default allows far more than that. Per IPv4 address, per IPv6 /64 (one subscriber's
 * prefix: rotating addresses inside it does not help), within this instance; behind a reverse proxy,
 * the proxy's address unless forwarded headers are trusted. A throttle, not a quota: conversations
 * opened within the limit still add up.
 */
@Component
class NewConversationLimit {
    private static final long WINDOW_MILLIS = Duration.ofMinutes(1).toMillis();

    /** Fixed one-minute windows: {@code counts[0]} the window's start, {@code counts[1]} conversations in it. */
    private final Cache<String, long[]> windows = Caches.inline().maximumSize(100_000)
            .expireAfterAccess(Duration.ofMinutes(2)).build();
    private final int perMinute;
    private final Clock clock;

    NewConversationLimit(WebChatProperties properties, Clock clock) {
        this.perMinute = properties.conversationsPerMinute();
        this.clock = clock;
    }

    /** The IPv4 address, or the first four groups (/64) of an IPv6 one. */
    static String client(String address) {
        if (address == null || address.indexOf(':') < 0) {
            return String.valueOf(address);
        }
        try {
            byte[] bytes = java.net.InetAddress.getByName(address).getAddress(); // a literal: no lookup
            if (bytes.length == 16) {
                return java.util.HexFormat.of().formatHex(bytes, 0, 8) + "::/64";
            }
        } catch (java.net.UnknownHostException e) {
            // not a literal address: count it as it is
        }
        return address;
    }

    /** @throws DirectLineException 429 with the seconds to wait, when {@code address} opened too many */
    void check(String address) {
        long now = clock.millis();
        long[] window = windows.get(client(address), a -> new long[] {now, 0});
        long waitMillis;
        synchronized (window) {
            if (now - window[0] >= WINDOW_MILLIS) {
                window[0] = now;
                window[1] = 0;
            }
            if (window[1] < perMinute) {
                window[1]++;
                return;
            }
            waitMillis = window[0] + WINDOW_MILLIS - now;
        }
        throw DirectLineException.tooManyConversations(perMinute, Math.max(1, (waitMillis + 999) / 1000));
    }
}
