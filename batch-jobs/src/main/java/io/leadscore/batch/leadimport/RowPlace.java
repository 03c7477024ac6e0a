package io.leadscore.batch.leadimport;

/**
 * Where a row sits, in the words its sender understands: a line of a CSV file,
 * or an item of an array of a live request (its index, from 0).
 */
enum RowPlace {
    LINE("on line ", "file"),
    ITEM("at index ", "request");

    private final String prefix;
    private final String whole;

    RowPlace(String prefix, String whole) {
        this.prefix = prefix;
        this.whole = whole;
    }

    String at(long position) {
        return prefix + position;
    }

    /** What the row is part of: a row's id must be unique in it. */
    String whole() {
        return whole;
    }
}
