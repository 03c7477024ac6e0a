package io.leadscore.batch.store;

/**
 * A 64-bit hash of a row's values (FNV-1a over the UTF-16 chars, then a
 * murmur-style finaliser), used to tell an unchanged re-imported row from a
 * changed one without reading it back. Values are separated by a char that
 * cannot occur in CSV text, and absent values hash differently from empty ones.
 */
public final class ContentHash {
    private static final long OFFSET = 0xcbf29ce484222325L;
    private static final long PRIME = 0x100000001b3L;

    private long hash = OFFSET;

    public ContentHash add(String value) {
        if (value == null) {
            mix('\uFFFE');
        } else {
            for (int i = 0; i < value.length(); i++) {
                mix(value.charAt(i));
            }
        }
        mix('\uFFFF');
        return this;
    }

    public ContentHash add(Object value) {
        return add(value == null ? null : value.toString());
    }

    public long value() {
        long h = hash;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        h *= 0xc4ceb9fe1a85ec53L;
        h ^= h >>> 33;
        return h;
    }

    /** Hash of one value, e.g. an activity's detail; 0 stands for an absent value. */
    public static long of(String value) {
        return value == null ? 0 : new ContentHash().add(value).value();
    }

    private void mix(char c) {
        hash ^= c;
        hash *= PRIME;
    }
}
