package io.clarion.briefing;

import io.clarion.store.ClusteredScheduler;
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

import javax.sql.DataSource;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.TimeZone;

/**
 * Quartz, with its JDBC job store in the app schema and clustering on: each skill's briefing job
 * fires on one instance only, and a job due while every instance was down fires once when one
 * comes back (or is skipped, as the skill's {@code misfire} says). A second job sends pending
 * deliveries every minute, so a briefing that could not be delivered is retried. A skill whose
 * model declares {@code retrain:} gets a third, retraining it on one instance; a retraining missed
 * while every instance was down is skipped and logged, never caught up (the next one is a week
 * away and training on a busy Monday morning would compete with the briefing it feeds).
 */
public final class BriefingScheduler implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(BriefingScheduler.class);
    static final String GROUP = "briefings";
    static final JobKey DELIVERIES = new JobKey("deliveries", GROUP);
    static final String RETRAIN_GROUP = "model-retraining";

    /** When a skill's job fires and what to do with a firing missed while no instance ran. */
    public record Schedule(String skill, String cron, ZoneId zone, boolean fireMissedOnce) {
    }

    /** When a skill's churn model is retrained (a missed retraining is always skipped). */
    public record Retraining(String skill, String cron, ZoneId zone) {
    }

    /** What a fired job does: build the skill's cycle and send it, send what is due, or retrain a model. */
    public interface Work {
        /** @param firedFor the time this firing was scheduled for (each is run by one instance only) */
        void runSkill(String skill, java.util.Date firedFor);

        void deliverDue();

        /** @param firedFor the time this retraining was scheduled for */
        default void retrain(String skill, java.util.Date firedFor) {
        }
    }

    /** A retraining that was due while no instance ran, found at start and skipped. */
    public record Missed(String skill, java.time.Instant due) {
    }

    static final long MISFIRE_THRESHOLD_MS = 60_000;

    private final Scheduler scheduler;
    private final List<Missed> missed;

    private BriefingScheduler(Scheduler scheduler, List<Missed> missed) {
        this.scheduler = scheduler;
        this.missed = missed;
    }

    /** Retrainings this instance found missed, at start or while it ran (each skipped and logged). */
    public List<Missed> missedRetrainings() {
        return List.copyOf(missed);
    }

    public static BriefingScheduler start(DataSource ds, String instanceName, List<Schedule> schedules, Work work,
                                          Duration deliveryInterval) {
        return start(ds, instanceName, schedules, List.of(), work, deliveryInterval);
    }

    public static BriefingScheduler start(DataSource ds, String instanceName, List<Schedule> schedules, List<Retraining> retrainings,
                                          Work work, Duration deliveryInterval) {
        return start(ds, instanceName, schedules, retrainings, work, deliveryInterval, MISFIRE_THRESHOLD_MS);
    }

    /** @param misfireThresholdMs how late a firing may be before it counts as missed (Quartz also looks for missed ones this often) */
    static BriefingScheduler start(DataSource ds, String instanceName, List<Schedule> schedules, List<Retraining> retrainings,
                                   Work work, Duration deliveryInterval, long misfireThresholdMs) {
        try {
            Scheduler s = ClusteredScheduler.create(ds, instanceName, 2, misfireThresholdMs);
            List<Missed> missed = new java.util.concurrent.CopyOnWriteArrayList<>();
            s.setJobFactory((bundle, sched) -> bundle.getJobDetail().getJobClass() == RetrainJob.class ? new RetrainJob(work)
                    : new BriefingJob(work));
            s.getListenerManager().addTriggerListener(new MissedRetraining(missed),
                    org.quartz.impl.matchers.GroupMatcher.triggerGroupEquals(RETRAIN_GROUP));
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
            for (Retraining r : retrainings) {
                // The stored trigger still due long ago: every instance was down when it should have fired.
                // Declaring the schedule again moves it to its next time, so this is where the skip is seen.
                Trigger before = s.getTrigger(new org.quartz.TriggerKey(r.skill(), RETRAIN_GROUP));
                if (before != null && before.getNextFireTime() != null
                        && before.getNextFireTime().getTime() < System.currentTimeMillis() - misfireThresholdMs) {
                    LOG.warnf("scheduled retraining of %s due %s was missed while no instance ran: skipped, not caught up",
                            r.skill(), before.getNextFireTime().toInstant());
                    missed.add(new Missed(r.skill(), before.getNextFireTime().toInstant()));
                }
                JobDetail job = JobBuilder.newJob(RetrainJob.class).withIdentity(r.skill(), RETRAIN_GROUP)
                        .usingJobData("skill", r.skill()).storeDurably().build();
                Trigger t = TriggerBuilder.newTrigger().withIdentity(r.skill(), RETRAIN_GROUP).forJob(job)
                        .withSchedule(CronScheduleBuilder.cronSchedule(r.cron()).inTimeZone(TimeZone.getTimeZone(r.zone()))
                                .withMisfireHandlingInstructionDoNothing())
                        .build();
                s.scheduleJob(job, Set.of(t), true);
            }
            JobDetail deliveries = JobBuilder.newJob(BriefingJob.class).withIdentity(DELIVERIES).storeDurably().build();
            Trigger every = TriggerBuilder.newTrigger().withIdentity(DELIVERIES.getName(), GROUP).forJob(deliveries)
                    .withSchedule(SimpleScheduleBuilder.simpleSchedule().withIntervalInMilliseconds(deliveryInterval.toMillis())
                            .repeatForever().withMisfireHandlingInstructionNextWithRemainingCount())
                    .build();
            s.scheduleJob(deliveries, Set.of(every), true);
            s.start();
            return new BriefingScheduler(s, missed);
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

    /**
     * Fires the skill's retraining job now, through the job store like a scheduled firing (on one
     * instance, never beside another retraining of the skill).
     */
    void fireRetraining(String skill) {
        try {
            scheduler.triggerJob(new JobKey(skill, RETRAIN_GROUP));
        } catch (SchedulerException e) {
            throw new IllegalStateException("could not fire the retraining of " + skill + ": " + e.getMessage(), e);
        }
    }

    /** When the skill's model is next retrained (null: it has no retraining schedule). */
    public java.util.Date nextRetraining(String skill) {
        return ClusteredScheduler.nextFireTime(scheduler, skill, RETRAIN_GROUP);
    }

    @Override
    public void close() {
        ClusteredScheduler.shutdown(scheduler, "briefing scheduler");
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

    /** A skill's scheduled retraining (job data "skill"); one at a time per skill across the cluster. */
    @DisallowConcurrentExecution
    public static final class RetrainJob implements Job {
        private final Work work;

        RetrainJob(Work work) {
            this.work = work;
        }

        @Override
        public void execute(JobExecutionContext context) {
            String skill = context.getMergedJobDataMap().getString("skill");
            try {
                work.retrain(skill, context.getScheduledFireTime());
            } catch (RuntimeException e) {
                // The briefing keeps its current promoted model (or its rules); the next retraining tries again.
                LOG.errorf("scheduled retraining of %s failed: %s", skill, e.getMessage());
            }
        }
    }

    /**
     * Says so when a retraining was missed: Quartz calls this (on whichever instance finds the
     * misfire) with the firing that was due, before moving the trigger to its next time.
     */
    static final class MissedRetraining extends org.quartz.listeners.TriggerListenerSupport {
        private final List<Missed> missed;

        MissedRetraining(List<Missed> missed) {
            this.missed = missed;
        }

        @Override
        public String getName() {
            return "missed-retraining";
        }

        @Override
        public void triggerMisfired(Trigger trigger) {
            // Still the firing that was missed: Quartz moves the trigger on after telling its listeners.
            java.util.Date due = trigger.getNextFireTime();
            // A misfire seen by a running scheduler: the store was out of reach or every worker was busy
            // past the threshold; "no instance ran" would send the reader looking for an outage.
            // Logged before it is listed, so whoever sees it listed finds the log line too.
            LOG.warnf("scheduled retraining of %s due %s was missed by the running scheduler (not fired within the misfire threshold): skipped, not caught up",
                    trigger.getKey().getName(), due == null ? "?" : due.toInstant());
            if (due != null) missed.add(new Missed(trigger.getKey().getName(), due.toInstant()));
        }
    }
}
