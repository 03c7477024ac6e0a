package io.leadscore.scoring.domain;

import java.util.Locale;
import java.util.Optional;

/** Wire-name parsing shared by the contract's enums. */
final class Enums {
    private Enums() {
    }

    static <E extends Enum<E>> Optional<E> parse(E[] values, String text) {
        if (text == null) {
            return Optional.empty();
        }
        String wanted = text.trim().toUpperCase(Locale.ROOT);
        for (E value : values) {
            if (value.name().equals(wanted)) {
                return Optional.of(value);
            }
        }
        return Optional.empty();
    }

    static String allowed(Enum<?>[] values) {
        StringBuilder out = new StringBuilder();
        for (Enum<?> value : values) {
            if (out.length() > 0) {
                out.append(", ");
            }
            out.append(value.name().toLowerCase(Locale.ROOT));
        }
        return out.toString();
    }
}
