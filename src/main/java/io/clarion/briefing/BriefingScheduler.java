package io.clarion.briefing;

import org.jboss.logging.Logger;
import org.quartz.CronScheduleBuilder;
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
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TimeZone;

/**
 * Quartz, with its JDBC job store in the app schema and clustering on: each skill's briefing job
 * fires on one instance only, and a job due while every instance was down fires once when one
 * comes back (or is skipped, as the skill's {@code misfire} says). A second job sends pending
 * deliveries every minute, so a briefing that could not be delivered is retried.
 */
public final class BriefingScheduler implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(BriefingScheduler.class);
    static final String GROUP = "briefings";
    static final JobKey DELIVERIES = new JobKey("deliveries", GROUP);

    /** When a skill's job fires and what to do with a firing missed while no instance ran. */
    public record Schedule(String skill, String cron, ZoneId zone, boolean fireMissedOnce) {
    }

    /** What a fired job does: build the skill's cycle and send it, or send what is due. */
    public interface Work {
        /** @param firedFor the time this firing was scheduled for (each is run by one instance only) */
        void runSkill(String skill, java.util.Date firedFor);

        void deliverDue();
    }

    private final Scheduler scheduler;

    private BriefingScheduler(Scheduler scheduler) {
        this.scheduler = scheduler;
    }

    public static BriefingScheduler start(DataSource ds, String instanceName, List<Schedule> schedules, Work work,
                                          Duration deliveryInterval) {
        String provider = "clarion-" + instanceName;
        try {
            DBConnectionManager.getInstance().addConnectionProvider(provider, new PooledConnections(ds));
            Properties p = new Properties();
            p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_NAME, instanceName);
            p.setProperty(StdSchedulerFactory.PROP_SCHED_INSTANCE_ID, "AUTO");
            p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
            p.setProperty("org.quartz.threadPool.threadCount", "2");
            p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
            p.setProperty("org.quartz.jobStore.driverDelegateClass", "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
            p.setProperty("org.quartz.jobStore.tablePrefix", "clarion.qrtz_");
            p.setProperty("org.quartz.jobStore.dataSource", provider);
            p.setProperty("org.quartz.jobStore.isClustered", "true");
            p.setProperty("org.quartz.jobStore.clusterCheckinInterval", "5000");
            p.setProperty("org.quartz.jobStore.misfireThreshold", "60000");
            StdSchedulerFactory factory = new StdSchedulerFactory(p);
            Scheduler s = factory.getScheduler();
            s.setJobFactory((bundle, sched) -> new BriefingJob(work));
            for (Schedule sc : schedules) {
                JobDetail job = JobBuilder.newJob(BriefingJob.class).withIdentity(sc.skill(), GROUP)
                        .usingJobData("skill", sc.skill()).storeDurably().build();
                CronScheduleBuilder cron = CronScheduleBuilder.cronSchedule(sc.cron()).inTimeZone(TimeZone.getTimeZone(sc.zone()));
                cron = sc.fireMissedOnce() ? cron.withMisfireHandlingInstructionFireAndProceed()
                        : cron.withMisfireHandlingInstructionDoNothing();
                Trigger t = TriggerBuilder.newTrigger().withIdentity(sc.skill(), GROUP).forJob(job).withSchedule(cron).build();
                // Replace: every instance declares the same schedule at start; the store keeps one copy.
                s.scheduleJob(job, Set.of(t), true);
            }
            JobDetail deliveries = JobBuilder.newJob(BriefingJob.class).withIdentity(DELIVERIES).storeDurably().build();
            Trigger every = TriggerBuilder.newTrigger().withIdentity(DELIVERIES.getName(), GROUP).forJob(deliveries)
                    .withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(deliveryInterval.toMillis())
                            .repeatForever().withMisfireHandlingInstructionNextWithRemainingCount())
                    .build();
            s.scheduleJob(deliveries, Set.of(every), true);
            s.start();
            return new BriefingScheduler(s);
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not start the briefing scheduler: " + e.getMessage(), e);
        }
    }

    public java.util.Date nextFire(String skill) {
        try {
            Trigger t = scheduler.getTrigger(new org.quartz.TriggerKey(skill, GROUP));
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
            LOG.warnf("the briefing scheduler did not stop cleanly: %s", e.getMessage());
        }
    }

    /** A skill's weekly run (job data "skill"), or, without a skill, sending what is due. */
    @DisallowConcurrentExecution
    public static final class BriefingJob implements Job {
        private final Work work;

        BriefingJob(Work work) {
            this.work = work;
        }

        @Override
        public void execute(JobExecutionContext context) {
            String skill = context.getMergedJobDataMap().getString("skill");
            try {
                if (skill == null) work.deliverDue();
                else work.runSkill(skill, context.getScheduledFireTime());
            } catch (RuntimeException e) {
                // Logged, not rethrown: the next firing (and the delivery job) still run.
                LOG.errorf("%s failed: %s", skill == null ? "sending due briefings" : "briefing " + skill, e.getMessage());
            }
        }
    }

    /** Quartz borrows connections from our pool instead of opening its own. */
    private record PooledConnections(DataSource ds) implements ConnectionProvider {
        @Override
        public Connection getConnection() throws SQLException {
            return ds.getConnection();
        }

        @Override
        public void shutdown() {
        }

        @Override
        public void initialize() {
        }
    }
}
