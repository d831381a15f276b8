package io.clarion.agent.offline;

import io.clarion.agent.Labels;
import io.clarion.agent.linking.Lexicon;
import io.clarion.agent.linking.Lexicon.MemberTarget;
import io.clarion.agent.linking.Lexicon.Mention;
import io.clarion.agent.linking.Lexicon.Target;
import io.clarion.agent.linking.Lexicon.ValueTarget;
import io.clarion.catalog.model.Catalog;
import io.clarion.catalog.model.Cube;
import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.DimensionType;
import io.clarion.catalog.model.Measure;
import io.clarion.catalog.model.MeasureType;
import io.clarion.catalog.model.Member;
import io.clarion.catalog.model.MemberInfo;
import io.clarion.catalog.model.Metric;
import io.clarion.catalog.model.MetricType;
import io.clarion.catalog.model.Segment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the catalog says about the members a question names, independent of the question: which
 * cube a word names as a thing to list, its name and key columns, the count, ratio or simple
 * metric behind a member, and the order in which a mention's members are tried for each role.
 */
final class CatalogFacts {
    private final Catalog catalog;
    private final Lexicon lexicon;

    CatalogFacts(Catalog catalog, Lexicon lexicon) {
        this.catalog = catalog;
        this.lexicon = lexicon;
    }

    /** The cube a word names as a thing to list: its name or key dimension, or a plain count of it. */
    Optional<Cube> entityCube(Target t) {
        if (!(t instanceof MemberTarget mt)) return Optional.empty();
        Member m = mt.member();
        if (m instanceof Dimension d && (d.primaryKey() || d.name().equals("name") || d.name().endsWith("_name"))
                && isNameOfCube(d)) {
            return catalog.cube(d.cube());
        }
        if (m instanceof Measure ms && ms.type() == MeasureType.COUNT
                && (nameDimension(ms.cube()).isPresent() || certifiedKey(ms.cube()).isPresent())
                && (ms.filters().isEmpty() || segmentFor(ms).isPresent())) {
            return catalog.cube(ms.cube());
        }
        return Optional.empty();
    }

    /** "customer_name" names customers, "feature_name" does not name product events. */
    boolean isNameOfCube(Dimension d) {
        if (d.primaryKey() || d.name().equals("name")) return true;
        String stem = d.name().substring(0, d.name().length() - "_name".length());
        return d.cube().startsWith(stem);
    }

    boolean keyOnly(Mention entity) {
        for (Target t : entity.targets()) {
            Optional<Cube> c = entityCube(t);
            if (c.isPresent()) return nameDimension(c.get().name()).isEmpty();
        }
        return false;
    }

    Optional<Dimension> certifiedKey(String cube) {
        return catalog.cube(cube).flatMap(Cube::primaryKey).filter(pk -> pk.info().certified());
    }

    /**
     * The column a row of the table is called by: "name" or "<table>_name"; else a person's whole
     * name ("full_name", or a column whose role is a name) when it is not personal data; else a
     * "title" (an album's). A job title beside a full name is never picked: the full name comes first.
     */
    Optional<Dimension> nameDimension(String cube) {
        Optional<Cube> c = catalog.cube(cube);
        if (c.isEmpty()) return Optional.empty();
        List<Dimension> named = c.get().dimensions().stream().filter(d -> d.info().certified() && d.type() == DimensionType.STRING).toList();
        Optional<Dimension> own = named.stream().filter(d -> d.name().equals("name") || (d.name().endsWith("_name") && isNameOfCube(d))).findFirst();
        if (own.isPresent()) return own;
        Optional<Dimension> whole = named.stream().filter(d -> !d.info().pii() && (d.name().equals("full_name")
                || (d.info().meta().get("role") instanceof String r && r.endsWith("_name")))).findFirst();
        if (whole.isPresent()) return whole;
        return named.stream().filter(d -> d.name().equals("title") && !d.info().pii()).findFirst();
    }

