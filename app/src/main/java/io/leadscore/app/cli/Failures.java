package io.leadscore.app.cli;

import io.leadscore.batch.registry.ModelRefusedException;
import io.leadscore.batch.registry.ModelSigningKey;
import io.leadscore.batch.store.JobLock;
import io.leadscore.scoring.domain.InvalidInputException;
import io.leadscore.scoring.domain.Printable;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.dao.DataAccessResourceFailureException;

/**
 * The one error path of the command line: what a failure means to the person
 * who ran the command, as an exit code and one line.
 * <ul>
 *   <li>2: something the user can fix — bad usage, bad input, a refused model, a store that cannot be
 *       opened, a file that cannot be written; nothing was changed.</li>
 *   <li>1: a job that ran and failed (its state is kept and it can be restarted), or a store that stopped
 *       answering.</li>
 *   <li>1, with its own message: anything else is a bug in leadscore, never reported as the user's mistake
 *       (an {@link IllegalArgumentException} thrown inside leadscore is a caller's, not the user's, error: the
 *       commands turn what users type into {@link UsageException}s, or check it through a library that throws
 *       {@link InvalidInputException}, before it reaches the libraries).</li>
 * </ul>
 */
final class Failures {
    static final int USER = 2;
    static final int FAILED = 1;
    static final String BUG_ADVICE = "this is a bug; run with --debug and report it";

    private Failures() {
    }

    /**
     * How a failure is reported.
     *
     * @param exitCode 1 or 2
     * @param message  the one line, without the command's name
     * @param bug      whether leadscore itself is at fault
     */
    record Failure(int exitCode, String message, boolean bug) {
    }

    static Failure classify(Throwable e) {
        if (e instanceof UsageException || e instanceof InvalidInputException || e instanceof ModelRefusedException || e instanceof JobLock.HeldException
                || e instanceof ModelSigningKey.ModelSigningKeyException) {
            return new Failure(USER, oneLine(e.getMessage()), false);
        }
        if (e instanceof JobFailedException) {
            return new Failure(FAILED, oneLine(e.getMessage()), false);
        }
        FileSystemException file = find(e, FileSystemException.class);
        if (file != null) {
            return new Failure(USER, fileProblem(file), false);
        }
        PortInUseException port = find(e, PortInUseException.class);
        if (port != null) {
            return new Failure(USER, "port " + port.getPort() + " is already in use (another leadscore serve, or another"
                    + " server?): stop what listens there, or choose another port with --port", false);
        }
        DataAccessResourceFailureException store = find(e, DataAccessResourceFailureException.class);
        if (store != null) {
            return new Failure(FAILED, "the store stopped answering: " + oneLine(rootMessage(store))
                    + "; check that it is running and reachable, then run the command again", false);
        }
        return new Failure(FAILED, "internal error (" + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + oneLine(e.getMessage())) + "); " + BUG_ADVICE, true);
    }

    /**
     * Why a file could not be read or written, in words: "permission denied", "no such file or folder", the file
     * system's own reason ("Read-only file system"), and the file it concerns when that is another than the one
     * named (a temporary file beside it) — never only the file's name, which a FileSystemException's message is.
     */
    static String ioReason(java.io.IOException e, java.nio.file.Path named) {
        if (e instanceof FileSystemException f) {
            String why = f instanceof AccessDeniedException ? "permission denied"
                    : f instanceof NoSuchFileException ? "no such file or folder"
                    : f instanceof FileAlreadyExistsException ? "something already exists there"
                    : f.getReason() != null ? oneLine(f.getReason()) : f.getClass().getSimpleName();
            boolean other = f.getFile() != null && named != null && !f.getFile().equals(named.toString());
            return why + (other ? " (" + f.getFile() + ")" : "");
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : oneLine(e.getMessage());
    }

    private static String fileProblem(FileSystemException e) {
        String path = e.getFile();
        if (e instanceof AccessDeniedException) {
            return "cannot write " + path + ": permission denied; choose a folder you may write to, or fix its permissions";
        }
        if (e instanceof NoSuchFileException) {
            return "no such file or folder: " + path;
        }
        if (e instanceof FileAlreadyExistsException) {
            return "cannot use " + path + ": something already exists there (a file where a folder is needed?)";
        }
        return "cannot use " + path + ": " + oneLine(e.getReason() == null ? String.valueOf(e.getMessage()) : e.getReason());
    }

    static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    /** The first line of a message, with control characters (terminal escapes among them) made visible. */
    static String oneLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return Printable.of(nl < 0 ? message : message.substring(0, nl).strip());
    }
}
