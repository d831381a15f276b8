package io.clarion.agent.offline;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.clarion.agent.PlannerOutcome;
import io.clarion.agent.linking.Lexicon.MemberTarget;
import io.clarion.agent.linking.Lexicon.Mention;
import io.clarion.agent.linking.Lexicon.Target;
import io.clarion.agent.linking.Lexicon.ValueTarget;
import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.DimensionType;
import io.clarion.catalog.model.Measure;
import io.clarion.catalog.model.Member;
import io.clarion.catalog.model.Segment;
import io.clarion.query.MetricQuery;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * From mentions with roles to a query: each mention becomes a metric, a grouping, a filter, a
 * segment or an extra column; the listed entity, a share, a follow-up's inherited cut and the
 * date range are applied; {@link QueryAssembler} then finds the alternatives the catalog accepts.
 *
 * <p>Why {@link #build} is long: it is one pass over the mentions in question order, each
 * mention's role depending on the ones before it (a value carries a grouping to the next noun,
 * "and" continues a grouping); splitting the pass would spread that order over several places.
 */
final class QueryDraft {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** Words that rank by worth ("top 5 customers"), unlike an order of listing ("the first 5 customers"). */
    private static final java.util.regex.Pattern BEST = java.util.regex.Pattern.compile("\\b(top|best|biggest|largest|highest|leading|most valuable)\\b");

    private final Reading rd;
    private final CatalogFacts facts;

    QueryDraft(Reading rd) {
        this.rd = rd;
        this.facts = rd.facts;
    }

