package io.leadscore.batch.leadimport;

import io.leadscore.scoring.domain.Printable;

/**
 * A whole file is refused (unreadable, not CSV, a required column missing)
 * before anything is written.
 */
public final class FileRejectedException extends Exception {
    private final String fileName;
    private final String problem;

    public FileRejectedException(String fileName, String problem) {
        super(fileName + ": " + Printable.of(problem));
        this.fileName = fileName;
        this.problem = Printable.of(problem);
    }

    public String fileName() {
        return fileName;
    }

    public String problem() {
        return problem;
    }
}
