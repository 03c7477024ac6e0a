package io.leadscore.app.cli;

import java.util.List;
import java.util.Locale;
import java.util.function.DoubleFunction;

/** Horizontal bar charts in plain text, for results people would rather see than read. */
final class TextBars {
    private TextBars() {
    }

    /** One bar per label, scaled to the largest value, with the value and an optional note after it. */
    static String chart(List<String> labels, List<Double> values, List<String> notes, int width) {
        return chart(labels, values, v -> Output.cell(v == Math.rint(v) ? (Object) (long) v : (Object) v), notes, width);
    }

    /** {@link #chart(List, List, List, int)} with the values written by {@code format} (e.g. rounded for people). */
    static String chart(List<String> labels, List<Double> values, DoubleFunction<String> format, List<String> notes,
                        int width) {
        double max = 0;
        int labelWidth = 0;
        for (int i = 0; i < labels.size(); i++) {
            if (!Double.isNaN(values.get(i))) {
                max = Math.max(max, values.get(i));
            }
            labelWidth = Math.max(labelWidth, labels.get(i).length());
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < labels.size(); i++) {
            double v = values.get(i);
            // a value there is none of (NaN) gets an empty bar; its text says why
            int filled = max <= 0 || Double.isNaN(v) ? 0 : (int) Math.round(width * v / max);
            if (v > 0 && filled == 0) {
                filled = 1;
            }
            out.append(String.format(Locale.ROOT, "  %-" + labelWidth + "s |", labels.get(i)))
                    .append("█".repeat(filled)).append(" ".repeat(width - filled))
                    .append("| ").append(format.apply(v));
            if (notes != null && notes.get(i) != null && !notes.get(i).isEmpty()) {
                out.append("  ").append(notes.get(i));
            }
            out.append('\n');
        }
        return out.toString();
    }
}
