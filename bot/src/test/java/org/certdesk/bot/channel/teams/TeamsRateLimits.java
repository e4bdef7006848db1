package org.certdesk.bot.channel.teams;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

/**
 * The Bot Connector's per-conversation rate limit, as Microsoft documents it for a bot (7 activities
 * a second, 8 in 2 seconds): an activity beyond it is refused with 429 and {@code Retry-After: 1}
 * instead of being shown. Only accepted activities count, timed on arrival.
 */
final class TeamsRateLimits implements ResponseDefinitionTransformerV2 {
    private static final Pattern ACTIVITIES = Pattern.compile("/teams/v3/conversations/([^/]+)/activities");
    private static final long SECOND = 1_000_000_000L;

    private final Map<String, Deque<Long>> accepted = new HashMap<>();

    @Override
    public String getName() {
        return "teams-rate-limits";
    }

    @Override
    public synchronized ResponseDefinition transform(ServeEvent event) {
        ResponseDefinition response = event.getResponseDefinition();
        Matcher activities = ACTIVITIES.matcher(event.getRequest().getUrl());
        if (!activities.matches() || response.getStatus() < 200 || response.getStatus() >= 300) {
            return response;
        }
        long now = System.nanoTime();
        Deque<Long> times = accepted.computeIfAbsent(activities.group(1), k -> new ArrayDeque<>());
        while (!times.isEmpty() && now - times.peekFirst() >= 2 * SECOND) {
            times.removeFirst();
        }
        long lastSecond = times.stream().filter(t -> now - t < SECOND).count();
        if (lastSecond >= 7 || times.size() >= 8) {
            return com.github.tomakehurst.wiremock.client.WireMock.aResponse().withStatus(429)
                    .withHeader("Retry-After", "1").withHeader("Content-Type", "application/json")
                    .withBody("{\"error\":{\"code\":\"Throttled\"}}").build();
        }
        times.addLast(now);
        return response;
    }
}
