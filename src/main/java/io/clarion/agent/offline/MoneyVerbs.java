package io.clarion.agent.offline;

import io.clarion.agent.language.PhraseBook;
import io.clarion.agent.linking.Lexicon.Entry;
import io.clarion.agent.linking.Lexicon.MemberTarget;
import io.clarion.agent.linking.Lexicon.Mention;
import io.clarion.agent.linking.Lexicon.ValueTarget;
import io.clarion.catalog.model.Member;
import io.clarion.catalog.model.Roles;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * "who paid us the least last year", "accounts whose buyers paid over 500": a verb of paying names
 * the money the catalog declares as its revenue ({@code meta: {role: revenue}}), which no
 * catalog lists as a synonym of every such verb. Without a declared revenue the verb stays unread.
 */
final class MoneyVerbs {
    private static final Set<String> VERBS = PhraseBook.words("money_verbs");
    private static final Set<String> ALONE = PhraseBook.words("money_verbs_alone");
    private static final Set<String> BRINGING = Set.of("brought", "bring", "brings", "bringing", "generated", "generate", "generates",
            "generating", "earned", "made");

    private MoneyVerbs() {
    }

    /** "how much did …", "what did … pay": an amount is asked, not a number of rows. */
    private static final java.util.regex.Pattern AMOUNT_ASKED = java.util.regex.Pattern.compile("^(?:so )?(?:how much\\b|what (?:did|do|does|have|has)\\b)");

    /**
     * "top 5 customers", "the 3 best artists in 2024": rows ranked with no measure named are ranked
     * by the catalog's declared revenue, said as an assumption; without one, nothing is assumed.
     */
    static Optional<Slot> rankingRevenue(Reading rd, Mention rows) {
        Optional<Member> revenue = declaredRevenue(rd.ctx.catalog());
        if (revenue.isEmpty()) return Optional.empty();
        if (rd.descending == null) rd.descending = true;
        rd.assumptions.add("Ranked \"" + rd.words(rows) + "\" by " + revenue.get().fullName() + ", the catalog's revenue: no measure was named.");
        Mention m = new Mention(new TreeSet<>(rows.positions()), 1.0, List.of(new Entry(List.of(), Set.of(), new MemberTarget(revenue.get()), false, Set.of())));
        return Optional.of(new Slot(m, List.of(revenue.get()), null));
    }

    /** The certified metric or measure the catalog declares as its revenue ({@code meta: {role: revenue}}). */
    static Optional<Member> declaredRevenue(io.clarion.catalog.model.Catalog catalog) {
        return Roles.of(catalog).get(Roles.REVENUE)
                .flatMap(name -> catalog.metric(name).map(m -> (Member) m).or(() -> catalog.measure(name).map(m -> (Member) m)))
                .filter(m -> m.info().certified());
    }

    /** A mention of the revenue metric for the first paying verb nothing else read; marks its word as read. */
    static Optional<Mention> find(Reading rd) {
        for (int i = 0; i < rd.tokens.size(); i++) {
            String w = rd.tokens.get(i).raw();
            // "brought in more than $100": a verb of bringing is money only beside an amount of money.
            // "how much did each agent bring in": or when an amount is asked.
            boolean money = VERBS.contains(w) || ALONE.contains(w) || BRINGING.contains(w) && (AmountFilters.moneyCompared(rd) || AMOUNT_ASKED.matcher(rd.joined).find());
            if (rd.taken[i] || !money) continue;
            Optional<Member> revenue = declaredRevenue(rd.ctx.catalog());
            if (revenue.isEmpty()) return Optional.empty();
            rd.taken[i] = true;
            TreeSet<Integer> at = new TreeSet<>(List.of(i));
            // Above a one-word table name ("the region whose buyers paid most": the paying is
            // asked, not the buyers counted), below a count right after "how many".
            return Optional.of(new Mention(at, 2.0, List.of(new Entry(List.of(rd.tokens.get(i).stem()), Set.of(rd.tokens.get(i).raw()),
                    new MemberTarget(revenue.get()), false, Set.of()))));
        }
        return Optional.empty();
    }

    /**
     * "accounts by all the money they paid us": a paying verb that also names a value, segment or
     * measure of tables the question does not otherwise touch (a journey stage "paid") is the verb,
     * not a filter on those tables. Its readings on tables the question does touch ("paid
     * invoices", "the paid stage" naming its dimension) are kept; with none left the verb is read
     * as the declared revenue.
     */
    static List<Mention> verbsNotValues(List<Mention> mentions, CatalogFacts facts, Reading rd) {
        List<Mention> out = new ArrayList<>();
        boolean amountAsked = AMOUNT_ASKED.matcher(rd.joined).find();
        for (Mention m : mentions) {
            // "how much did enterprise customers pay": the rows who paid and the verb are not a count of paying rows.
            String last = rd.tokens.get(m.last()).raw();
            if (amountAsked && m.positions().size() > 1 && VERBS.contains(last) && !last.endsWith("ing")) continue;
            if (m.positions().size() != 1 || !VERBS.contains(rd.tokens.get(m.first()).raw())) {
                out.add(m);
                continue;
            }
            Set<String> touched = new HashSet<>();
            Set<Member> named = new HashSet<>();
            for (Mention o : mentions) {
                if (o == m) continue;
                for (var t : o.targets()) {
                    if (t instanceof MemberTarget mt) {
                        touched.add(facts.cubeOf(mt.member()));
                        named.add(mt.member());
                    }
                }
            }
            List<Entry> kept = m.entries().stream().filter(e -> e.target() instanceof ValueTarget v
                    ? named.contains(v.dimension()) || touched.contains(v.dimension().cube())
                    : !(e.target() instanceof MemberTarget mt) || touched.contains(facts.cubeOf(mt.member()))).toList();
            if (kept.size() == m.entries().size()) out.add(m);
            else if (!kept.isEmpty()) out.add(new Mention(m.positions(), m.score(), kept));

        }
        return out;
    }
}