    /**
     * "each support agent", "by every rock band": a value of a column that describes a table's rows
     * (a job title, a genre of artists) names those rows one by one; their key (or name) is the
     * group. Empty when the value is itself the rows' name, or the table has neither.
     */
    List<Member> rowsNamedBy(Dimension valueColumn) {
        Optional<Dimension> name = nameDimension(valueColumn.cube());
        if (name.isPresent() && name.get().equals(valueColumn) || valueColumn.primaryKey()) return List.of();
        Optional<Dimension> key = certifiedKey(valueColumn.cube());
        if (key.isPresent() && name.isPresent()) return List.of(key.get());
        return name.<List<Member>>map(List::of).orElse(List.of());
    }

    List<Dimension> entityDimensions(Mention entity) {
        for (Target t : entity.targets()) {
            Optional<Cube> c = entityCube(t);
            if (c.isPresent()) {
                List<Dimension> out = new ArrayList<>();
                nameDimension(c.get().name()).ifPresent(out::add);
                c.get().primaryKey().filter(pk -> pk.info().certified() && !out.contains(pk)).ifPresent(out::add);
                return out;
            }
        }
        return List.of();
    }

    /** A count of the listed entity's rows (possibly filtered): "active customers" when listing customers. */
    Optional<Measure> entityCount(Slot s, Mention entity) {
        Set<String> cubes = new HashSet<>();
        for (Target t : entity.targets()) entityCube(t).ifPresent(c -> cubes.add(c.name()));
        for (Member m : s.order()) {
            if (m instanceof Measure ms && ms.type() == MeasureType.COUNT && cubes.contains(ms.cube())) return Optional.of(ms);
            if (m instanceof Metric mt && mt.type() == MetricType.SIMPLE) {
                Optional<Measure> inner = catalog.measure(mt.expression().strip());
                if (inner.isPresent() && inner.get().type() == MeasureType.COUNT && cubes.contains(inner.get().cube())) return inner;
            }
        }
        return Optional.empty();
    }

    Optional<Segment> segmentFor(Measure count) {
        if (count.filters().size() != 1) return Optional.empty();
        String sql = count.filters().get(0).source().strip();
        return catalog.cube(count.cube()).flatMap(c -> c.segments().stream()
                .filter(s -> s.sql().source().strip().equals(sql)).findFirst());
    }

    /** The cubes a member reads: its own, or those of the measures a metric is built from. */
    Set<String> cubesOf(Member m) {
        Set<String> out = new LinkedHashSet<>();
        collectCubes(m, out, 0);
        return out;
    }

    private void collectCubes(Member m, Set<String> out, int depth) {
        if (depth > 8) return;
        if (m instanceof Measure ms) out.add(ms.cube());
        else if (m instanceof Dimension d) out.add(d.cube());
        else if (m instanceof Segment sg) out.add(sg.cube());
        else if (m instanceof Metric mt) {
            for (String r : mt.refs()) {
                Optional<Member> ref = catalog.metric(r).map(x -> (Member) x).or(() -> catalog.measure(r).map(x -> (Member) x));
                ref.ifPresent(x -> collectCubes(x, out, depth + 1));
            }
        }
    }

    /** Alternatives on the metric's own cubes first: "by plan" with MRR is the MRR snapshot's plan. */
    List<Slot> nearestFirst(List<Slot> slots, Set<String> near) {
        List<Slot> out = new ArrayList<>();
        for (Slot s : slots) {
            List<Member> order = new ArrayList<>(s.order());
            order.sort(java.util.Comparator.comparingInt(x -> near.contains(cubeOf(x)) ? 0 : 1));
            out.add(new Slot(s.mention(), order, s.cmp()));
        }
        return out;
    }

    String cubeOf(Member m) {
        if (m instanceof Measure ms) return ms.cube();
        if (m instanceof Dimension d) return d.cube();
        if (m instanceof Segment sg) return sg.cube();
        return "";
    }

