package io.clarion.catalog.model;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A member marked for the customer profile card: {@code meta: {profile: <section>}} (or {@code
 * true}: dimensions go to the overview, measures and metrics to the financial summary), or a
 * mapping for more: {@code {section, label, period, compare: previous_period, latest, show}}.
 * {@code latest} on a time dimension: the grain of the newest date (engagement) or, with {@code
 * show}, how many recent rows to list as events.
 *
 * @param member the member's full name
 * @param latest "day" style grain of a latest-date entry, or the number of events as text; null otherwise
 */
public record ProfileMark(String member, Section section, String label, String period, String compare, String latest,
                          List<String> show) {
    public static final Set<String> KEYS = Set.of("section", "label", "period", "compare", "latest", "show");

    public ProfileMark {
        show = show == null ? List.of() : List.copyOf(show);
    }

    public enum Section {
        OVERVIEW, FINANCIAL, ENGAGEMENT, OWNER, EVENTS;

        public String key() {
            return name().toLowerCase(Locale.ROOT);
        }

        static Optional<Section> of(Object v) {
            for (Section s : values()) if (s.key().equals(String.valueOf(v))) return Optional.of(s);
            return Optional.empty();
        }
    }

    /** The member's mark, empty when it has none; what is wrong with a mark is in {@link #problem}. */
    public static Optional<ProfileMark> of(Member m) {
        Object v = m.info().meta().get("profile");
        if (v == null || Boolean.FALSE.equals(v) || problem(m) != null) return Optional.empty();
        boolean dimension = m instanceof Dimension;
        if (Boolean.TRUE.equals(v)) return Optional.of(new ProfileMark(m.fullName(), dimension ? Section.OVERVIEW : Section.FINANCIAL,
                null, null, null, null, List.of()));
        if (!(v instanceof Map<?, ?> map)) return Optional.of(new ProfileMark(m.fullName(), Section.of(v).orElseThrow(), null, null, null, null, List.of()));
        Section s = map.get("section") == null ? (dimension ? Section.OVERVIEW : Section.FINANCIAL) : Section.of(map.get("section")).orElseThrow();
        List<String> show = map.get("show") instanceof List<?> l ? l.stream().map(String::valueOf).toList() : List.of();
        return Optional.of(new ProfileMark(m.fullName(), s, text(map.get("label")), text(map.get("period")), text(map.get("compare")),
                text(map.get("latest")), show));
    }

    /** What is wrong with the member's profile mark, or null. */
    public static String problem(Member m) {
        Object v = m.info().meta().get("profile");
        if (v == null || v instanceof Boolean) return null;
        if (!(v instanceof Map<?, ?> map)) {
            return Section.of(v).isPresent() ? null : "profile: " + v + " is not a section (" + sections() + "), true, or a mapping";
        }
        for (Object k : map.keySet()) if (!KEYS.contains(String.valueOf(k))) return "profile: unknown key \"" + k + "\" (" + String.join(", ", KEYS) + ")";
        if (map.get("section") != null && Section.of(map.get("section")).isEmpty()) {
            return "profile: section " + map.get("section") + " is not one of " + sections();
        }
        if (map.get("compare") != null && !"previous_period".equals(String.valueOf(map.get("compare")))) {
            return "profile: compare is previous_period or absent";
        }
        if (map.get("compare") != null && map.get("period") == null) return "profile: compare needs a period (e.g. last 30 days)";
        boolean time = m instanceof Dimension d && d.type() == DimensionType.TIME;
        if ((map.get("latest") != null || Section.EVENTS.key().equals(String.valueOf(map.get("section")))) && !time) {
            return "profile: latest and events are for time dimensions";
        }
        if (Section.EVENTS.key().equals(String.valueOf(map.get("section"))) && !(map.get("show") instanceof List<?>)) {
            return "profile: an events entry lists the members to show (show: [...])";
        }
        return null;
    }

    private static String sections() {
        return String.join(", ", java.util.Arrays.stream(Section.values()).map(Section::key).toList());
    }

    private static String text(Object o) {
        return o == null ? null : String.valueOf(o);
    }

    public boolean isEvents() {
        return section == Section.EVENTS;
    }

    /** How many events to list (latest: n), 3 when not said. */
    public int events() {
        try {
            return latest == null ? 3 : Math.max(1, Integer.parseInt(latest));
        } catch (NumberFormatException e) {
            return 3;
        }
    }
}
