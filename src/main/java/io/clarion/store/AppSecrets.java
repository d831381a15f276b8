package io.clarion.store;

import javax.sql.DataSource;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.Supplier;

/**
 * Secrets Clarion generates itself and keeps in {@code clarion.app_secret}, so every instance on
 * the same store uses the same one: the first instance's random value wins, the others read it.
 */
public final class AppSecrets {
    public static final String MASKING = "pii-masking";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private AppSecrets() {
    }

    /** The named secret, read at first use (a failure is retried at the next use). */
    public static Supplier<byte[]> stored(DataSource ds, String name) {
        return new Supplier<>() {
            private volatile byte[] value;

            @Override
            public byte[] get() {
                byte[] v = value;
                if (v == null) {
                    synchronized (this) {
                        if (value == null) value = read(ds, name);
                        v = value;
                    }
                }
                return v.clone();
            }
        };
    }

    /** The key of PII pseudonyms, as text to bind. */
    public static Supplier<String> maskKey(DataSource ds) {
        Supplier<byte[]> s = stored(ds, MASKING);
        return () -> HexFormat.of().formatHex(s.get());
    }

    static byte[] read(DataSource ds, String name) {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        try (Connection c = ds.getConnection()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO clarion.app_secret (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING")) {
                ps.setString(1, name);
                ps.setString(2, B64.encodeToString(fresh));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT value FROM clarion.app_secret WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) throw new IllegalStateException("the " + name + " secret was stored but cannot be read back");
                    return B64D.decode(rs.getString(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read or store the " + name + " secret: " + e.getMessage(), e);
        }
    }
}
