package io.clarion.briefing;

import io.clarion.store.AppStore;
import io.clarion.testing.TestDatabase;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A model's retraining is its own job on the clustered scheduler: declared from the skill's cron,
 * and when every instance was down at its time, the next start skips it (saying so) instead of
 * training late.
 */
class RetrainingScheduleTest {
    @Test
    void aRetrainingMissedWhileNoInstanceRanIsSkippedAndReportedNotCaughtUp() throws Exception {
        DataSource ds = TestDatabase.freshDatabase("clarion_retrain_schedule");
        AppStore.migrate(ds);
        List<String> trained = new CopyOnWriteArrayList<>();
        BriefingScheduler.Work work = new BriefingScheduler.Work() {
            @Override
            public void runSkill(String skill, java.util.Date firedFor) {
            }

            @Override
            public void deliverDue() {
            }

            @Override
            public void retrain(String skill, java.util.Date firedFor) {
                trained.add(skill + " " + firedFor.toInstant());
            }
        };
        List<BriefingScheduler.Retraining> sundays = List.of(new BriefingScheduler.Retraining("some-risk-skill", "0 0 2 ? * SUN", ZoneOffset.UTC));
        try (BriefingScheduler first = BriefingScheduler.start(ds, "retrain-test", List.of(), sundays, work, Duration.ofHours(1))) {
            assertEquals(List.of(), first.missedRetrainings());
            ZonedDateTime next = first.nextRetraining("some-risk-skill").toInstant().atZone(ZoneOffset.UTC);
            assertEquals(DayOfWeek.SUNDAY, next.getDayOfWeek());
            assertEquals(2, next.getHour());
            assertEquals(null, first.nextRetraining("a-skill-without-retraining"));
        }
        // Every instance down while it was due three days ago.
        long due = System.currentTimeMillis() - Duration.ofDays(3).toMillis();
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("UPDATE clarion.qrtz_triggers SET next_fire_time = ? WHERE trigger_group = ? AND trigger_name = ?")) {
            ps.setLong(1, due);
            ps.setString(2, BriefingScheduler.RETRAIN_GROUP);
            ps.setString(3, "some-risk-skill");
            assertEquals(1, ps.executeUpdate());
        }
        try (BriefingScheduler second = BriefingScheduler.start(ds, "retrain-test", List.of(), sundays, work, Duration.ofHours(1))) {
            assertEquals(List.of(new BriefingScheduler.Missed("some-risk-skill", java.time.Instant.ofEpochMilli(due))), second.missedRetrainings());
            // Skipped: the trigger waits for the next Sunday instead of firing now.
            assertTrue(second.nextRetraining("some-risk-skill").getTime() > System.currentTimeMillis(), "next retraining is in the future");
            try (Connection c = ds.getConnection();
                 PreparedStatement ps = c.prepareStatement("SELECT misfire_instr FROM clarion.qrtz_triggers WHERE trigger_group = ?")) {
                ps.setString(1, BriefingScheduler.RETRAIN_GROUP);
                try (var rs = ps.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(org.quartz.CronTrigger.MISFIRE_INSTRUCTION_DO_NOTHING, rs.getInt(1));
                }
            }
        }
        assertEquals(List.of(), trained, "nothing was trained late");
    }

    /** Records what was trained (skill and the time the firing was for), and lets a test wait for it. */
    static final class Trainings implements BriefingScheduler.Work {
        final java.util.concurrent.BlockingQueue<String> done = new java.util.concurrent.LinkedBlockingQueue<>();

        @Override
        public void runSkill(String skill, java.util.Date firedFor) {
        }

        @Override
        public void deliverDue() {
        }

        @Override
        public void retrain(String skill, java.util.Date firedFor) {
            done.add(skill);
        }
    }

    /** The scheduler's own warnings, as its logger writes them. */
    static final class Warnings extends java.util.logging.Handler implements AutoCloseable {
        final List<String> lines = new CopyOnWriteArrayList<>();
        final java.util.logging.Logger logger = java.util.logging.Logger.getLogger(BriefingScheduler.class.getName());

        Warnings() {
            logger.addHandler(this);
        }

        @Override
        public void publish(java.util.logging.LogRecord r) {
            if (r.getLevel().intValue() >= java.util.logging.Level.WARNING.intValue()) {
                Object[] p = r.getParameters();
                lines.add(p == null || p.length == 0 ? r.getMessage() : String.format(r.getMessage(), p));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
        }
    }

    @Test
    void aFiredRetrainingJobRunsTheRetrainingOnceForItsSkill() throws Exception {
        DataSource ds = TestDatabase.freshDatabase("clarion_retrain_fire");
        AppStore.migrate(ds);
        Trainings work = new Trainings();
        List<BriefingScheduler.Retraining> sundays = List.of(new BriefingScheduler.Retraining("some-risk-skill", "0 0 2 ? * SUN", ZoneOffset.UTC),
                new BriefingScheduler.Retraining("another-risk-skill", "0 0 3 ? * SUN", ZoneOffset.UTC));
        try (BriefingScheduler s = BriefingScheduler.start(ds, "retrain-fire-test", List.of(), sundays, work, Duration.ofHours(1))) {
            java.util.Date next = s.nextRetraining("some-risk-skill");
            s.fireRetraining("some-risk-skill");
            // A guard against a hang, not a measure: the job runs on the scheduler's own thread.
            assertEquals("some-risk-skill", work.done.poll(60, java.util.concurrent.TimeUnit.SECONDS), "the job ran the retraining");
            assertEquals(next, s.nextRetraining("some-risk-skill"), "firing it by hand leaves the weekly schedule as it was");
            assertEquals(List.of(), s.missedRetrainings());
        }
        assertEquals(List.of(), List.copyOf(work.done), "only the skill fired was retrained, once");
    }

    @Test
    void aRetrainingThatFallsDueUnfiredWhileTheSchedulerRunsIsSkippedAndLogged() throws Exception {
        DataSource ds = TestDatabase.freshDatabase("clarion_retrain_misfire");
        AppStore.migrate(ds);
        Trainings work = new Trainings();
        List<BriefingScheduler.Retraining> sundays = List.of(new BriefingScheduler.Retraining("some-risk-skill", "0 0 2 ? * SUN", ZoneOffset.UTC));
        // A short threshold: Quartz looks for missed firings this often, so the test need not wait a minute.
        try (Warnings warnings = new Warnings();
             BriefingScheduler s = BriefingScheduler.start(ds, "retrain-misfire-test", List.of(), sundays, work, Duration.ofHours(1), 1_000)) {
            assertEquals(List.of(), s.missedRetrainings());
            // Due three days ago and never fired: as when the database was out of reach at its time.
            long due = System.currentTimeMillis() - Duration.ofDays(3).toMillis();
            try (Connection c = ds.getConnection();
                 PreparedStatement ps = c.prepareStatement("UPDATE clarion.qrtz_triggers SET next_fire_time = ? WHERE trigger_group = ? AND trigger_name = ?")) {
                ps.setLong(1, due);
                ps.setString(2, BriefingScheduler.RETRAIN_GROUP);
                ps.setString(3, "some-risk-skill");
                assertEquals(1, ps.executeUpdate());
            }
            long guard = System.currentTimeMillis() + 60_000;
            java.util.function.BooleanSupplier logged = () -> warnings.lines.stream().anyMatch(l -> l.startsWith("scheduled retraining of some-risk-skill due "
                    + java.time.Instant.ofEpochMilli(due) + " was missed") && l.endsWith("skipped, not caught up"));
            // Quartz's misfire thread lists and logs it; both are awaited, so a slow machine cannot make the check early.
            while ((s.missedRetrainings().isEmpty() || !logged.getAsBoolean()) && System.currentTimeMillis() < guard) Thread.sleep(100);
            assertEquals(List.of(new BriefingScheduler.Missed("some-risk-skill", java.time.Instant.ofEpochMilli(due))), s.missedRetrainings());
            assertTrue(logged.getAsBoolean(), warnings.lines.toString());
            while (s.nextRetraining("some-risk-skill").getTime() < System.currentTimeMillis() && System.currentTimeMillis() < guard) Thread.sleep(100);
            ZonedDateTime next = s.nextRetraining("some-risk-skill").toInstant().atZone(ZoneOffset.UTC);
            assertTrue(next.toInstant().toEpochMilli() > System.currentTimeMillis(), "moved on to its next time: " + next);
            assertEquals(DayOfWeek.SUNDAY, next.getDayOfWeek(), "moved to a Sunday, not to now: no catch-up firing is due");
        }
        assertEquals(List.of(), List.copyOf(work.done), "nothing was trained late");
    }
}
