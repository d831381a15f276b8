package io.clarion.catalog;

import io.clarion.catalog.yaml.YNode;
import io.clarion.catalog.yaml.YNode.YMap;
import io.clarion.diagnostics.Location;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the read phase hands to the resolve phase: every cube, metric and access section as
 * declared, names known but nothing referenced checked yet. The Lens importer fills the same
 * declarations as the catalog's own format.
 */
public final class Declarations {
    final Map<String, RawCube> cubes = new LinkedHashMap<>();
    final Map<String, RawMetric> metrics = new LinkedHashMap<>();
    final List<YNode> accessSections = new ArrayList<>();

    Declarations() {
    }

    /** A cube as declared, before validation; mutable only while files are read. */
    public static final class RawCube {
        public String name;
        public Location location;
        public String sql;
        public Location sqlLocation;
        public boolean table;
        public YMap info;
        public Map<String, Object> meta = new LinkedHashMap<>();
        public final List<RawJoin> joins = new ArrayList<>();
        public final List<RawMember> measures = new ArrayList<>();
        public final List<RawMember> dimensions = new ArrayList<>();
        public final List<RawMember> segments = new ArrayList<>();
        /** The cube's {@code rollups:} entries, read once every cube is resolved ({@link RollupRules}). */
        public final List<YMap> rollups = new ArrayList<>();

        /** A cube without sql adds to the cube of its name (declared in another file). */
        void extendWith(RawCube ext) {
            meta.putAll(ext.meta);
            joins.addAll(ext.joins);
            measures.addAll(ext.measures);
            dimensions.addAll(ext.dimensions);
            segments.addAll(ext.segments);
            rollups.addAll(ext.rollups);
        }
    }

    /** A join as declared; each location points at what an issue about it would be about. */
    public record RawJoin(String target, String relationship, String sql, Location location, Location relationshipLocation,
                          Location sqlLocation) {
    }

    /** A member as declared: the mapping itself, read when the whole catalog is known. */
    public record RawMember(String name, YMap node, Location location) {
    }

    record RawMetric(String name, YMap node, Location location) {
    }
}
