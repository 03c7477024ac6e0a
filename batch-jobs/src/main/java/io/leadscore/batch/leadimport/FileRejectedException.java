package io.leadscore.batch.leadimport;

/**
 * A whole file is refused (unreadable, not CSV, a required column missing)
 * before anything is written.
 */
public final class FileRejectedException extends Exception {
    private final String fileName;
    private final String problem;

    public FileRejectedException(String fileName, String problem) {
        super(fileName + ": " + problem);
        this.fileName = fileName;
        this.problem = problem;
    }

    public String fileName() {
        return fileName;
    }

    public String problem() {
        return problem;
    }
}
