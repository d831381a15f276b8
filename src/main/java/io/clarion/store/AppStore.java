package io.clarion.store;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Statement;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Clarion's own tables (query log, later briefings, feedback, audit, scheduler) live in schema
 * {@code clarion}, apart from the warehouse's tables, versioned by Flyway.
 *
 * <p>Migrations are listed here rather than discovered by classpath scanning: the packaged
 * application's class loader does not list resource folders, and an explicit list also makes
 * the order reviewable.
 */
public final class AppStore {
    public static final String SCHEMA = "clarion";

    private static final List<SqlMigration> MIGRATIONS = List.of(
            new SqlMigration("1", "query log", "db/app/V1__query_log.sql"),
            new SqlMigration("2", "chat feedback", "db/app/V2__chat_feedback.sql"),
            new SqlMigration("3", "briefings", "db/app/V3__briefings.sql"),
            new SqlMigration("4", "quartz", "db/app/V4__quartz.sql"),
            new SqlMigration("5", "audit log", "db/app/V5__audit_log.sql"),
            new SqlMigration("6", "delivery message id", "db/app/V6__delivery_message_id.sql"),
            new SqlMigration("7", "chat feedback given by", "db/app/V7__chat_feedback_given_by.sql"),
            new SqlMigration("8", "rollups", "db/app/V8__rollups.sql"),
            new SqlMigration("9", "churn model", "db/app/V9__churn_model.sql"),
            new SqlMigration("10", "churn model promotion", "db/app/V10__churn_model_promotion.sql"),
            new SqlMigration("11", "rollup failures", "db/app/V11__rollup_failures.sql"),
            new SqlMigration("12", "rollup source rows", "db/app/V12__rollup_source_rows.sql"));

    private AppStore() {
    }

    public static void migrate(DataSource ds) {
        Flyway.configure()
                .dataSource(ds)
                .schemas(SCHEMA)
                .createSchemas(true)
                .locations("classpath:db/app-none")
                .failOnMissingLocations(false)
                .javaMigrations(MIGRATIONS.toArray(JavaMigration[]::new))
                .load()
                .migrate();
    }

    /** A migration whose SQL is a classpath resource. */
    record SqlMigration(String version, String description, String resource) implements JavaMigration {
        @Override
        public MigrationVersion getVersion() {
            return MigrationVersion.fromVersion(version);
        }

        @Override
        public String getDescription() {
            return description;
        }

        @Override
        public Integer getChecksum() {
            CRC32 crc = new CRC32();
            crc.update(sql().getBytes(StandardCharsets.UTF_8));
            return (int) crc.getValue();
        }

        @Override
        public boolean canExecuteInTransaction() {
            return true;
        }

        @Override
        public void migrate(Context context) throws Exception {
            try (Statement s = context.getConnection().createStatement()) {
                s.execute(sql());
            }
        }

        private String sql() {
            try (InputStream in = AppStore.class.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) throw new IllegalStateException("missing migration " + resource);
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
