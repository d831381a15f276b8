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
}
