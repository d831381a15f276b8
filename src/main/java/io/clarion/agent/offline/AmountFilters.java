package io.clarion.agent.offline;

import io.clarion.agent.linking.Lexicon.Mention;
import io.clarion.catalog.model.Cube;
import io.clarion.catalog.model.Dimension;
import io.clarion.catalog.model.DimensionType;
import io.clarion.catalog.model.Format;
import io.clarion.catalog.model.Measure;
import io.clarion.catalog.model.MeasureType;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * "how many invoices were over 10 dollars", "the number of orders above $500": an amount of money
 * compared beside a table's counted rows compares each row's own money column, the one the table's certified
 * currency total adds up, not a count of the rows. A total with no date of its own (a lifetime
 * figure) is not used when a period is asked, since each row's column would ignore the period.
 */
final class AmountFilters {
    private static final Set<String> CURRENCY_WORDS = Set.of("dollar", "dollars", "usd", "euro", "euros", "eur", "pound", "pounds",
            "gbp", "bucks");
    private static final Pattern SYMBOL = Pattern.compile("[$€£]\\s?(\\d[\\d,]*(?:\\.\\d+)?)");

    /** Where rows are counted ("how many invoices were over 10 dollars"), or only the rows are named before the amount. */
    private static final Pattern COUNTED = Pattern.compile("^(?:\\w+ ){0,3}?(?:how many|number of|count of|count)\\b");

    private AmountFilters() {
    }

    static Optional<Mention> find(Reading rd) {
        boolean counted = COUNTED.matcher(rd.joined).find();
        for (Cmp c : rd.comparisons) {
            if (c.attached || c.owner != null || c.values.size() != 1 || !counted && !onlyRowsBefore(rd, c)) continue;
            int word = currencyWordAfter(rd, c);
            boolean free = word > 0 && !rd.taken[word];
            if (!free && !symbolBefore(rd, c)) continue;
            Optional<Dimension> column = column(rd, c);
            if (column.isEmpty()) continue;
            if (free) rd.taken[word] = true;
            Mention m = Mention.settled(List.of(free ? word : c.end), column.get());
            c.owner = m;
            rd.assumptions.add("Compared each row's own " + column.get().fullName() + " with the amount.");
            return Optional.of(m);
        }
        return Optional.empty();
    }

    /** "invoices over 20 dollars", "show me orders above $500": nothing but the rows' noun (and a listing verb) before the amount. */
    private static boolean onlyRowsBefore(Reading rd, Cmp c) {
        int words = 0;
        for (int i = 0; i < c.start; i++) {
            String w = rd.tokens.get(i).raw();
            if (rd.tokens.get(i).stop() || io.clarion.agent.language.ShapeWords.LIST_START.contains(w)
                    || io.clarion.agent.language.ShapeWords.LIST_OPENERS.contains(w)) continue;
            words++;
        }
        return words == 1;
    }

    /** Whether some comparison is an amount of money ("more than $100", "over 50 dollars"). */
    static boolean moneyCompared(Reading rd) {
        for (Cmp c : rd.comparisons) if (currencyWordAfter(rd, c) > 0 || symbolBefore(rd, c)) return true;
        return false;
    }

    /** The position of the currency word right after the comparison's number ("10 dollars"), or -1. */
    static int currencyWordAfter(Reading rd, Cmp c) {
        int after = c.end + 1;
        return after < rd.tokens.size() && CURRENCY_WORDS.contains(rd.tokens.get(after).raw()) ? after : -1;
    }

    /** "$15": a currency symbol written before the comparison's number. */
    private static boolean symbolBefore(Reading rd, Cmp c) {
        if (c.values.size() != 1) return false;
        double value = c.values.get(0);
        var m = SYMBOL.matcher(rd.question);
        while (m.find()) {
            if (Math.abs(Double.parseDouble(m.group(1).replace(",", "")) - value) < 1e-9) return true;
        }
        return false;
    }

    /** The money column of the table whose rows the question names before the amount. */
    private static Optional<Dimension> column(Reading rd, Cmp c) {
        for (int i = c.start - 1; i >= 0; i--) {
            if (rd.tokens.get(i).stop()) continue;
            Optional<Cube> cube = SoldUnits.cubeNamed(rd, rd.tokens.get(i).stem());
            if (cube.isEmpty()) continue;
            List<Dimension> found = new ArrayList<>();
            for (Measure m : cube.get().measures()) {
                if (m.type() != MeasureType.SUM || m.format() != Format.CURRENCY || !m.filters().isEmpty() || m.sql() == null) continue;
                if (rd.range != null && m.timeDimension() == null) continue;
                String col = m.sql().source().strip().replaceFirst("^\\{CUBE\\}\\.", "");
                for (Dimension d : cube.get().dimensions()) {
                    String dcol = d.sql() == null ? "" : d.sql().source().strip().replaceFirst("^\\{CUBE\\}\\.", "");
                    if (d.type() == DimensionType.NUMBER && !d.primaryKey() && dcol.equals(col) && !found.contains(d)) found.add(d);
                }
            }
            return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
        }
        return Optional.empty();
    }
}
