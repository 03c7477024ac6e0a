package io.leadscore.batch.leadimport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;

/**
 * Reads every file of an import once before anything is written: a file that
 * cannot be read, whose header is not UTF-8 CSV text, or lacks a required column rejects
 * the whole import, and the store is left as it was. What it learns (rows per
 * file, extra columns) feeds progress and the summary.
 */
public final class ImportPreflight {

    /** What a checked file holds. */
    public record CheckedFile(ImportFileKind kind, String fileName, long rows, java.util.List<String> extraColumns) {
    }

    private ImportPreflight() {
    }

    /**
     * @param files file name by kind, for the kinds given
     * @throws FileRejectedException naming the file and what is wrong with it
     */
    public static Map<ImportFileKind, CheckedFile> check(Map<ImportFileKind, String> files) throws FileRejectedException {
        Map<ImportFileKind, CheckedFile> checked = new EnumMap<>(ImportFileKind.class);
        for (Map.Entry<ImportFileKind, String> entry : files.entrySet()) {
            checked.put(entry.getKey(), check(entry.getKey(), entry.getValue()));
        }
        return checked;
    }

    static CheckedFile check(ImportFileKind kind, String fileName) throws FileRejectedException {
        Path path = Path.of(fileName);
        if (Files.isDirectory(path)) {
            throw new FileRejectedException(fileName, "is a directory, expected a CSV file");
        }
        try (InputStream in = Files.newInputStream(path); CsvParser parser = CsvParser.utf8(in)) {
            CsvRecord headerRecord = parser.next();
            if (headerRecord == null) {
                throw new FileRejectedException(fileName, "the file is empty: a " + kind.label()
                        + " file starts with a header naming at least " + String.join(", ", kind.requiredColumns()));
            }
            CsvHeader header = CsvHeader.of(headerRecord, kind, fileName);
            long rows = 0;
            while (parser.next() != null) {
                rows++;
            }
            return new CheckedFile(kind, fileName, rows, header.extraNames());
        } catch (NoSuchFileException e) {
            throw new FileRejectedException(fileName, "no such file");
        } catch (AccessDeniedException e) {
            throw new FileRejectedException(fileName, "permission denied");
        } catch (IOException e) {
            throw new FileRejectedException(fileName, "cannot be read: " + e.getMessage());
        }
    }
}
