package org.certdesk.bot.system;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The pool of {@link WorkerThreads#growing}: at most {@code max} threads, a new one started only when
 * none is free, and a task given to the free thread that waited least. So under a trickle of tasks
 * one thread takes them all, and the others, idle for the idle time, end: with a first-come hand-off
 * (a {@code ThreadPoolExecutor}'s queues) every thread a burst started gets a task now and then and
 * stays. Beyond {@code max} busy threads, tasks wait in order. One lock guards the free threads and
 * the waiting tasks together, so a thread never goes to sleep beside a task nobody will take.
 */
final class GrowingPool extends AbstractExecutorService {
    private final String name;
    private final int max;
    private final long idleNanos;
    private final ThreadFactory threads;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition allEnded = lock.newCondition();
    /** Free threads, the one that waited least first. */
    private final ArrayDeque<Free> free = new ArrayDeque<>();
    private final ArrayDeque<Runnable> waiting = new ArrayDeque<>();
    private final Set<Thread> started = new HashSet<>();
    private boolean stopping;

    /** A free thread, and the task given to it once it is taken. */
    private static final class Free {
        final Thread thread;
        Runnable task;

        Free(Thread thread) {
            this.thread = thread;
        }
    }

    GrowingPool(String name, int max, long idle, TimeUnit unit, ThreadFactory threads) {
        if (max < 1) {
            throw new IllegalArgumentException(name + ": at least one thread, not " + max);
        }
        this.name = name;
        this.max = max;
        this.idleNanos = unit.toNanos(idle);
        this.threads = threads;
    }

    @Override
    public void execute(Runnable task) {
        if (task == null) {
            throw new NullPointerException("task");
        }
        lock.lock();
        try {
            if (stopping) {
                throw new RejectedExecutionException(name + " is stopped");
            }
            Free taker = free.pollFirst();
            if (taker != null) {
                taker.task = task;
                LockSupport.unpark(taker.thread);
            } else if (started.size() < max) {
                Thread thread = threads.newThread(() -> work(task));
                started.add(thread);
                thread.start();
            } else {
                waiting.addLast(task);
            }
        } finally {
            lock.unlock();
        }
    }

    private void work(Runnable first) {
        try {
            for (Runnable task = first; task != null; task = next()) {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    // As a pool's thread would: reported, and the thread goes on with the next task.
                    Thread current = Thread.currentThread();
                    current.getUncaughtExceptionHandler().uncaughtException(current, e);
                }
            }
        } finally {
            lock.lock();
            try {
                ended(); // done already when next() ended the thread; this is for a task's Error
            } finally {
                lock.unlock();
            }
        }
    }

    /**
     * Under the lock: this thread no longer counts, from the moment it decides to end (a task given
     * then would otherwise wait beside a thread that takes no more).
     */
    private void ended() {
        started.remove(Thread.currentThread());
        if (started.isEmpty()) {
            allEnded.signalAll();
        }
    }

    /** The next task for this thread: one waiting, else one given while it is free; null to end. */
    private Runnable next() {
        Free self;
        lock.lock();
        try {
            Runnable queued = waiting.pollFirst();
            if (queued != null) {
                return queued;
            }
            if (stopping) {
                ended();
                return null;
            }
            self = new Free(Thread.currentThread());
            free.addFirst(self);
        } finally {
            lock.unlock();
        }
        long deadline = System.nanoTime() + idleNanos;
        while (true) {
            Thread.interrupted(); // a task's leftover interrupt would make every park return at once
            LockSupport.parkNanos(this, deadline - System.nanoTime());
            lock.lock();
            try {
                if (self.task != null) {
                    return self.task;
                }
                if (stopping || System.nanoTime() - deadline >= 0) {
                    free.remove(self);
                    ended();
                    return null;
                }
            } finally {
                lock.unlock();
            }
        }
    }

    @Override
    public void shutdown() {
        lock.lock();
        try {
            stopping = true;
            free.forEach(f -> LockSupport.unpark(f.thread));
            if (started.isEmpty()) {
                allEnded.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Runnable> shutdownNow() {
        lock.lock();
        try {
            shutdown();
            List<Runnable> left = new ArrayList<>(waiting);
            waiting.clear();
            started.forEach(Thread::interrupt);
            return left;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isShutdown() {
        lock.lock();
        try {
            return stopping;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean isTerminated() {
        lock.lock();
        try {
            return stopping && started.isEmpty();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
        long left = unit.toNanos(timeout);
        lock.lock();
        try {
            while (!(stopping && started.isEmpty())) {
                if (left <= 0) {
                    return false;
                }
                left = allEnded.awaitNanos(left);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** How many threads the pool has now, busy or free. */
    int threads() {
        lock.lock();
        try {
            return started.size();
        } finally {
            lock.unlock();
        }
    }
}
