package io.leadscore.simulator.text;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A small streaming JSON writer with two-space indentation for documents
 * that are an object or an array. It refuses
 * non-finite numbers (JSON has no NaN or Infinity; a value that can be absent
 * is written with {@link #nullValue()}), prints numbers without locale
 * (integral values without a fraction, others in Java's shortest
 * round-tripping form), and checks that names and values alternate.
 */
public final class JsonWriter {

    private enum Scope { OBJECT, ARRAY }

    private final StringBuilder out = new StringBuilder(1024);
    private final Deque<Scope> scopes = new ArrayDeque<>();
    private final Deque<Boolean> empty = new ArrayDeque<>();
    private boolean nameWritten;
    private boolean done;

    public JsonWriter beginObject() {
        beforeValue(true);
        out.append('{');
        scopes.push(Scope.OBJECT);
        empty.push(true);
        return this;
    }

    public JsonWriter endObject() {
        return end(Scope.OBJECT, '}');
    }

    public JsonWriter beginArray() {
        beforeValue(true);
        out.append('[');
        scopes.push(Scope.ARRAY);
        empty.push(true);
        return this;
    }

    public JsonWriter endArray() {
        return end(Scope.ARRAY, ']');
    }

    /** The next member's name; must be inside an object and followed by a value. */
    public JsonWriter name(String name) {
        if (scopes.peek() != Scope.OBJECT || nameWritten) {
            throw new IllegalStateException("Invalid JSON: name \"" + name + "\" outside an object or after another name");
        }
        separate();
        quote(name);
        out.append(": ");
        nameWritten = true;
        return this;
    }

    public JsonWriter value(String s) {
        if (s == null) {
            return nullValue();
        }
        beforeValue(false);
        quote(s);
        return this;
    }

    public JsonWriter value(long v) {
        beforeValue(false);
        out.append(v);
        return this;
    }

    public JsonWriter value(boolean v) {
        beforeValue(false);
        out.append(v);
        return this;
    }

    /** A finite number; throws for NaN or infinities. */
    public JsonWriter value(double v) {
        if (!Double.isFinite(v)) {
            throw new IllegalArgumentException("Invalid JSON number: " + v + ", expected a finite number");
        }
        beforeValue(false);
        out.append(format(v));
        return this;
    }

    /** A finite number, or {@code null} when {@code v} is NaN (an absent or undefined figure). */
    public JsonWriter valueOrNull(double v) {
        return Double.isNaN(v) ? nullValue() : value(v);
    }

    public JsonWriter nullValue() {
        beforeValue(false);
        out.append("null");
        return this;
    }

    /** Convenience: a member with a number. */
    public JsonWriter member(String name, double v) {
        return name(name).value(v);
    }

    /** Convenience: a member with an integer. */
    public JsonWriter member(String name, long v) {
        return name(name).value(v);
    }

    /** Convenience: a member with a string (or null). */
    public JsonWriter member(String name, String v) {
        return name(name).value(v);
    }

    /** Convenience: a member with a number or null when NaN. */
    public JsonWriter memberOrNull(String name, double v) {
        return name(name).valueOrNull(v);
    }

    /** The document, once every object and array is closed. */
    @Override
    public String toString() {
        if (!scopes.isEmpty() || !done) {
            throw new IllegalStateException("Invalid JSON: the document is not complete");
        }
        return out.toString();
    }

    /** Integral values in the long range without a fraction; others via {@link Double#toString}, which ignores locale. */
    public static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    private JsonWriter end(Scope scope, char close) {
        if (scopes.peek() != scope || nameWritten) {
            throw new IllegalStateException("Invalid JSON: unbalanced " + close);
        }
        scopes.pop();
        boolean wasEmpty = empty.pop();
        if (!wasEmpty) {
            newline();
        }
        out.append(close);
        if (scopes.isEmpty()) {
            done = true;
        }
        return this;
    }

    private void beforeValue(boolean container) {
        if (done) {
            throw new IllegalStateException("Invalid JSON: a value after the end of the document");
        }
        Scope scope = scopes.peek();
        if (scope == null) {
            if (!container) {
                throw new IllegalStateException("Invalid JSON: the document must be an object or an array");
            }
            return;
        }
        if (scope == Scope.OBJECT) {
            if (!nameWritten) {
                throw new IllegalStateException("Invalid JSON: a value in an object needs a name first");
            }
            nameWritten = false;
        } else {
            separate();
        }
    }

    private void separate() {
        if (!empty.peek()) {
            out.append(',');
        }
        empty.pop();
        empty.push(false);
        newline();
    }

    private void newline() {
        out.append('\n');
        for (int i = 0; i < scopes.size(); i++) {
            out.append("  ");
        }
    }

    private void quote(String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(java.util.Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
