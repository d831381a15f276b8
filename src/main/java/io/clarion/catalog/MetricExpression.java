package io.clarion.catalog;

import io.clarion.catalog.model.MetricFormula;
import io.clarion.catalog.model.MetricType;

import java.util.ArrayList;
import java.util.List;

/**
 * A derived metric's arithmetic: names (metrics or cube.measure), numbers, + - * / and
 * parentheses. Nothing else is allowed, so catalog expressions can never smuggle SQL.
 */
public record MetricExpression(List<Token> tokens) {
    public sealed interface Token permits Ref, Num, Op {
    }

    public record Ref(String name) implements Token {
    }

    public record Num(String text) implements Token {
    }

    public record Op(String symbol) implements Token {
    }

    /** Thrown with the character offset of the problem. */
    public static final class SyntaxError extends IllegalArgumentException {
        private final int offset;

        SyntaxError(int offset, String message) {
            super(message);
            this.offset = offset;
        }

        public int offset() {
            return offset;
        }
    }

    public MetricExpression {
        tokens = List.copyOf(tokens);
    }

    public static MetricExpression parse(String text) {
        if (text == null || text.isBlank()) throw new SyntaxError(0, "the expression is empty");
        List<Token> out = new ArrayList<>();
        int i = 0;
        int depth = 0;
        boolean expectOperand = true;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isLetter(c) || c == '_') {
                int s = i;
                while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_' || text.charAt(i) == '.')) i++;
                if (!expectOperand) throw new SyntaxError(s, "expected an operator before " + text.substring(s, i));
                out.add(new Ref(text.substring(s, i)));
                expectOperand = false;
            } else if (Character.isDigit(c) || c == '.') {
                int s = i;
                while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) i++;
                String n = text.substring(s, i);
                if (!n.matches("\\d+(\\.\\d+)?|\\.\\d+")) throw new SyntaxError(s, "bad number " + n);
                if (!expectOperand) throw new SyntaxError(s, "expected an operator before " + n);
                out.add(new Num(n));
                expectOperand = false;
            } else if (c == '(') {
                if (!expectOperand) throw new SyntaxError(i, "expected an operator before (");
                depth++;
                out.add(new Op("("));
                i++;
            } else if (c == ')') {
                if (expectOperand || depth == 0) throw new SyntaxError(i, "unexpected )");
                depth--;
                out.add(new Op(")"));
                i++;
            } else if (c == '+' || c == '-' || c == '*' || c == '/') {
                if (expectOperand && c != '-') throw new SyntaxError(i, "expected a name or number before " + c);
                out.add(new Op(String.valueOf(c)));
                expectOperand = true;
                i++;
            } else {
                throw new SyntaxError(i, "unexpected character '" + c + "' (only names, numbers, + - * / and parentheses)");
            }
        }
        if (expectOperand) throw new SyntaxError(text.length(), "the expression ends with an operator");
        if (depth != 0) throw new SyntaxError(text.length(), "unbalanced parentheses");
        return new MetricExpression(out);
    }

    public List<String> refs() {
        return tokens.stream().filter(t -> t instanceof Ref).map(t -> ((Ref) t).name()).toList();
    }

    /**
     * The formula of a metric of {@code type}; the expression (derived) must have parsed, as the
     * catalog checks before a metric is built.
     */
    public static MetricFormula formula(MetricType type, String expression, String numerator, String denominator) {
        return switch (type) {
            case SIMPLE, CUMULATIVE, CONVERSION -> new MetricFormula.Ref(expression.strip());
            case RATIO -> new MetricFormula.Binary("/", new MetricFormula.Ref(numerator.strip()),
                    new MetricFormula.Ref(denominator.strip()));
            case DERIVED -> parse(expression).tree();
        };
    }

    /** The tokens as a tree: * and / bind tighter than + and -, unary minus tightest, left to right. */
    public MetricFormula tree() {
        return new TreeBuilder(tokens).build();
    }

    /** Precedence climbing over tokens that {@link #parse} has already checked. */
    private static final class TreeBuilder {
        private final List<Token> tokens;
        private int pos;

        TreeBuilder(List<Token> tokens) {
            this.tokens = tokens;
        }

        MetricFormula build() {
            MetricFormula n = sum();
            if (pos != tokens.size()) throw new IllegalStateException("unexpected token in metric expression");
            return n;
        }

        private MetricFormula sum() {
            MetricFormula n = product();
            while (isOp("+") || isOp("-")) {
                String op = ((Op) tokens.get(pos++)).symbol();
                n = new MetricFormula.Binary(op, n, product());
            }
            return n;
        }

        private MetricFormula product() {
            MetricFormula n = unary();
            while (isOp("*") || isOp("/")) {
                String op = ((Op) tokens.get(pos++)).symbol();
                n = new MetricFormula.Binary(op, n, unary());
            }
            return n;
        }

        private MetricFormula unary() {
            if (isOp("-")) {
                pos++;
                return new MetricFormula.Negate(unary());
            }
            Token t = tokens.get(pos++);
            if (t instanceof Ref r) return new MetricFormula.Ref(r.name());
            if (t instanceof Num n) return new MetricFormula.Num(n.text());
            if (t instanceof Op o && o.symbol().equals("(")) {
                MetricFormula inner = sum();
                pos++; // ')'
                return inner;
            }
            throw new IllegalStateException("unexpected token " + t);
        }

        private boolean isOp(String s) {
            return pos < tokens.size() && tokens.get(pos) instanceof Op o && o.symbol().equals(s);
        }
    }
}
