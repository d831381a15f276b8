package io.clarion.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `clarion rollups build|status` on the demo data set, the app store in the same test database. */
class RollupsCommandTest {

    @Test
    void buildThenStatusShowsTheRollupFreshWithItsRows() {
        BriefingCommandTest.Run built = BriefingCommandTest.clarion("rollups", "build", "customers_by_profile", "--as-of", "2026-06-15");
        assertEquals(0, built.exit(), built.out() + built.err());
        assertTrue(built.out().matches("(?s)built customers_by_profile: [\\d,]+ rows in [\\d,]+ ms \\(as of 2026-06-15\\)\\s*"), built.out());
        BriefingCommandTest.Run status = BriefingCommandTest.clarion("rollups", "status", "--as-of", "2026-06-15");
        assertEquals(0, status.exit(), status.out() + status.err());
        String line = status.out().lines().filter(l -> l.startsWith("customers_by_profile ")).findFirst().orElseThrow(() -> new AssertionError(status.out()));
        assertTrue(line.matches("customers_by_profile\\s+customers\\s+yes\\s+.*2026-06-15.*"), line);
        // a rollup of the health cube built for another reference date is not fresh for this one
        BriefingCommandTest.Run health = BriefingCommandTest.clarion("rollups", "build", "health_by_band", "--as-of", "2026-06-01");
        assertEquals(0, health.exit(), health.out() + health.err());
        BriefingCommandTest.Run later = BriefingCommandTest.clarion("rollups", "status", "--as-of", "2026-06-15");
        String h = later.out().lines().filter(l -> l.startsWith("health_by_band ")).findFirst().orElseThrow(() -> new AssertionError(later.out()));
        assertTrue(h.contains(" no ") && h.contains("was built from another definition or reference date"), h);
    }

    @Test
    void anUnknownRollupIsAnErrorNamingTheDeclaredOnes() {
        BriefingCommandTest.Run r = BriefingCommandTest.clarion("rollups", "build", "nope");
        assertEquals(1, r.exit(), r.out() + r.err());
        assertTrue(r.err().contains("no rollup named nope; the catalog declares customers_by_profile"), r.err());
    }
}
