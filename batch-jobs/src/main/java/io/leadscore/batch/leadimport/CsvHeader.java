package io.leadscore.batch.leadimport;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The header row of a file: column names matched case-insensitively after
 * trimming, the position of each contract column, and the columns the contract
 * does not name (custom attributes in a leads file, ignored elsewhere).
 */
final class CsvHeader {
    private final String[] names;
    private final Map<String, Integer> indexByKey;
    private final List<Integer> extraIndexes;
    /** Whether the extra columns are kept (a lead's custom attributes) or ignored (in the other kinds). */
    private final boolean extrasKept;

    private CsvHeader(String[] names, Map<String, Integer> indexByKey, List<Integer> extraIndexes, ImportFileKind kind) {
        this.names = names;
        this.indexByKey = indexByKey;
        this.extraIndexes = extraIndexes;
        this.extrasKept = kind == ImportFileKind.LEADS;
    }

    /**
     * Reads a header for a file kind.
     *
     * @throws FileRejectedException when the header is not text (a spreadsheet, an archive, another encoding),
     *                               a required column is missing, a column name is empty or repeated
     */
    static CsvHeader of(CsvRecord record, ImportFileKind kind, String fileName) throws FileRejectedException {
        if (CsvParser.TOO_LONG.equals(record.damaged())) {
            throw new FileRejectedException(fileName, "its header holds " + record.damaged() + ": not a CSV header"
                    + " (is it XML, JSON, or a file without line breaks? export it as CSV)");
        }
        if (record.damaged() != null) {
            throw new FileRejectedException(fileName, "its header holds " + record.damaged() + ": not UTF-8 CSV text"
                    + " (is it a spreadsheet, an archive, or text in another encoding such as UTF-16? export it as CSV"
                    + " in UTF-8)");
        }
        String[] raw = record.fields();
        String[] names = new String[raw.length];
        Map<String, Integer> indexByKey = new HashMap<>();
        List<Integer> extras = new ArrayList<>();
        for (int i = 0; i < raw.length; i++) {
            names[i] = raw[i].strip();
            String key = key(names[i]);
            if (key.isEmpty()) {
                if (raw.length == 1) {
                    break;
                }
                throw new FileRejectedException(fileName, "column " + (i + 1) + " of the header has no name");
            }
            Integer previous = indexByKey.putIfAbsent(key, i);
            if (previous != null) {
                throw new FileRejectedException(fileName, "the header names column '" + shown(names[i]) + "' twice (columns "
                        + (previous + 1) + " and " + (i + 1) + ")");
            }
            if (!kind.knownColumns().contains(key)) {
                extras.add(i);
            }
        }
        List<String> missing = new ArrayList<>();
        for (String required : kind.requiredColumns()) {
            if (!indexByKey.containsKey(required)) {
                missing.add(required);
            }
        }
        if (!missing.isEmpty()) {
            throw new FileRejectedException(fileName, (missing.size() == 1 ? "missing required column " : "missing required columns ")
                    + String.join(", ", missing) + " (a " + kind.label() + " file needs " + String.join(", ", kind.requiredColumns())
                    + "; found " + (names.length == 0 || names[0].isEmpty() ? "no header" : found(names)) + ")");
        }
        return new CsvHeader(names, indexByKey, Collections.unmodifiableList(extras), kind);
    }

    /** The first names of a header, for a message: a header read the wrong way may hold thousands. */
    private static String found(String[] names) {
        int shown = Math.min(names.length, 20);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < shown; i++) {
            out.append(i == 0 ? "" : ", ").append(shown(names[i]));
        }
        return names.length > shown ? out + " and " + (names.length - shown) + " more" : out.toString();
    }

    /** A name as a message shows it: at most 64 characters. */
    private static String shown(String name) {
        return name.length() <= 64 ? name : name.substring(0, 64) + "…";
    }

    /**
     * The header of an item of a live request: every column the contract names for the kind, in order, then the
     * item's other keys (a lead's custom attributes; ignored in other kinds, as in a file). A column the item lacks
     * is read as an empty value, so a required one is reported as missing on the item, not on a whole file.
     */
    static CsvHeader forItem(ImportFileKind kind, List<String> otherKeys) {
        List<String> names = new ArrayList<>(kind.knownColumns());
        names.addAll(otherKeys);
        Map<String, Integer> indexByKey = new HashMap<>();
        List<Integer> extras = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            indexByKey.put(key(names.get(i)), i);
            if (i >= kind.knownColumns().size()) {
                extras.add(i);
            }
        }
        return new CsvHeader(names.toArray(String[]::new), indexByKey, Collections.unmodifiableList(extras), kind);
    }

    /** Whether the column at {@code index} is one the import ignores: an extra column of a file other than leads. */
    boolean ignored(int index) {
        return !extrasKept && extraIndexes.contains(index);
    }

    static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    int size() {
        return names.length;
    }

    /** Position of a contract column, or -1 when the file does not have it. */
    int indexOf(String column) {
        Integer index = indexByKey.get(column);
        return index == null ? -1 : index;
    }

    /** The column name as the file writes it (trimmed). */
    String name(int index) {
        return names[index];
    }

    /** Positions of the columns the contract does not name, in file order. */
    List<Integer> extraIndexes() {
        return extraIndexes;
    }

    List<String> extraNames() {
        List<String> out = new ArrayList<>(extraIndexes.size());
        for (int i : extraIndexes) {
            out.add(names[i]);
        }
        return out;
    }
}
