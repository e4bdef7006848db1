package org.certdesk.bot.shared;

import com.github.benmanes.caffeine.cache.Caffeine;

/** How the bot's in-memory caches are built. */
public final class Caches {
    private Caches() {}

    /**
     * A Caffeine builder whose upkeep (evictions, expiry) runs on the thread that used the cache, as
     * part of that call. Caffeine hands it to the JVM's common pool by default: a thread of its own
     * under load, woken after nearly every write (a turn puts the state it wrote, and evicts one), for
     * work that takes less time than the wake-up.
     */
    public static Caffeine<Object, Object> inline() {
        return Caffeine.newBuilder().executor(Runnable::run);
    }
}
