package io.clarion.briefing.delivery;

import java.util.Locale;

/** The delivery channels, named as in a skill's {@code channels} and clarion.briefing_delivery.channel. */
public enum Channel {
    EMAIL, SLACK;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Channel of(String id) {
        for (Channel c : values()) {
            if (c.id().equals(id)) return c;
        }
        throw new IllegalArgumentException("unknown delivery channel '" + id + "' (email or slack)");
    }
}
