package io.leadscore.batch.rescoring;

import io.leadscore.scoring.domain.ActivityType;
import java.util.Arrays;

/**
 * A lead's activities read in one run, as parallel primitive arrays (id,
 * time in epoch milliseconds, type ordinal) — most leads have none, and no
 * lead has many since the last night.
 */
final class NewEvents {
    static final NewEvents NONE = new NewEvents();

    private long[] ids = new long[0];
    private long[] times = new long[0];
    private byte[] types = new byte[0];
    private int size;

    void add(long id, long timeMillis, int typeOrdinal) {
        if (size == ids.length) {
            int capacity = Math.max(4, size * 2);
            ids = Arrays.copyOf(ids, capacity);
            times = Arrays.copyOf(times, capacity);
            types = Arrays.copyOf(types, capacity);
        }
        ids[size] = id;
        times[size] = timeMillis;
        types[size] = (byte) typeOrdinal;
        size++;
    }

    int size() {
        return size;
    }

    long id(int i) {
        return ids[i];
    }

    long time(int i) {
        return times[i];
    }

    ActivityType type(int i) {
        return ActivityType.ofOrdinal(types[i]);
    }
}
