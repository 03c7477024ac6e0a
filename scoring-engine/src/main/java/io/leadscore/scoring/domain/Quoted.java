package io.leadscore.scoring.domain;

/** A value as an error message quotes it: whole up to 60 characters, else its start and its length. */
public final class Quoted {
    private static final int WHOLE = 60;
    private static final int START = 40;

    private Quoted() {
    }

    public static String value(String value) {
        if (value == null) {
            return "null";
        }
        if (value.length() <= WHOLE) {
            return "'" + value + "'";
        }
        int end = Character.isHighSurrogate(value.charAt(START - 1)) ? START - 1 : START;
        return "'" + value.substring(0, end) + "…' (" + value.length() + " characters)";
    }
}
