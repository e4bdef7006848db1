package org.certdesk.bot.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.h2.mvstore.MVStore;

/**
 * H2's store lock, without which nothing is written to the file, held by a thread of its own from
 * construction until closed: what a disk that stops answering looks like to the store's writes.
 */
public final class HeldStoreLock implements AutoCloseable {
    private final CountDownLatch release = new CountDownLatch(1);
    private final Thread thread;

    public HeldStoreLock(MVStore store) throws InterruptedException {
        CountDownLatch holding = new CountDownLatch(1);
        thread = new Thread(() -> store.executeFilestoreOperation(() -> {
            holding.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }), "test-holds-the-store-lock");
        thread.start();
        boolean taken = holding.await(10, TimeUnit.SECONDS);
        if (!taken) {
            release.countDown(); // should it come later, it is let go at once
        }
        assertThat(taken).as("the store's lock taken").isTrue();
    }

    @Override
    public void close() throws InterruptedException {
        release.countDown();
        thread.join(10_000);
    }
}