    boolean isCount(Member m) {
        if (m instanceof Measure ms) return ms.type() == MeasureType.COUNT || ms.type() == MeasureType.COUNT_DISTINCT;
        if (m instanceof Metric mt && mt.type() == MetricType.SIMPLE) return catalog.measure(mt.expression().strip()).map(this::isCount).orElse(false);
        return false;
    }

    /** Metric-ish targets for "what is X": metrics, then measures, then number dimensions with an aggregate word. */
    List<Member> orderForMetric(List<Target> ts, Mention m) {
        List<Member> metrics = new ArrayList<>(), measures = new ArrayList<>();
        for (Target t : ts) {
            if (!(t instanceof MemberTarget mt)) continue;
            if (mt.member() instanceof Metric) metrics.add(mt.member());
            else if (mt.member() instanceof Measure) measures.add(mt.member());
        }
        // A synonym is the catalog author's word for what people say; a name is an identifier.
        metrics.sort((x, y) -> Boolean.compare(m.bySynonym(new MemberTarget(y)), m.bySynonym(new MemberTarget(x))));
        measures.sort((x, y) -> Boolean.compare(m.bySynonym(new MemberTarget(y)), m.bySynonym(new MemberTarget(x))));
        List<Member> out = new ArrayList<>();
        // A measure some simple metric merely names is that governed metric.
        if (metrics.isEmpty()) {
            for (Member ms : measures) wrappingMetric(ms).ifPresent(w -> {
                if (!out.contains(w)) out.add(w);
            });
        }
        out.addAll(metrics);
        out.addAll(measures);
        return out;
    }

    /**
     * Whether a measure word the reader did not link is already said by the member answered: its own
     * name, description or synonyms hold the word ("score" of a health score), or the word names a
     * quotient ("rate", "ratio") and the member is one. Such a word describes the answer; it does not
     * ask for a measure the catalog lacks.
     */
    boolean describes(String member, String word) {
        Member m = catalog.metric(member).map(Member.class::cast).or(() -> catalog.measure(member).map(Member.class::cast)).orElse(null);
        if (m == null) return false;
        String stem = word.endsWith("s") ? word.substring(0, word.length() - 1) : word;
        MemberInfo info = m.info();
        String said = (m.name().replace('_', ' ') + " " + info.description() + " " + String.join(" ", info.synonyms())).toLowerCase(java.util.Locale.ROOT);
        if (java.util.Arrays.asList(said.split("[^a-z0-9]+")).stream().anyMatch(w -> w.equals(stem) || w.equals(word))) return true;
        return (stem.equals("rate") || stem.equals("ratio")) && isShare(m);
    }

    /** A ratio or a percentage already is a share: "what percentage of features are adopted". */
    boolean isShare(Member m) {
        if (m instanceof Metric mt) return mt.type() == MetricType.RATIO || mt.format() == io.clarion.catalog.model.Format.PERCENTAGE;
        return m instanceof Measure ms && ms.format() == io.clarion.catalog.model.Format.PERCENTAGE;
    }

    /**
     * A certified share whose numerator is this member (or the measure it wraps): a ratio shown
     * as a percentage. A ratio in the member's own unit (revenue per invoice) is no share of it.
     */
    Optional<Metric> ratioOf(Member m) {
        Set<String> names = new HashSet<>(Set.of(m.fullName()));
        if (m instanceof Metric mt && mt.type() == MetricType.SIMPLE) names.add(mt.expression().strip());
        if (m instanceof Measure ms) wrappingMetric(ms).ifPresent(w -> names.add(w.name()));
        return catalog.metrics().values().stream()
                .filter(r -> r.info().certified() && r.type() == MetricType.RATIO && r.offset() == null
                        && r.format() == io.clarion.catalog.model.Format.PERCENTAGE
                        && r.numerator() != null && names.contains(r.numerator().strip()))
                .findFirst();
    }

