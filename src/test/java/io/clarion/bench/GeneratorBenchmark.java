package io.clarion.bench;

import io.clarion.testing.TestDatabase;
import io.clarion.demo.DemoGenerator;
import io.clarion.demo.DemoSpec;
import io.clarion.demo.Progress;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.sql.Connection;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Prints generation time, rows per second and peak heap for growing scales (memory should not
 * grow with scale). Leaves the largest data set in place for {@link QueryBenchmark}.
 * {@code mvn -Pbenchmark test -Dtest='GeneratorBenchmark,QueryBenchmark' -Dsurefire.runOrder=alphabetical -DskipITs}
 */
class GeneratorBenchmark {
    @Test
    void generationTimeAndMemory() throws Exception {
        int big = Integer.getInteger("bench.scale", 100_000);
        System.out.printf("%nGENERATE (COPY into the embedded PostgreSQL, one transaction, indexes and ANALYZE included)%n");
        System.out.printf("  %10s %10s %12s %12s %14s%n", "customers", "seconds", "rows", "rows/s", "peak heap MiB");
        for (int scale : new int[]{10_000, big}) {
            DataSource ds = TestDatabase.freshDatabase("bench_" + scale);
            MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
            System.gc();
            AtomicLong peak = new AtomicLong(mem.getHeapMemoryUsage().getUsed());
            Thread sampler = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peak.accumulateAndGet(mem.getHeapMemoryUsage().getUsed(), Math::max);
                    try {
                        Thread.sleep(20);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            sampler.setDaemon(true);
            sampler.start();
            long t = System.nanoTime();
            Map<String, Long> counts;
            try (Connection c = ds.getConnection()) {
                counts = new DemoGenerator(new DemoSpec(42, scale, LocalDate.of(2026, 6, 15))).generate(c, Progress.NONE);
            }
            double secs = (System.nanoTime() - t) / 1e9;
            sampler.interrupt();
            long rows = counts.values().stream().mapToLong(Long::longValue).sum();
            System.out.printf("  %,10d %10.1f %,12d %,12d %14.0f%n", scale, secs, rows, (long) (rows / secs), peak.get() / 1048576.0);
            System.out.println("    " + counts);
        }
    }
}
