package io.clarion.engine;

import io.clarion.catalog.model.Rollup;
import io.clarion.store.ClusteredScheduler;
import org.jboss.logging.Logger;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.JobKey;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.matchers.GroupMatcher;

import javax.sql.DataSource;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Rebuilds the rollups that declare {@code refresh_every}, on Quartz with its JDBC job store in
 * the app schema and clustering on, so each refresh runs on one instance of a cluster. A job
 * fires at start and then every {@code refresh_every}, but builds only when the rollup is
 * missing, stale (another definition or reference date, past {@code max_age}) or older than
 * its interval: instances restarting do not rebuild what is current. Between refreshes a
 * rollup that went stale is not read (the raw tables answer, and explain says why). A build
 * that fails is recorded in the app store (the rollups' status shows it until a build succeeds)
 * and retried sooner than the schedule would, after a delay that doubles with each failure in a
 * row; once that delay reaches the interval the schedule's own firings are the retries.
 */
public final class RollupRefresher implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(RollupRefresher.class);
    static final String GROUP = "rollups";

    private final Scheduler scheduler;

    private RollupRefresher(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * @param status the rollup's current state
     * @param build  rebuilds the rollup (the engine's raw query service builds it)
     */
    static RollupRefresher start(DataSource store, String instanceName, List<Rollup> rollups, Function<String, Rollups.Status> status,
                                 Consumer<String> build, BiFunction<String, String, Rollups.Failure> failed, Duration firstRetry, Clock clock) {
        // A scheduler of its own (its own name in the shared job store): briefings and rollups
        // start, stop and fail independently.
        String name = instanceName + "-rollups";
        try {
            // One build at a time per instance: a build reads the warehouse hard.
            Scheduler s = ClusteredScheduler.create(store, name, 1, 60_000);
            Work work = new Work(status, build, failed, firstRetry, clock);
            s.setJobFactory((bundle, sched) -> new RefreshJob(work));
            Set<String> declared = new java.util.HashSet<>();
            for (Rollup r : rollups) {
                if (r.refreshEvery() == null) continue;
                declared.add(r.name());
                JobDetail job = JobBuilder.newJob(RefreshJob.class).withIdentity(r.name(), GROUP)
                        .usingJobData("rollup", r.name()).usingJobData("every_ms", r.refreshEvery().toMillis()).storeDurably().build();
                Trigger t = TriggerBuilder.newTrigger().withIdentity(r.name(), GROUP).forJob(job).startNow()
                        .withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(r.refreshEvery().toMillis())
                                .repeatForever().withMisfireHandlingInstructionNowWithExistingCount())
                        .build();
                // Replace: every instance declares the same jobs at start; the store keeps one copy.
                s.scheduleJob(job, Set.of(t), true);
            }
            // A rollup no longer declared, or no longer refreshed, has its job removed.
            for (JobKey k : s.getJobKeys(GroupMatcher.jobGroupEquals(GROUP))) {
                if (!declared.contains(k.getName())) s.deleteJob(k);
            }
            s.start();
            return new RollupRefresher(s);
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not start the rollup refresh scheduler: " + e.getMessage(), e);
        }
    }

    /** When the rollup's next refresh is due, or null when nothing refreshes it. */
    public java.util.Date nextRefresh(String rollup) {
        return ClusteredScheduler.nextFireTime(scheduler, rollup, GROUP);
    }

    @Override
    public void close() {
        ClusteredScheduler.shutdown(scheduler, "rollup refresh scheduler");
    }

    /** Whether a rollup is due, building it, and what a failed build means for the next try. */
    record Work(Function<String, Rollups.Status> status, Consumer<String> build, BiFunction<String, String, Rollups.Failure> failed,
                Duration firstRetry, Clock clock) {
        /** The longest wait between retries, whatever the interval. */
        static final Duration MAX_RETRY = Duration.ofHours(1);

        /**
         * How long after the {@code attempts}-th failure in a row to try again, or null when the
         * schedule's next firing (every {@code every}) comes as soon.
         */
        Duration retryDelay(int attempts, Duration every) {
            Duration delay = firstRetry.multipliedBy(1L << Math.min(20, Math.max(0, attempts - 1)));
            if (delay.compareTo(MAX_RETRY) > 0) delay = MAX_RETRY;
            return delay.compareTo(every) >= 0 ? null : delay;
        }

        /** Builds {@code rollup} when missing, stale or older than {@code every}; true when it built. */
        boolean refresh(String rollup, Duration every) {
            Rollups.Status s = status.apply(rollup);
            // A little slack: a firing a few seconds early must not skip a whole interval.
            boolean due = !s.fresh() || Duration.between(s.builtAt(), clock.instant()).compareTo(every.minusSeconds(30)) >= 0;
            if (!due) return false;
            build.accept(rollup);
            return true;
        }
    }

    @DisallowConcurrentExecution
    public static final class RefreshJob implements Job {
        private final Work work;

        RefreshJob(Work work) {
            this.work = work;
        }

        @Override
        public void execute(JobExecutionContext context) {
            String rollup = context.getMergedJobDataMap().getString("rollup");
            Duration every = Duration.ofMillis(context.getMergedJobDataMap().getLong("every_ms"));
            try {
                if (work.refresh(rollup, every)) LOG.infof("refreshed rollup %s", rollup);
            } catch (RuntimeException e) {
                // Not rethrown: recorded for the status, tried again soon; meanwhile queries read the raw tables.
                LOG.errorf("refreshing rollup %s failed: %s", rollup, e.getMessage());
                retryLater(context, rollup, every, e);
            }
        }

        private void retryLater(JobExecutionContext context, String rollup, Duration every, RuntimeException cause) {
            try {
                Rollups.Failure f = work.failed().apply(rollup, cause.getMessage());
                Duration delay = work.retryDelay(f.attempts(), every);
                org.quartz.TriggerKey key = new org.quartz.TriggerKey(rollup + ".retry", GROUP);
                Scheduler s = context.getScheduler();
                s.unscheduleJob(key);
                if (delay == null) return;
                s.scheduleJob(TriggerBuilder.newTrigger().withIdentity(key).forJob(context.getJobDetail().getKey())
                        .startAt(java.util.Date.from(work.clock().instant().plus(delay))).build());
                LOG.infof("rollup %s: %d failed build(s) in a row, next try in %s", rollup, f.attempts(), delay);
            } catch (RuntimeException | SchedulerException e) {
                LOG.errorf("rollup %s: the failed build could not be recorded or its retry scheduled: %s", rollup, e.getMessage());
            }
        }
    }
}
