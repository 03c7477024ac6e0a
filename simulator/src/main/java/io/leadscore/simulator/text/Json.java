package io.leadscore.simulator.text;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.util.DefaultIndenter;
import tools.jackson.core.util.DefaultPrettyPrinter;
import tools.jackson.core.util.Separators;
import tools.jackson.databind.JacksonModule;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.databind.ser.std.StdSerializer;

/**
 * The simulator's JSON documents, written by Jackson from the result
 * records: members in the records' order, two-space indentation with one
 * value a line, and figures as scripts have always read them. A figure is a
 * finite number: integral values in the long range without a fraction,
 * others in Java's shortest round-tripping form, never localised; a figure
 * that can be undefined is a {@code Double} that is {@code null} then
 * ({@link #orNull(double)}), and a non-finite figure is refused.
 */
public final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder()
            .disable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .addModule(figures())
            .enable(SerializationFeature.INDENT_OUTPUT)
            .defaultPrettyPrinter(printer())
            .build();

    private Json() {
    }

    /** The document of a result record (or list of them). */
    public static String write(Object document) {
        return MAPPER.writeValueAsString(document);
    }

    /** A figure that is undefined when NaN: {@code null} then. */
    public static Double orNull(double v) {
        return Double.isNaN(v) ? null : v;
    }

    /** The figure rule as a Jackson module. */
    private static JacksonModule figures() {
        FigureSerializer figure = new FigureSerializer();
        return new SimpleModule("leadscore-figures")
                .addSerializer(Double.class, figure)
                .addSerializer(double.class, figure);
    }

    /** Integral values in the long range without a fraction; others via {@link Double#toString}, which ignores locale. */
    public static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return Double.toString(v);
    }

    private static DefaultPrettyPrinter printer() {
        DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
        return new DefaultPrettyPrinter(Separators.createDefaultInstance()
                .withObjectNameValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator(""))
                .withObjectIndenter(indenter)
                .withArrayIndenter(indenter);
    }

    private static final class FigureSerializer extends StdSerializer<Double> {
        FigureSerializer() {
            super(Double.class);
        }

        @Override
        public void serialize(Double value, JsonGenerator gen, SerializationContext ctxt) throws JacksonException {
            double v = value;
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("Invalid JSON number: " + v
                        + ", expected a finite number (an undefined figure is null)");
            }
            gen.writeNumber(format(v));
        }
    }
}