    PlannerOutcome build(List<Mention> mentions) {
        // Rows by month are a trend, not a list of things.
        boolean listing = (rd.listingStart() || rd.topN != null || rd.sortOnly || rd.roles.opensWithRankedEntity(mentions)) && rd.grain == null;
        // "Which <group> has the most <metric>", "top N <group> by <metric>": the group named
        // is ranked; the entity is never listed in its place.
        Mention ranked = rd.roles.rankedGroup(mentions);
        Mention entity = listing && ranked == null ? rd.roles.entityMention(mentions) : null;
        // "show me revenue from EMEA accounts", "list the number of active clients": a figure asked before the rows is that figure.
        if (entity != null && rd.roles.figureAskedBefore(entity, mentions)) entity = null;
        // "regions with more than 100 customers": the group named, kept where its measure passes the number.
        Optional<ThresholdGroups.Read> threshold = ranked == null ? ThresholdGroups.read(rd, facts, mentions) : Optional.empty();
        threshold.ifPresent(t -> mentions.removeAll(t.restated()));
        if (threshold.isPresent()) entity = threshold.get().entity() && rd.grain == null && !RowColumns.countsRows(rd, facts, threshold.get()) ? threshold.get().group() : null;
        // Rows known only by a key ("unresolved tickets per category") are counted by the group named, not listed.
        // "top 5 clients by revenue", "by total charges" rank by a metric or the rows' own number: the rows are still listed.
        Mention listed = entity;
        if (entity != null && facts.keyOnly(entity) && mentions.stream().anyMatch(m -> m != listed && rd.roles.groupMarked(m)
                && !(rd.descending != null && (facts.hasMetricLike(m.targets())
                || facts.dimensions(m.targets()).stream().anyMatch(d -> d.type() == DimensionType.NUMBER && !d.primaryKey()))))) entity = null;

        List<Slot> metricSlots = new ArrayList<>();
        List<Slot> groupSlots = new ArrayList<>();
        List<MetricQuery.Filter> filters = new ArrayList<>();
        List<PlacedFilter> placed = new ArrayList<>();
        List<Slot> filterSlots = new ArrayList<>();
        List<String> segments = new ArrayList<>();
        List<Slot> extraColumns = new ArrayList<>();
        List<Slot> segmentSlots = new ArrayList<>();
        Dimension timeDim = null;
        boolean bareGrain = false;
        String timeGrainFromPhrase = null;

        Set<Mention> consumed = new HashSet<>();
        Mention action = rd.roles.actionAfter(entity != null ? entity : ranked, mentions);
        if (action != null) {
            consumed.add(action);
            rd.assumptions.add("Read \"" + rd.words(action) + "\" as what the rows did, not as a filter.");
        }
        boolean groupCarries = false;
        Slot carrier = null;
        Mention lastGroup = null;
        for (int mi = 0; mi < mentions.size(); mi++) {
            Mention m = mentions.get(mi);
            if (m == entity || m == rd.rankQualifier || consumed.contains(m)) continue;
            // "revenue per customer country": the entity's word names the group after it, not a group of its own.
            if (rd.roles.qualifiesNext(m, mi + 1 < mentions.size() ? mentions.get(mi + 1) : null)) {
                groupCarries = true;
                continue;
            }
            if (threshold.isPresent() && m == threshold.get().measure()) {
                RowColumns.place(rd, facts, m, threshold.get(), metricSlots, filterSlots);
                continue;
            }
            if (threshold.isPresent() && m == threshold.get().group() && !threshold.get().entity()) {
                groupSlots.add(new Slot(m, facts.orderForGroup(m.targets()).stream()
                        .filter(d -> d instanceof Dimension x && facts.groupable(x)).toList(), null));
                lastGroup = m;
                continue;
            }
            if (m == ranked) {
                groupSlots.add(new Slot(m, facts.orderForGroup(m.targets()).stream()
                        .filter(d -> facts.groupable((Dimension) d)).toList(), null));
                lastGroup = m;
                continue;
            }
            if (NumberedRows.place(rd, facts, m, filters, placed)) continue;
            Cmp cmp = rd.roles.comparisonFor(m);
            List<Target> ts = m.targets();
            if (entity != null && cmp == null && ShownColumns.place(rd, facts, m, extraColumns)) continue;
            Optional<ValueTarget> value = ShownColumns.value(rd, facts, ts, m, mentions);
            Mention next = mi + 1 < mentions.size() ? mentions.get(mi + 1) : null;
            // "the growth plan": a word that could name a metric is the value when its dimension is named right after it.
            if (value.isPresent() && cmp == null && (!facts.hasMetricLike(ts) || valueOfNext(ts, m, next))) {
                // "enterprise team": the value of the dimension named right after it.
                ValueTarget vt = value.get();
                if (next != null && next.first() == m.last() + 1) {
                    for (Target t : ts) {
                        if (t instanceof ValueTarget v && next.targets().contains(new MemberTarget(v.dimension()))) {
                            vt = v;
                            consumed.add(next);
                            break;
                        }
                    }
                }
                boolean out = rd.exclusions.excludes(m, mentions);
                if (out) rd.assumptions.add("Left out " + vt.dimension().fullName() + " \"" + vt.value() + "\" from the answer, as asked; stored data is never changed.");
                MetricQuery.Filter f = new MetricQuery.Filter(vt.dimension().fullName(), null, out ? "not_equals" : "equals", JSON.textNode(vt.value()), null);
                filters.add(f);
                placed.add(new PlacedFilter(f, m.first(), m.last()));
                // "by each mid-market owner": the grouping goes on to the noun after the value.
                groupCarries = groupCarries || rd.roles.groupMarked(m);
                carrier = groupCarries ? new Slot(m, facts.rowsNamedBy(vt.dimension()), null) : null;
                continue;
            }
            if (cmp != null) {
                filterSlots.add(new Slot(m, facts.orderForFilter(ts, listing || entity != null), cmp));
                continue;
            }
            // "tracks with no composer": the rows where that column is empty.
            Optional<MetricQuery.Filter> blank = facts.hasMetricLike(ts) ? Optional.empty() : rd.exclusions.blank(m, facts.dimensions(ts));
            if (blank.isPresent()) {
                filters.add(blank.get());
                continue;
            }
            // After a ranking word and a count, "by" names the measure to rank by, not a grouping.
            boolean group = ((rd.roles.groupMarked(m) || groupCarries) && !(rd.descending != null && facts.hasMetricLike(ts)))
                    || (rd.roles.askedWhich(m) && !facts.hasMetricLike(ts) && !facts.dimensions(ts).isEmpty())
                    || (rd.roles.continuesGroup(lastGroup, m) && !facts.dimensions(ts).isEmpty()
                    && (!facts.hasMetricLike(ts) || (facts.onlyRowCounts(ts) && rd.roles.joinedToGroup(lastGroup, m))));
            groupCarries = false;
            carrier = null;
            if (group) lastGroup = m;
            if (group) {
                Optional<Dimension> t = facts.dimensions(ts).stream().filter(d -> d.type() == DimensionType.TIME).findFirst();
                if (t.isPresent()) {
                    timeDim = t.get();
                    String g = rd.grainIn(m);
                    timeGrainFromPhrase = g == null ? "month" : g;
                    bareGrain = TimeGrains.bare(rd, m);
                } else {
                    groupSlots.add(new Slot(m, facts.orderForGroup(ts), null));
                }
                continue;
            }
            if (facts.hasMetricLike(ts) && rd.exclusions.excludes(m, mentions)) {
                // "leave out the churned customers": the rows a count is of, left out.
                Optional<Segment> of = facts.countedSegment(ts);
                if (of.isPresent()) {
                    Optional<Segment> rest = Exclusions.complement(rd.ctx.catalog(), of.get());
                    if (rest.isPresent()) {
                        rd.assumptions.add("Left out " + of.get().fullName() + ", as asked: kept " + rest.get().fullName()
                                + "; stored data is never changed.");
                        // "tickets that are not closed": the count of the rest when the catalog has one.
                        Optional<Measure> restCount = rd.ctx.catalog().cube(rest.get().cube()).stream()
                                .flatMap(c -> c.measures().stream())
                                .filter(x -> facts.segmentFor(x).map(rest.get()::equals).orElse(false)).findFirst();
                        if (restCount.isPresent() && !rd.exclusions.byCommand(m)) {
                            metricSlots.add(new Slot(m, facts.orderForMetric(List.of(new MemberTarget(restCount.get())), m), null));
                        } else {
                            segmentSlots.add(new Slot(m, List.of(rest.get()), null));
                        }
                        continue;
                    }
                }
            }
            if (facts.hasMetricLike(ts)) {
                metricSlots.add(new Slot(m, facts.orderForMetric(ts, m), null));
                continue;
            }
            List<Member> segs = ts.stream().filter(t -> t instanceof MemberTarget mt && mt.member() instanceof Segment)
                    .map(t -> ((MemberTarget) t).member()).toList();
            if (!segs.isEmpty()) {
                if (rd.exclusions.excludes(m, mentions)) {
                    // "drop the churned accounts and …": the rows left are the complementary segment.
                    Optional<Segment> rest = Exclusions.complement(rd.ctx.catalog(), (Segment) segs.get(0));
                    if (rest.isEmpty()) {
                        return new PlannerOutcome.Refused("I can't leave out " + segs.get(0).fullName() + " (\"" + rd.words(m)
                                + "\"): the catalog has no segment for the rows outside it. Ask for it, or for " + segs.get(0).fullName()
                                + " alone, instead.");
                    }
                    rd.assumptions.add("Left out " + segs.get(0).fullName() + ", as asked: kept " + rest.get().fullName()
                            + "; stored data is never changed.");
                    segs = List.of(rest.get());
                }
                segmentSlots.add(new Slot(m, new ArrayList<>(segs), null));
                continue;
            }
            List<Dimension> dims = facts.dimensions(ts);
            Optional<Dimension> time = dims.stream().filter(d -> d.type() == DimensionType.TIME).findFirst();
            if (time.isPresent()) {
                timeDim = time.get();
                timeGrainFromPhrase = rd.grainIn(m);
                continue;
            }
            Optional<Dimension> bool = dims.stream().filter(d -> d.type() == DimensionType.BOOLEAN).findFirst();
            if (bool.isPresent()) {
                boolean out = rd.exclusions.excludes(m, mentions);
                if (out) rd.assumptions.add("Left out rows where " + bool.get().fullName() + " is true, as asked.");
                placed.add(new PlacedFilter(new MetricQuery.Filter(bool.get().fullName(), null, "equals", JSON.booleanNode(!out), null), m.first(), m.last()));
                filters.add(placed.get(placed.size() - 1).filter());
                continue;
            }
            if (!dims.isEmpty()) extraColumns.add(new Slot(m, facts.orderForGroup(ts), null));
        }
        // "revenue of each support agent": with no noun after it, the value's own rows are the group.
        if (carrier != null && !carrier.order().isEmpty()) groupSlots.add(carrier);
        // "mean parcel weight", "maximum shipment volume in litres": the aggregate over the column named, not a count of its table.
        AggregateReading aggregate = new AggregateReading(rd, facts);
        boolean ungrouped = groupSlots.isEmpty() && entity == null && ranked == null && rd.topN == null && rd.grain == null;
        Optional<Slot> columnAggregate = aggregate.columnAggregate(mentions, ungrouped);
        if (columnAggregate.isPresent()) {
            metricSlots.removeIf(aggregate::covers);
            extraColumns.removeIf(aggregate::covers);
            metricSlots.add(0, columnAggregate.get());
        }
        new CountRatios(rd, facts, aggregate).read(metricSlots, groupSlots, extraColumns).ifPresent(r -> {
            metricSlots.clear();
            metricSlots.add(r);
        });
        if (aggregate.missing != null) return new PlannerOutcome.Refused(aggregate.missing);
        // "average number of seats": an aggregate word over a number dimension is that measure.
        if (metricSlots.isEmpty()) {
            for (Slot s : new ArrayList<>(extraColumns)) {
                Optional<Measure> agg = rd.choice.aggregateOver(s);
                if (agg.isPresent()) {
                    extraColumns.remove(s);
                    metricSlots.add(new Slot(s.mention(), facts.orderForMetric(List.of(new MemberTarget(agg.get())), s.mention()), null));
                }
            }
        }
        aggregate.columnTotal(metricSlots, extraColumns, groupSlots, entity != null && rd.descending == null && rd.topN == null).ifPresent(s -> metricSlots.add(0, s));

        // The metric: the best-named one; more only when joined by "and" ("signed up and still active").
        List<Slot> chosenMetrics = rd.choice.chooseMetrics(AggregateWords.typedFirst(rd, metricSlots, filters));
        if (threshold.isPresent()) chosenMetrics = ThresholdGroups.keepCompared(chosenMetrics, threshold.get());
        chosenMetrics = RowColumns.countWithRowFilter(rd, facts, chosenMetrics, filters);
        if (entity != null) {
            // "which active customers": a count of the listed entity is the entity with its filter.
            Dimension entityDate = null;
            for (Target t : entity.targets()) {
                if (t instanceof MemberTarget mt && mt.member() instanceof Measure ms && facts.entityCube(t).isPresent()) {
                    facts.segmentFor(ms).ifPresent(sg -> segments.add(sg.fullName()));
                    if (rd.range != null && ms.timeDimension() != null && timeDim == null) {
                        entityDate = rd.ctx.catalog().dimension(ms.cube() + "." + ms.timeDimension()).orElse(null);
                    }
                    break;
                }
            }
            List<Slot> keep = new ArrayList<>();
            for (Slot s : chosenMetrics) {
                Optional<Measure> count = facts.entityCount(s, entity);
                if (count.isPresent()) {
                    facts.segmentFor(count.get()).ifPresent(sg -> segments.add(sg.fullName()));
                    if (rd.range != null && count.get().timeDimension() != null && timeDim == null && entityDate == null) {
                        entityDate = rd.ctx.catalog().dimension(count.get().cube() + "." + count.get().timeDimension()).orElse(null);
                    }
                } else {
                    keep.add(s);
                }
            }
            chosenMetrics = keep;
            // "top 5 customers in 2024": rows ranked with nothing measured are ranked by the declared revenue.
            if (keep.isEmpty() && (rd.topN != null || rd.descending != null) && filterSlots.isEmpty() && segments.isEmpty() && BEST.matcher(rd.joined).find()) {
                MoneyVerbs.rankingRevenue(rd, entity).ifPresent(chosenMetrics::add);
            }
            // "which rep sold the most last year": the period is the measure's own date (the sales),
            // not the listed people's date (their hiring); theirs only when nothing else is measured.
            if (timeDim == null && chosenMetrics.isEmpty()) timeDim = entityDate;
        }

        Set<String> near = NearCubes.of(rd, facts, chosenMetrics, entity);
        groupSlots = facts.nearestFirst(groupSlots, near);
        AveragingUnit.drop(rd, facts, groupSlots, chosenMetrics);
        filterSlots = facts.nearestFirst(filterSlots, near);
        extraColumns = facts.nearestFirst(extraColumns, near);
        for (Slot s : facts.nearestFirst(segmentSlots, near)) segments.add(s.order().get(0).fullName());
        chosenMetrics = new ArrayList<>(chosenMetrics);
        DatedCounts.useDated(rd, facts, chosenMetrics, segments, filters, placed, mentions);

        boolean followUp = chosenMetrics.isEmpty() && entity == null && rd.conversation.lastQuery() != null;
        if (followUp) {
            return FollowUps.followUp(rd, groupSlots, filters, filterSlots, segments);
        }
        if (chosenMetrics.isEmpty() && entity == null) {
            List<Slot> groups = groupSlots;
            return ValueCounts.of(rd, groups, filters, segments).or(() -> NamedRows.attributes(rd, facts, mentions, filters, segments))
                    .or(() -> PartialMatch.of(rd, groups, filters, segments)).orElseGet(rd::cannot);
        }
        // "What about churn rate?" after a question: the new metric, the same cut.
        if (rd.conversation.lastQuery() != null && rd.followUpCue() && groupSlots.isEmpty() && entity == null) {
            FollowUps.inheritCut(rd, filters);
        }

        ShareReading shares = new ShareReading(rd, facts, rd.ctx.catalog(), chosenMetrics);
        boolean grouped = !groupSlots.isEmpty() || rd.grain != null || timeGrainFromPhrase != null;
        Optional<PlannerOutcome> noShare = shares.read(filters, placed, entity, grouped, segmentSlots, segments);
        if (noShare.isPresent()) return noShare.get();
        chosenMetrics = shares.chosenMetrics;

        // "north and south": one set of values, not two equals filters no row meets.
        Optional<String> eachValue = ValueSets.merge(rd, filters);

        List<String> counted = new ArrayList<>(segments);
        for (Slot s : chosenMetrics) facts.countedSegment(List.of(new MemberTarget(s.order().get(0)))).ifPresent(sg -> counted.add(sg.fullName()));
        Optional<PlannerOutcome> contradiction = Exclusions.contradictorySegments(rd, counted, filters);
        if (contradiction.isPresent()) return contradiction.get();

        QueryAssembler q = new QueryAssembler(rd);
        q.percentOfTotal = shares.eachGroup;
        q.shareFilters.addAll(shares.partFilters);
        q.shareSegments.addAll(shares.partSegments);
        q.dimensions.addAll(rd.inheritedDims);
        eachValue.filter(d -> !q.dimensions.contains(d)).ifPresent(q.dimensions::add);
        q.filters.addAll(rd.inheritedFilters);
        q.filters.addAll(rd.extraFilters);
        q.segments.addAll(rd.inheritedSegments);
        for (Slot s : chosenMetrics) q.metricSlots.add(s);
        if (entity != null) {
            for (Dimension d : facts.entityDimensions(entity)) q.dimensions.add(d.fullName());
        }
        q.groupSlots.addAll(groupSlots);
        q.filterSlots.addAll(filterSlots);
        q.filters.addAll(filters);
        q.segments.addAll(segments);
        q.segments.addAll(rd.extraSegments);
        if (entity != null) q.extraSlots.addAll(extraColumns);

        // "customers of employees hired in 2003": the period is about the date the verb names.
        if (timeDim == null) timeDim = VerbDates.dateBeforeRange(rd, mentions).orElse(null);
        TimeGrains.fromMetricNames(rd, chosenMetrics);
        boolean grainOfMetricTime = bareGrain && TimeGrains.outOfReach(rd, facts, chosenMetrics, timeDim);
        if (grainOfMetricTime) timeDim = null;
        // Time: a named time dimension takes the range and the grain; otherwise metric_time.
        String effectiveGrain = rd.grain != null ? rd.grain : timeGrainFromPhrase;
        String timeTarget = timeDim != null ? timeDim.fullName() : "metric_time";
        boolean hasTimeGroup = false;
        if (timeDim != null && (timeGrainFromPhrase != null || groupHasTime(groupSlots, timeDim))) {
            q.dimensions.add(timeDim.fullName() + "." + (effectiveGrain == null ? "month" : effectiveGrain));
            hasTimeGroup = true;
        } else if (rd.grain != null || grainOfMetricTime) {
            q.dimensions.add((timeDim != null ? timeDim.fullName() : "metric_time") + "." + effectiveGrain);
            hasTimeGroup = true;
        }
        if (rd.range != null) {
            String r = rd.range;
            if (hasTimeGroup && rd.rangeIsMonths && "month".equals(effectiveGrain)) {
                r = r.replace(" months", " calendar months");
            }
            if (chosenMetrics.isEmpty() && timeDim == null) {
                rd.assumptions.add("The date range \"" + rd.range + "\" was not applied: name the date it is about (signup, churn, renewal).");
            } else {
                q.filters.add(PeriodComparison.rangeFilter(rd, timeTarget, r, hasTimeGroup));
            }
        }
        // "customers in EMEA with their renewal date": a listing shows the date it names (and filters on), by day.
        if (entity != null && chosenMetrics.isEmpty() && timeDim != null && !hasTimeGroup) q.dimensions.add(timeDim.fullName() + ".day");
        if (rd.descending != null) q.descending = rd.descending;
        q.limit = rd.topN;
        q.entity = entity;
        return q.compile();
    }

    /** True when {@code next} follows {@code m} directly and names the dimension of one of m's values. */
    private static boolean valueOfNext(List<Target> ts, Mention m, Mention next) {
        if (next == null || next.first() != m.last() + 1) return false;
        for (Target t : ts) {
            if (t instanceof ValueTarget v && next.targets().contains(new MemberTarget(v.dimension()))) return true;
        }
        return false;
    }

    boolean groupHasTime(List<Slot> groups, Dimension timeDim) {
        for (Slot s : groups) if (s.order().contains(timeDim)) return true;
        return false;
    }
}
