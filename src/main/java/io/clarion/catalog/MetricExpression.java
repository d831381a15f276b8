package io.clarion.catalog;

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
}
