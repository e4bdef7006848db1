package org.certdesk.bot.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * A growing pool ({@link WorkerThreads#growing}) starts a thread only when none is free, keeps to its
 * maximum, lets the threads a burst started end once a trickle needs only one, and runs every task.
 */
class GrowingPoolTests {

    @Test
    void tasksOneAfterTheOtherShareOneThread() throws Exception {
        ExecutorService pool = WorkerThreads.growing("test-serial", 16);
        try {
            Set<String> threads = ConcurrentHashMap.newKeySet();
            for (int i = 0; i < 50; i++) {
                pool.submit(() -> threads.add(Thread.currentThread().getName())).get(10, TimeUnit.SECONDS);
                // The thread that ran it must be waiting for work again before the next one comes.
                awaitIdle("test-serial");
            }
            assertThat(threads).as("a fixed pool would have started 16").hasSize(1);
        } finally {
            WorkerThreads.stopGracefully(pool);
        }
    }

    @Test
    void busyThreadsAreAddedUpToTheMaximumAndTheRestWaitsItsTurn() throws Exception {
        ExecutorService pool = WorkerThreads.growing("test-busy", 3);
        try {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch started = new CountDownLatch(3);
            Set<String> threads = ConcurrentHashMap.newKeySet();
            List<Future<?>> tasks = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                tasks.add(pool.submit(() -> {
                    threads.add(Thread.currentThread().getName());
                    started.countDown();
                    release.await();
                    return null;
                }));
            }
            assertThat(started.await(10, TimeUnit.SECONDS)).as("three run at once").isTrue();
            assertThat(tasks.get(3).isDone()).as("the fourth waits for a free thread").isFalse();
            release.countDown();
            for (Future<?> task : tasks) {
                task.get(10, TimeUnit.SECONDS);
            }
            assertThat(threads).as("never more than the maximum").hasSize(3);
        } finally {
            WorkerThreads.stopGracefully(pool);
        }
    }

    @Test
    void afterABurstATrickleKeepsOneThreadAndTheOthersEnd() throws Exception {
        GrowingPool pool = new GrowingPool("test-trickle", 4, 400, TimeUnit.MILLISECONDS,
                WorkerThreads.named("test-trickle"));
        try {
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch started = new CountDownLatch(4);
            List<Future<?>> burst = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                burst.add(pool.submit(() -> {
                    started.countDown();
                    release.await();
                    return null;
                }));
            }
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            release.countDown();
            for (Future<?> task : burst) {
                task.get(10, TimeUnit.SECONDS);
            }
            assertThat(pool.threads()).isEqualTo(4);

            // A task every 20 ms for 1.2 s: with the first-come hand-off of a ThreadPoolExecutor each of
            // the four would get one every 80 ms, and none would ever be idle for 400 ms.
            Set<String> threads = ConcurrentHashMap.newKeySet();
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1200);
            while (System.nanoTime() < end) {
                pool.submit(() -> threads.add(Thread.currentThread().getName())).get(10, TimeUnit.SECONDS);
                awaitIdle("test-trickle"); // free again before the next, as it would be 20 ms later anyway
                Thread.sleep(20);
            }
            assertThat(pool.threads()).as("the three the trickle did not need ended").isEqualTo(1);
            assertThat(threads).hasSize(1);
        } finally {
            WorkerThreads.stopGracefully(pool);
        }
    }

    @Test
    void aStopLetsRunningAndWaitingTasksFinish() throws Exception {
        ExecutorService pool = WorkerThreads.growing("test-stop", 1);
        CountDownLatch running = new CountDownLatch(1);
        List<String> done = Collections.synchronizedList(new ArrayList<>());
        pool.execute(() -> {
            running.countDown();
            sleep(200);
            done.add("running");
        });
        pool.execute(() -> done.add("waiting"));
        assertThat(running.await(10, TimeUnit.SECONDS)).isTrue();
        WorkerThreads.stopGracefully(pool);
        assertThat(pool.isTerminated()).isTrue();
        assertThat(done).containsExactly("running", "waiting");
    }

    @Test
    void aStoppedPoolRefusesWork() {
        ExecutorService pool = WorkerThreads.growing("test-stopped", 2);
        WorkerThreads.stopGracefully(pool);
        assertThatThrownBy(() -> pool.execute(() -> {})).isInstanceOf(RejectedExecutionException.class);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Until every thread of the pool waits for work (a finished task's thread is not waiting yet). */
    private static void awaitIdle(String prefix) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline && Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.getName().startsWith(prefix + "-") && t.getState() != Thread.State.TIMED_WAITING)) {
            Thread.sleep(1);
        }
    }
}
