package io.leadscore.batch.leadimport;

/** The file cannot be read as CSV at all: no record after this point can be trusted. */
final class CsvFormatException extends Exception {
    private final long line;

    CsvFormatException(long line, String message) {
        super(message);
        this.line = line;
    }

    long line() {
        return line;
    }
}