    /** The count a member is: itself, or the measure a simple metric wraps. */
    Optional<Measure> countOf(Member m) {
        if (m instanceof Measure ms) return ms.type() == MeasureType.COUNT ? Optional.of(ms) : Optional.empty();
        if (m instanceof Metric mt && mt.type() == MetricType.SIMPLE) return catalog.measure(mt.expression().strip()).flatMap(this::countOf);
        return Optional.empty();
    }

    Optional<Measure> plainCount(String cube) {
        return catalog.cube(cube).flatMap(c -> c.measures().stream()
                .filter(ms -> ms.type() == MeasureType.COUNT && ms.filters().isEmpty() && ms.info().certified()).findFirst());
    }

    /** A dimension value of the segment's cube spelled as the segment is named ("churned"). */
    Optional<ValueTarget> valueNaming(Segment sg) {
        for (Lexicon.Entry e : lexicon.entries()) {
            if (e.target() instanceof ValueTarget v && v.dimension().cube().equals(sg.cube()) && v.value().equalsIgnoreCase(sg.name())) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    /** A grouping the catalog offers next to a member, for the example in a refusal. */
    String exampleGrouping(Member m) {
        for (String cube : cubesOf(m)) {
            Optional<Dimension> d = catalog.cube(cube).flatMap(c -> c.dimensions().stream()
                    .filter(x -> x.info().certified() && x.type() == DimensionType.STRING && !x.primaryKey()
                            && !Boolean.TRUE.equals(x.info().meta().get("pii"))).findFirst());
            if (d.isPresent()) return Labels.of(catalog, d.get().fullName());
        }
        return "a dimension";
    }

    Optional<Metric> wrappingMetric(Member measure) {
        return catalog.metrics().values().stream()
                .filter(mt -> mt.info().certified() && mt.type() == MetricType.SIMPLE && mt.filters().isEmpty()
                        && mt.offset() == null && mt.expression().strip().equals(measure.fullName()))
                .findFirst();
    }

    List<Member> orderForGroup(List<Target> ts) {
        List<Member> out = new ArrayList<>(dimensions(ts));
        return out;
    }

    List<Member> orderForFilter(List<Target> ts, boolean perRow) {
        List<Member> dims = new ArrayList<>(), metricLike = new ArrayList<>();
        for (Target t : ts) {
            if (!(t instanceof MemberTarget mt)) continue;
            if (mt.member() instanceof Dimension d && (d.type() == DimensionType.NUMBER || d.type() == DimensionType.TIME)) dims.add(d);
            else if (mt.member() instanceof Metric || mt.member() instanceof Measure) metricLike.add(mt.member());
        }
        List<Member> out = new ArrayList<>();
        if (perRow) {
            out.addAll(dims);
            out.addAll(metricLike);
        } else {
            out.addAll(metricLike);
            out.addAll(dims);
        }
        return out;
    }

    List<Dimension> dimensions(List<Target> ts) {
        List<Dimension> out = new ArrayList<>();
        for (Target t : ts) if (t instanceof MemberTarget mt && mt.member() instanceof Dimension d) out.add(d);
        return out;
    }

    /**
     * Whether every metric a mention may mean is the plain count of a table's rows: the words
     * are that table's name ("by store and warehouse"), which groups as well as it counts.
     */
    boolean onlyRowCounts(List<Target> ts) {
        for (Target t : ts) {
            if (!(t instanceof MemberTarget mt) || !(mt.member() instanceof Metric || mt.member() instanceof Measure)) continue;
            if (countOf(mt.member()).map(c -> !c.filters().isEmpty()).orElse(true)) return false;
        }
        return true;
    }

    /**
     * A dimension a ranked group can be: text, or a number that refers to another table's rows
     * ("owner_id", "manager_id": which manager has the most is answered by the manager's key).
     */
    boolean groupable(Dimension d) {
        if (d.type() == DimensionType.TIME) return false;
        if (d.type() != DimensionType.NUMBER) return true;
        return !d.primaryKey() && d.name().endsWith("_id");
    }

    private static final java.util.regex.Pattern EQUALS = java.util.regex.Pattern.compile("^\\{CUBE}\\.(\\w+)\\s*=\\s*'([^']*)'$");

    /**
     * "invoices cancelled through refunds": a measure left over whose only filter is one column
     * equal to one value ("status = 'refunded'"), on the table the chosen metric counts, is that
     * column filter on the count.
     */
    Optional<io.clarion.query.MetricQuery.Filter> equalityFilterOf(Slot left, List<Slot> chosen) {
        Set<String> counted = new HashSet<>();
        for (Slot c : chosen) if (!c.order().isEmpty() && isCount(c.order().get(0))) counted.addAll(cubesOf(c.order().get(0)));
        for (Member m : left.order()) {
            if (!(m instanceof Measure ms) || ms.filters().size() != 1 || !counted.contains(ms.cube())) continue;
            java.util.regex.Matcher eq = EQUALS.matcher(ms.filters().get(0).source().strip());
            if (!eq.matches()) continue;
            Optional<Dimension> column = catalog.cube(ms.cube()).flatMap(c -> c.dimensions().stream()
                    .filter(d -> d.info().certified() && d.type() == DimensionType.STRING
                            && (d.name().equals(eq.group(1)) || d.sql() != null && d.sql().source().strip().equals(eq.group(1))))
                    .findFirst());
            if (column.isPresent()) {
                return Optional.of(new io.clarion.query.MetricQuery.Filter(column.get().fullName(), null, "equals",
                        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.textNode(eq.group(2)), null));
            }
        }
        return Optional.empty();
    }

    /** "MRR", "the bookings": every metric a mention may name is an amount of money. */
    boolean namesMoneyOnly(List<Target> ts) {
        List<Member> ms = ts.stream().filter(t -> t instanceof MemberTarget mt && (mt.member() instanceof Metric || mt.member() instanceof Measure))
                .map(t -> ((MemberTarget) t).member()).toList();
        return !ms.isEmpty() && ms.stream().allMatch(m -> (m instanceof Metric x ? x.format() : ((Measure) m).format())
                == io.clarion.catalog.model.Format.CURRENCY);
    }

    boolean hasMetricLike(List<Target> ts) {
        return ts.stream().anyMatch(t -> t instanceof MemberTarget mt && (mt.member() instanceof Metric || mt.member() instanceof Measure));
    }

    /**
     * "tickets by priority, without the low ones": a word that is a value of several dimensions is
     * the value of the one the question names elsewhere; else the linker's first choice.
     */
    Optional<ValueTarget> valueNamedElsewhere(List<Target> ts, Mention m, List<Mention> mentions) {
        List<ValueTarget> values = ts.stream().filter(t -> t instanceof ValueTarget).map(t -> (ValueTarget) t).toList();
        for (Mention o : mentions) for (ValueTarget v : values) if (o != m && o.targets().contains(new MemberTarget(v.dimension()))) return Optional.of(v);
        return values.stream().findFirst();
    }

    /** The segment a count among the targets counts ("churned customers": the churned segment). */
    Optional<Segment> countedSegment(List<Target> ts) {
        for (Target t : ts) {
            if (!(t instanceof MemberTarget mt)) continue;
            if (mt.member() instanceof Segment sg) return Optional.of(sg);
            Optional<Measure> ms = mt.member() instanceof Measure x ? Optional.of(x)
                    : mt.member() instanceof io.clarion.catalog.model.Metric mx && mx.type() == io.clarion.catalog.model.MetricType.SIMPLE
                    ? catalog.measure(mx.expression().strip()) : Optional.empty();
            Optional<Segment> s = ms.flatMap(this::segmentFor);
            if (s.isPresent()) return s;
        }
        return Optional.empty();
    }
}
