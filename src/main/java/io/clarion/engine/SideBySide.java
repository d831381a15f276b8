package io.clarion.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Independent warehouse reads run a few at a time on threads of their own, results in the order
 * of the inputs. A weekly cycle waits mostly on the warehouse (a query per recipient and key
 * metric), so a few at once keep its cores busy; more would only queue at the connection pool.
 */
public final class SideBySide {
    public static final int THREADS = 4;
    private static final AtomicInteger NAMES = new AtomicInteger();

    private SideBySide() {
    }

    /** Each read's result, in the order of the reads. */
    public static <R> List<R> run(List<java.util.function.Supplier<R>> reads, String name) {
        return map(reads, name, java.util.function.Supplier::get);
    }

    /**
     * The first failure in input order is rethrown as it was (a runtime exception), and the tasks
     * still running are interrupted.
     */
    public static <T, R> List<R> map(List<T> inputs, String name, Function<T, R> task) {
        if (inputs.isEmpty()) return List.of();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(THREADS, inputs.size()), r -> {
            Thread t = new Thread(r, name + "-" + NAMES.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<R>> futures = new ArrayList<>();
            for (T in : inputs) futures.add(pool.submit(() -> task.apply(in)));
            List<R> out = new ArrayList<>(inputs.size());
            for (Future<R> f : futures) {
                try {
                    out.add(f.get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException re) throw re;
                    if (e.getCause() instanceof Error err) throw err;
                    throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while waiting for " + name, e);
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
