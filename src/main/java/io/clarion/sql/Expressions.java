package io.clarion.sql;

import io.clarion.plan.Expr;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** How metrics combine after aggregation: arithmetic over leaf columns and windows over result rows. */
final class Expressions {
    private final Dialect d;

    Expressions(Dialect dialect) {
        this.d = dialect;
    }

    /** How a leaf's column is written where the output expressions read it. */
    @FunctionalInterface
    interface ColumnRef {
        String of(String leaf, String column);
    }

    /** {@code e}; {@code outputs} holds the output columns already written, by name. */
    Sql render(Expr e, Map<String, Sql> outputs, ColumnRef ref) {
        if (e instanceof Expr.Col c) {
            String col = ref.of(c.leaf(), c.column());
            return Sql.of(c.zeroIfMissing() ? "coalesce(" + col + ", 0)" : col);
        }
        if (e instanceof Expr.Num n) return Sql.of(n.text());
        if (e instanceof Expr.Binary b) {
            return Sql.concat(render(b.left(), outputs, ref).wrap("(", " " + b.op() + " "), render(b.right(), outputs, ref).append(")"));
        }
        if (e instanceof Expr.Div v) return d.divide(render(v.left(), outputs, ref), render(v.right(), outputs, ref));
        if (e instanceof Expr.Neg n) return render(n.inner(), outputs, ref).wrap("(-", ")");
        if (e instanceof Expr.OutputRef r) return outputs.get(r.name());
        return window((Expr.Window) e, outputs, ref);
    }

    private Sql window(Expr.Window w, Map<String, Sql> outputs, ColumnRef ref) {
        Sql inner = render(w.inner(), outputs, ref);
        List<Sql> partition = new ArrayList<>(w.partitionColumns().stream().map(outputs::get).toList());
        Sql time = w.orderColumn() == null ? null : outputs.get(w.orderColumn());
        if (w.kind() == Expr.Window.Kind.TO_DATE_SUM) partition.add(d.dateTrunc(w.grain(), time));
        Sql over = partition.isEmpty() ? Sql.EMPTY : Sql.join(", ", partition).wrap("PARTITION BY ", "");
        Sql overSpace = over.isEmpty() ? over : over.append(" ");
        return switch (w.kind()) {
            case SUM_ALL -> Sql.concat(inner.wrap("sum(", ") OVER ("), over, Sql.of(")"));
            case RANK_DESC -> Sql.concat(Sql.of("rank() OVER ("), overSpace, inner.wrap("ORDER BY ", " DESC NULLS LAST)"));
            case ROLLING_SUM -> Sql.concat(inner.wrap("sum(", ") OVER ("), overSpace, time.wrap("ORDER BY ", ""),
                    Sql.of(" RANGE BETWEEN " + d.interval(w.grain(), w.size() - 1) + " PRECEDING AND CURRENT ROW)"));
            case RUNNING_SUM, TO_DATE_SUM -> Sql.concat(inner.wrap("sum(", ") OVER ("), overSpace, time.wrap("ORDER BY ", ""),
                    Sql.of(" ROWS UNBOUNDED PRECEDING)"));
        };
    }
}
