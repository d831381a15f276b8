package io.clarion.demo;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

/** Loads the demo data set once: a warehouse that already has one keeps it. */
public final class DemoLoader {
    private DemoLoader() {
    }

    /** The data set now in the warehouse: the one found, or {@code spec} freshly generated. */
    public static DemoSpec ensureLoaded(DataSource ds, DemoSpec spec, Progress progress) {
        try (Connection c = ds.getConnection()) {
            Optional<DemoSpec> existing = loaded(c);
            if (existing.isPresent()) return existing.get();
            progress.begin(String.format(java.util.Locale.ROOT, "Generating the demo data set: %,d customers, seed %d, as of %s "
                    + "(first start only; later starts reuse it)", spec.scale(), spec.seed(), spec.asOf()));
            new DemoGenerator(spec).generate(c, progress);
            return spec;
        } catch (SQLException e) {
            throw new IllegalStateException("could not load the demo data set: " + e.getMessage(), e);
        }
    }

    public static Optional<DemoSpec> loaded(Connection c) throws SQLException {
        try (Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT to_regclass('dataset_info') IS NOT NULL")) {
                if (!rs.next() || !rs.getBoolean(1)) return Optional.empty();
            }
            try (ResultSet rs = s.executeQuery("SELECT seed, scale, as_of FROM dataset_info LIMIT 1")) {
                if (!rs.next()) return Optional.empty();
                return Optional.of(new DemoSpec(rs.getLong(1), rs.getInt(2), rs.getDate(3).toLocalDate()));
            }
        }
    }
}
