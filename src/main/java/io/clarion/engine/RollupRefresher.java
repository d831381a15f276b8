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
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Rebuilds the rollups that declare {@code refresh_every}, on Quartz with its JDBC job store in
 * the app schema and clustering on, so each refresh runs on one instance of a cluster. A job
 * fires at start and then every {@code refresh_every}, but builds only when the rollup is
 * missing, stale (another definition or reference date, past {@code max_age}) or older than
 * its interval: instances restarting do not rebuild what is current. Between refreshes a
 * rollup that went stale is not read (the raw tables answer, and explain says why).
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
                                 Consumer<String> build, Clock clock) {
        // A scheduler of its own (its own name in the shared job store): briefings and rollups
        // start, stop and fail independently.
        String name = instanceName + "-rollups";
        try {
            // One build at a time per instance: a build reads the warehouse hard.
            Scheduler s = ClusteredScheduler.create(store, name, 1, 60_000);
            Work work = new Work(status, build, clock);
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
        try {
            Trigger t = scheduler.getTrigger(new org.quartz.TriggerKey(rollup, GROUP));
            return t == null ? null : t.getNextFireTime();
        } catch (SchedulerException e) {
            return null;
        }
    }

    @Override
    public void close() {
        try {
            scheduler.shutdown(true);
        } catch (SchedulerException e) {
            LOG.warnf("the rollup refresh scheduler did not stop cleanly: %s", e.getMessage());
        }
    }

    /** Whether a rollup is due, and building it. */
    record Work(Function<String, Rollups.Status> status, Consumer<String> build, Clock clock) {
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
                // Logged, not rethrown: the next firing tries again, and meanwhile queries read the raw tables.
                LOG.errorf("refreshing rollup %s failed: %s", rollup, e.getMessage());
            }
        }
    }
}
