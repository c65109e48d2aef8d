package org.tessera.indexer.ingest;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;

/**
 * A parsed arithmetic expression over numeric columns, for {@code compute:} values:
 * numbers, column names ({@code possible}, {@code contact.count}, or {@code {Sessions Possible}}
 * for names with spaces), {@code + - * /}, unary minus and parentheses. Immutable and thread-safe.
 */
public sealed interface Arithmetic {

    /** The value, or null when a column is absent or not a number, or on division by zero. */
    Double evaluate(Function<String, String> column);

    /** Columns the expression reads, in order. */
    default Set<String> columns() {
        Set<String> out = new LinkedHashSet<>();
        collect(this, out);
        return out;
    }

    private static void collect(Arithmetic a, Set<String> out) {
        switch (a) {
            case Number n -> { }
            case Ref r -> out.add(r.column());
            case Negate n -> collect(n.operand(), out);
            case Binary b -> {
                collect(b.left(), out);
                collect(b.right(), out);
            }
        }
    }

    record Number(double value) implements Arithmetic {
        @Override public Double evaluate(Function<String, String> column) { return value; }
    }

    record Ref(String column) implements Arithmetic {
        @Override public Double evaluate(Function<String, String> column) {
            return parseNumber(column.apply(this.column));
        }
    }

    record Negate(Arithmetic operand) implements Arithmetic {
        @Override public Double evaluate(Function<String, String> column) {
            Double v = operand.evaluate(column);
            return v == null ? null : -v;
        }
    }

    record Binary(char op, Arithmetic left, Arithmetic right) implements Arithmetic {
        @Override public Double evaluate(Function<String, String> column) {
            Double l = left.evaluate(column);
            Double r = right.evaluate(column);
            if (l == null || r == null) return null;
            return switch (op) {
                case '+' -> l + r;
                case '-' -> l - r;
                case '*' -> l * r;
                case '/' -> r == 0 ? null : l / r;
                default -> throw new IllegalStateException("operator " + op);
            };
        }
    }

    /**
     * A number as agencies write it: {@code 4,056.56}, {@code £4056.56}, {@code 95%}, {@code -3};
     * null when the text holds no number or more than one.
     */
    static Double parseNumber(String raw) {
        if (raw == null) return null;
        StringBuilder sb = new StringBuilder();
        for (char c : raw.trim().toCharArray()) {
            if (Character.isDigit(c) || c == '.' || c == '-') sb.append(c);
            else if (c == ',' || c == '£' || c == '$' || c == '€' || c == '%' || c == ' ' || c == '+') continue;
            else return null;
        }
        if (sb.isEmpty()) return null;
        try {
            return Double.parseDouble(sb.toString());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Formats with at most {@code decimals} places, without trailing zeros ({@code 95.0} gives {@code 95}). */
    static String format(double value, int decimals) {
        java.math.BigDecimal d = java.math.BigDecimal.valueOf(value).setScale(decimals, java.math.RoundingMode.HALF_UP).stripTrailingZeros();
        if (d.scale() < 0) d = d.setScale(0);
        return d.toPlainString();
    }

    /**
     * Parses an expression.
     *
     * @throws IllegalArgumentException naming the position and the problem
     */
    static Arithmetic parse(String text) {
        Parser p = new Parser(text);
        Arithmetic a = p.sum();
        p.skip();
        if (p.pos < text.length()) throw new IllegalArgumentException("unexpected '" + text.charAt(p.pos) + "' at position " + (p.pos + 1));
        return a;
    }

    /** Recursive descent over {@code sum := product (('+'|'-') product)*}, {@code product := unary (('*'|'/') unary)*}. */
    final class Parser {
        private final String s;
        private int pos;

        private Parser(String s) { this.s = s; }

        void skip() { while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) pos++; }

        Arithmetic sum() {
            return leftAssociative('+', '-', this::product);
        }

        Arithmetic product() {
            return leftAssociative('*', '/', this::unary);
        }

        /** {@code operand (op operand)*} with either operator, grouped from the left. */
        private Arithmetic leftAssociative(char op1, char op2, java.util.function.Supplier<Arithmetic> operand) {
            Arithmetic a = operand.get();
            while (true) {
                skip();
                if (pos < s.length() && (s.charAt(pos) == op1 || s.charAt(pos) == op2)) {
                    char op = s.charAt(pos++);
                    a = new Binary(op, a, operand.get());
                } else return a;
            }
        }

        Arithmetic unary() {
            skip();
            if (pos >= s.length()) throw new IllegalArgumentException("expression ends where a value was expected");
            char c = s.charAt(pos);
            if (c == '-') {
                pos++;
                return new Negate(unary());
            }
            if (c == '(') {
                pos++;
                Arithmetic a = sum();
                skip();
                if (pos >= s.length() || s.charAt(pos) != ')') throw new IllegalArgumentException("missing ')' at position " + (pos + 1));
                pos++;
                return a;
            }
            if (c == '{') {
                int end = s.indexOf('}', pos);
                if (end < 0) throw new IllegalArgumentException("unclosed '{' at position " + (pos + 1));
                String col = s.substring(pos + 1, end).trim();
                if (col.isEmpty()) throw new IllegalArgumentException("empty column name at position " + (pos + 1));
                pos = end + 1;
                return new Ref(col);
            }
            if (Character.isDigit(c) || c == '.') {
                int start = pos;
                while (pos < s.length() && (Character.isDigit(s.charAt(pos)) || s.charAt(pos) == '.')) pos++;
                try {
                    return new Number(Double.parseDouble(s.substring(start, pos)));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("bad number '" + s.substring(start, pos) + "' at position " + (start + 1));
                }
            }
            if (Character.isLetter(c) || c == '_') {
                int start = pos;
                while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_' || s.charAt(pos) == '.'
                        || s.charAt(pos) == '[' || s.charAt(pos) == ']')) pos++;
                return new Ref(s.substring(start, pos));
            }
            throw new IllegalArgumentException("unexpected '" + c + "' at position " + (pos + 1));
        }
    }
}
