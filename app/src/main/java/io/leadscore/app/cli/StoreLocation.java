package io.leadscore.app.cli;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where an embedded H2 store lives, and whether it is there. H2 creates a
 * database wherever its URL points, so a mistyped {@code --db} (or a cron line
 * run from another folder) would silently start an empty store: the commands
 * that only read or rescore a store refuse instead, and say how to create one
 * on purpose. Server stores (PostgreSQL, H2 over TCP) and in-memory ones are
 * not checked here: the server answers for them. A {@code --db} that is not a
 * JDBC URL at all (a folder, say) is refused with an example of one.
 */
final class StoreLocation {
    /** H2's URL prefixes that are not a plain file path: mem:, tcp:, ssl:, zip:, nio…: and the like. */
    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9]+:.*");

    private StoreLocation() {
    }

    /**
     * @param create whether a missing store may be created
     * @throws UsageException when the store does not exist and may not be created
     */
    static void check(String url, boolean create) {
        if (!url.regionMatches(true, 0, "jdbc:", 0, "jdbc:".length())) {
            throw new UsageException("--db " + url + ": expected a JDBC URL, such as jdbc:h2:file:" + suggestedPath(url)
                    + " (an embedded store in that folder) or jdbc:postgresql://host:5432/leadscore");
        }
        Optional<Path> file = h2File(url);
        if (file.isEmpty() || Files.exists(file.get())) {
            return;
        }
        Path db = file.get().toAbsolutePath().normalize();
        Path folder = db.getParent();
        if (create) {
            // made here rather than by H2, which reports a folder it cannot make on stderr before it fails
            try {
                Files.createDirectories(folder);
            } catch (FileAlreadyExistsException e) {
                throw new UsageException("cannot create the store " + url + ": " + e.getFile() + " is a file, not a folder");
            } catch (IOException e) {
                throw new UsageException("cannot create the store " + url + ": cannot make the folder " + folder + " ("
                        + (e instanceof AccessDeniedException ? "permission denied" : Failures.oneLine(e.getMessage()))
                        + "); choose a folder you may write to");
            }
            return;
        }
        String where = folder != null && !Files.isDirectory(folder)
                ? "the folder " + folder + " does not exist" : "no store file " + db.getFileName() + " in " + folder;
        throw new UsageException("no store at " + url + " (" + where + "); check --db, or run from the folder that"
                + " holds leadscore-data/; add --create to start a new, empty store there ('import' and 'demo' create"
                + " one themselves)");
    }

    /** Where an embedded store would live, for a --db given as a path: the store's file name inside that folder. */
    private static String suggestedPath(String given) {
        String path = given.strip().replaceAll("[/\\\\]+$", "");
        return (path.isEmpty() ? "." : path) + "/leadscore";
    }

    /** The database file of an embedded H2 file URL, or empty for any other kind of store. */
    static Optional<Path> h2File(String url) {
        if (!url.startsWith("jdbc:h2:")) {
            return Optional.empty();
        }
        String path = url.substring("jdbc:h2:".length());
        int settings = path.indexOf(';');
        if (settings >= 0) {
            path = path.substring(0, settings);
        }
        if (path.startsWith("file:")) {
            path = path.substring("file:".length());
        } else if (SCHEME.matcher(path).matches()) {
            return Optional.empty();
        }
        if (path.isBlank()) {
            return Optional.empty();
        }
        if (path.startsWith("~")) {
            path = System.getProperty("user.home") + path.substring(1);
        }
        return Optional.of(Path.of(path + ".mv.db"));
    }
}
