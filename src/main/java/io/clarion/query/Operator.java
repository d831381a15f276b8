package io.clarion.query;

import io.clarion.catalog.model.DimensionType;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import static io.clarion.catalog.model.DimensionType.BOOLEAN;
import static io.clarion.catalog.model.DimensionType.NUMBER;
import static io.clarion.catalog.model.DimensionType.STRING;
import static io.clarion.catalog.model.DimensionType.TIME;

/** Filter operators, with the dimension types each applies to and the value shape it takes. */
public enum Operator {
    EQUALS(Arity.ONE, STRING, NUMBER, BOOLEAN, TIME),
    NOT_EQUALS(Arity.ONE, STRING, NUMBER, BOOLEAN, TIME),
    IN(Arity.MANY, STRING, NUMBER),
    NOT_IN(Arity.MANY, STRING, NUMBER),
    CONTAINS(Arity.ONE, STRING),
    NOT_CONTAINS(Arity.ONE, STRING),
    STARTS_WITH(Arity.ONE, STRING),
    GT(Arity.ONE, NUMBER, TIME),
    GTE(Arity.ONE, NUMBER, TIME),
    LT(Arity.ONE, NUMBER, TIME),
    LTE(Arity.ONE, NUMBER, TIME),
    BETWEEN(Arity.TWO, NUMBER, TIME),
    SET(Arity.NONE, STRING, NUMBER, BOOLEAN, TIME),
    NOT_SET(Arity.NONE, STRING, NUMBER, BOOLEAN, TIME),
    IN_DATE_RANGE(Arity.RANGE, TIME),
    /** Rows in any of several periods, one row each: answered period by period (the engine's PeriodUnion). */
    IN_PERIODS(Arity.MANY, TIME),
    BEFORE(Arity.ONE, TIME),
    AFTER(Arity.ONE, TIME);

    /** How many values the operator takes; RANGE is a relative phrase or two dates. */
    public enum Arity { NONE, ONE, TWO, MANY, RANGE }

    private final Arity arity;
    private final Set<DimensionType> types;

    Operator(Arity arity, DimensionType first, DimensionType... rest) {
        this.arity = arity;
        this.types = EnumSet.of(first, rest);
    }

    public Arity arity() {
        return arity;
    }

    public boolean appliesTo(DimensionType t) {
        return types.contains(t);
    }

    /** Operators that make sense on a metric's aggregated value (HAVING-like). */
    public boolean appliesToMetric() {
        return types.contains(NUMBER) && this != IN && this != NOT_IN;
    }

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Operator> parse(String s) {
        if (s == null) return Optional.empty();
        String k = s.strip().toLowerCase(Locale.ROOT).replace('-', '_');
        k = switch (k) {
            case "eq", "=", "==", "is" -> "equals";
            case "ne", "!=", "<>", "neq" -> "not_equals";
            case ">" -> "gt";
            case ">=" -> "gte";
            case "<" -> "lt";
            case "<=" -> "lte";
            case "notequals" -> "not_equals";
            case "indaterange", "date_range" -> "in_date_range";
            default -> k;
        };
        for (Operator o : values()) if (o.key().equals(k)) return Optional.of(o);
        return Optional.empty();
    }

    public static java.util.List<String> keys() {
        return java.util.Arrays.stream(values()).map(Operator::key).toList();
    }
}
