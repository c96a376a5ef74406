package io.kafkaops.orchestrator.host;

import io.kafkaops.orchestrator.ssh.HostUnreachable;

import java.io.IOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The one way to do something on every host at once. Every host's task runs to its end; a host that fails is
 * reported in its {@link HostResult} and the others go on - what a failure means (halt, skip the next phase) is the
 * caller's decision. Threads are its own: the common pool has one thread on a 2-core machine.
 */
public final class Fleet implements AutoCloseable {
    /** Work on one host; a {@link StepFailed} or {@link HostUnreachable} says what went wrong there. */
    @FunctionalInterface
    public interface HostTask<K, T> {
        T run(K host) throws IOException;
    }

    private final ExecutorService threads;

    /** @param forks how many hosts at most at once */
    public Fleet(int forks) {
        int n = Math.max(1, forks);
        this.threads = Executors.newFixedThreadPool(n, r -> {
            Thread t = new Thread(r, "fleet-host-io");
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code task} for every key at once (up to the forks) and waits for all; results in the keys' order. */
    public <K, T> Map<K, HostResult<T>> onEach(Collection<K> hosts, HostTask<K, T> task) {
        Map<K, Future<HostResult<T>>> running = new LinkedHashMap<>();
        for (K h : hosts) running.put(h, threads.submit(() -> attempt(h, task)));
        Map<K, HostResult<T>> done = new LinkedHashMap<>();
        running.forEach((h, f) -> {
            try {
                done.put(h, f.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            } catch (ExecutionException e) {
                done.put(h, new HostResult.Failed<>("-", "-", String.valueOf(e.getCause())));
            }
        });
        return done;
    }

    private static <K, T> HostResult<T> attempt(K host, HostTask<K, T> task) {
        try {
            return new HostResult.Done<>(task.run(host));
        } catch (StepFailed f) {
            return new HostResult.Failed<>(f.step(), f.result().command(), f.result().stderr().strip());
        } catch (HostUnreachable u) {
            return new HostResult.Unreachable<>(u.getMessage());
        } catch (IOException e) {
            return new HostResult.Failed<>("ssh", "-", String.valueOf(e.getMessage()));
        } catch (RuntimeException e) {
            return new HostResult.Failed<>("-", "-", e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        threads.shutdownNow();
    }
}
