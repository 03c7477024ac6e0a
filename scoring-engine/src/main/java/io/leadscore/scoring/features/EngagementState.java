package io.leadscore.scoring.features;

import io.leadscore.scoring.domain.Activity;
import io.leadscore.scoring.domain.ActivityType;

import java.time.Instant;
import java.util.Arrays;
import java.util.Optional;

/**
 * What a lead did before a point in time S, reduced to a small bounded
 * summary that can be rolled forward to a later time T with only the events
 * that arrived since. The nightly job keeps one per lead instead of re-reading
 * every lead's full history (ARCHITECTURE.md, "Nightly cost grows with leads
 * and new events, not with history").
 *
 * <p>It holds, for the events that occurred strictly before {@link #asOf()}:
 * <ul>
 *   <li>per activity type, the count decayed with the half-life h: the sum over events of
 *       2<sup>−(S − t)/h</sup>. Exponential decay is memoryless, so rolling from S to T multiplies by
 *       2<sup>−(T − S)/h</sup>, and an event that arrives late (t &lt; S) adds 2<sup>−(S − t)/h</sup>
 *       exactly as if it had been there all along;</li>
 *   <li>per activity type, exact counts for each of the last {@link #windowDays()} calendar days (UTC);</li>
 *   <li>a bitmap of the last 64 calendar days on which anything happened;</li>
 *   <li>which types were ever seen, how many events of each there were in all (a memory that does not fade,
 *       so that what a lead did in its first weeks still speaks when it is a year old), and the time of the
 *       latest event.</li>
 * </ul>
 * The "current" calendar day is the UTC day of the last instant before S (that of S − 1 ms): a state as
 * of midnight covers the previous day in full and no part of the new one.
 *
 * <p>Rolling forward: {@link #advanceTo} first, then {@link #add} each new event. The result equals a
 * state built at T from the full history, to floating-point rounding (a property the tests check on
 * random histories and late events). Times are compared at millisecond resolution.
 *
 * <p>Neither method allocates, and {@link #readFrom(byte[])} refills an existing instance, so one state
 * per thread serves a whole partition of leads. Not thread-safe.
 */
public final class EngagementState {

    /** The version of {@link #toBytes()} this release writes and reads. */
    public static final int FORMAT_VERSION = 2;
    /** The longest window of exact daily counts. */
    public static final int MAX_WINDOW_DAYS = 31;
    /** The days the activity bitmap covers (one bit per day). */
    public static final int ACTIVE_DAY_BITS = 64;

    static final long DAY_MILLIS = 86_400_000L;
    private static final double LN2 = Math.log(2);

    /**
     * Activity types in the order the byte format (versions 1 and 2) indexes them. Fixed here, not taken from
     * the enum's order, so reordering the enum cannot reinterpret stored states; a type added to the enum
     * needs a new format version, which this check demands at class initialisation.
     */
    private static final ActivityType[] WIRE_ORDER = {
            ActivityType.PAGE_VIEW, ActivityType.PRICING_VIEW, ActivityType.CONTENT_DOWNLOAD,
            ActivityType.WEBINAR_REGISTERED, ActivityType.WEBINAR_ATTENDED, ActivityType.EMAIL_OPEN,
            ActivityType.EMAIL_CLICK, ActivityType.FORM_SUBMIT, ActivityType.DEMO_REQUEST,
            ActivityType.CONTACT_REQUEST, ActivityType.PRICING_QUESTION, ActivityType.TRIAL_SIGNUP,
            ActivityType.EVENT_ATTENDED, ActivityType.UNSUBSCRIBE};
    static final int TYPES = WIRE_ORDER.length;
    private static final int[] SLOT_OF_ORDINAL = new int[ActivityType.values().length];

    static {
        if (ActivityType.values().length != TYPES) {
            throw new ExceptionInInitializerError("Engagement state format " + FORMAT_VERSION + " knows " + TYPES
                    + " activity types, the domain has " + ActivityType.values().length + ": add a format version");
        }
        for (int slot = 0; slot < TYPES; slot++) {
            SLOT_OF_ORDINAL[WIRE_ORDER[slot].ordinal()] = slot;
        }
    }

    private double halfLifeDays;
    private double decayPerMilli;
    private int windowDays;
    private long asOf;
    private long currentDay;
    /** {@code floorMod(currentDay, windowDays)}: the ring slot of the current day. */
    private int currentRing;
    private long lastActivity;
    private int seen;
    private long activeDays;
    private final double[] decayed = new double[TYPES];
    /** Events of each type ever counted. */
    private final int[] total = new int[TYPES];
    /** False for a state read from format 1, which did not keep totals: rebuild it from the lead's history. */
    private boolean totalsKnown = true;
    /** Ring of daily counts per type: slot {@code type * windowDays + floorMod(day, windowDays)}. */
    private int[] daily;
    /** Read position while decoding bytes. */
    private int cursor;

    private EngagementState(double halfLifeDays, int windowDays, long asOf) {
        checkParameters(halfLifeDays, windowDays);
        setParameters(halfLifeDays, windowDays);
        reset(asOf);
    }

    /**
     * A state with no events.
     *
     * @param halfLifeDays half-life of the decayed counts, in days, &gt; 0
     * @param windowDays   days of exact daily counts kept, 1 to {@value #MAX_WINDOW_DAYS}
     * @param asOf         the time the state is as of
     */
    public static EngagementState empty(double halfLifeDays, int windowDays, Instant asOf) {
        return new EngagementState(halfLifeDays, windowDays, asOf.toEpochMilli());
    }

    /**
     * Reads a state written by {@link #toBytes()}.
     *
     * @throws IllegalArgumentException when the bytes are of another format version, truncated, too long
     *                                  or hold impossible values; the message says which
     */
    public static EngagementState fromBytes(byte[] bytes) {
        EngagementState state = new EngagementState(1, 1, 0);
        state.readFrom(bytes);
        return state;
    }

    /** Forgets every event; the state is then as of {@code asOf}, with the same half-life and window. */
    public void reset(Instant asOf) {
        reset(asOf.toEpochMilli());
    }

    /** {@link #reset(Instant)} with the time in epoch milliseconds. */
    public void reset(long asOfMillis) {
        this.asOf = asOfMillis;
        this.currentDay = dayOf(asOfMillis);
        this.currentRing = (int) Math.floorMod(currentDay, (long) windowDays);
        this.lastActivity = Long.MIN_VALUE;
        this.seen = 0;
        this.activeDays = 0;
        Arrays.fill(decayed, 0);
        Arrays.fill(daily, 0);
        Arrays.fill(total, 0);
        totalsKnown = true;
    }

    /**
     * Forgets every event and takes new parameters: for an instance reused across leads whose last
     * {@link #readFrom(byte[])} brought other ones.
     */
    public void reset(double halfLifeDays, int windowDays, long asOfMillis) {
        checkParameters(halfLifeDays, windowDays);
        setParameters(halfLifeDays, windowDays);
        reset(asOfMillis);
    }

    /** An independent copy. */
    public EngagementState copy() {
        EngagementState copy = new EngagementState(halfLifeDays, windowDays, asOf);
        copy.lastActivity = lastActivity;
        copy.seen = seen;
        copy.activeDays = activeDays;
        System.arraycopy(decayed, 0, copy.decayed, 0, TYPES);
        System.arraycopy(total, 0, copy.total, 0, TYPES);
        copy.totalsKnown = totalsKnown;
        System.arraycopy(daily, 0, copy.daily, 0, daily.length);
        return copy;
    }

    // ---- rolling forward

    /** {@link #advanceTo(long)} with an {@link Instant}. */
    public void advanceTo(Instant time) {
        advanceTo(time.toEpochMilli());
    }

    /**
     * Moves the state to a later time: decays the counts, and slides the daily windows and the
     * activity bitmap. No event is added; add those that occurred before the new time with
     * {@link #add}.
     *
     * @throws IllegalArgumentException when the time is before the state's
     */
    public void advanceTo(long timeMillis) {
        if (timeMillis < asOf) {
            throw new IllegalArgumentException("Cannot roll an engagement state back: it is as of "
                    + Instant.ofEpochMilli(asOf) + ", asked for " + Instant.ofEpochMilli(timeMillis));
        }
        if (timeMillis == asOf) {
            return;
        }
        if (seen != 0) {
            double factor = Math.exp(-decayPerMilli * (double) (timeMillis - asOf));
            for (int slot = 0; slot < TYPES; slot++) {
                decayed[slot] *= factor;
            }
            long newDay = dayOf(timeMillis);
            long shift = newDay - currentDay;
            if (shift > 0) {
                activeDays = shift >= ACTIVE_DAY_BITS ? 0 : activeDays << shift;
                if (shift >= windowDays) {
                    Arrays.fill(daily, 0);
                } else {
                    int ring = currentRing;
                    for (int day = 1; day <= shift; day++) {
                        ring = ring + 1 == windowDays ? 0 : ring + 1;
                        for (int slot = 0; slot < TYPES; slot++) {
                            daily[slot * windowDays + ring] = 0;
                        }
                    }
                }
            }
        }
        asOf = timeMillis;
        currentDay = dayOf(timeMillis);
        currentRing = (int) Math.floorMod(currentDay, (long) windowDays);
    }

    /** {@link #add(ActivityType, long)} for an activity. */
    public boolean add(Activity activity) {
        return add(activity.type(), activity.occurredAt().toEpochMilli());
    }

    /** {@link #add(ActivityType, long)} with an {@link Instant}. */
    public boolean add(ActivityType type, Instant occurredAt) {
        return add(type, occurredAt.toEpochMilli());
    }

    /**
     * Counts one event that occurred before the state's time, however long before (a late arrival is
     * added exactly). An event at or after the state's time is not part of it and is not counted: the
     * caller keeps it for a later roll-forward.
     *
     * @return whether the event was counted
     */
    public boolean add(ActivityType type, long occurredAtMillis) {
        if (occurredAtMillis >= asOf) {
            return false;
        }
        int slot = SLOT_OF_ORDINAL[type.ordinal()];
        seen |= 1 << slot;
        total[slot]++;
        decayed[slot] += Math.exp(-decayPerMilli * (double) (asOf - occurredAtMillis));
        if (occurredAtMillis > lastActivity) {
            lastActivity = occurredAtMillis;
        }
        long age = currentDay - Math.floorDiv(occurredAtMillis, DAY_MILLIS);
        if (age < ACTIVE_DAY_BITS) {
            activeDays |= 1L << age;
        }
        if (age < windowDays) {
            daily[slot * windowDays + ring((int) age)]++;
        }
        return true;
    }

    /**
     * Adds every activity that occurred before the state's time, in any order.
     *
     * @return how many were counted
     */
    public int addAll(Iterable<Activity> activities) {
        int counted = 0;
        for (Activity activity : activities) {
            if (add(activity)) {
                counted++;
            }
        }
        return counted;
    }

    // ---- reading

    /** The time the state is as of: it holds the events that occurred strictly before it. */
    public Instant asOf() {
        return Instant.ofEpochMilli(asOf);
    }

    public long asOfMillis() {
        return asOf;
    }

    public double halfLifeDays() {
        return halfLifeDays;
    }

    public int windowDays() {
        return windowDays;
    }

    /** The sum of 2^(−age/half-life) over the type's events, age measured to {@link #asOf()}. */
    public double decayedCount(ActivityType type) {
        return decayed[SLOT_OF_ORDINAL[type.ordinal()]];
    }

    /**
     * Events of the type on the last {@code days} calendar days (UTC), the current one up to
     * {@link #asOf()}.
     *
     * @param days 1 to {@link #windowDays()}
     */
    public int windowCount(ActivityType type, int days) {
        if (days < 1 || days > windowDays) {
            throw new IllegalArgumentException("Invalid window: " + days + " days, expected 1 to " + windowDays);
        }
        int base = SLOT_OF_ORDINAL[type.ordinal()] * windowDays;
        int sum = 0;
        for (int back = 0; back < days; back++) {
            sum += daily[base + ring(back)];
        }
        return sum;
    }

    /** Events of the type that occurred before {@link #asOf()}, however long ago. */
    public int total(ActivityType type) {
        return total[SLOT_OF_ORDINAL[type.ordinal()]];
    }

    /** False for a state read from format 1 bytes, which kept no totals (rebuild it from the lead's history). */
    public boolean totalsKnown() {
        return totalsKnown;
    }

    /** Whether any event of the type occurred before {@link #asOf()}. */
    public boolean seen(ActivityType type) {
        return (seen & (1 << SLOT_OF_ORDINAL[type.ordinal()])) != 0;
    }

    public boolean hasActivity() {
        return seen != 0;
    }

    /** The time of the latest event in epoch milliseconds; meaningful only when {@link #hasActivity()}. */
    public long lastActivityMillis() {
        return lastActivity;
    }

    public Optional<Instant> lastActivity() {
        return seen == 0 ? Optional.empty() : Optional.of(Instant.ofEpochMilli(lastActivity));
    }

    /**
     * Calendar days (UTC) with at least one event among the last {@code days}, the current one up to
     * {@link #asOf()}.
     *
     * @param days 1 to {@value #ACTIVE_DAY_BITS}
     */
    public int activeDays(int days) {
        if (days < 1 || days > ACTIVE_DAY_BITS) {
            throw new IllegalArgumentException("Invalid window: " + days + " days, expected 1 to " + ACTIVE_DAY_BITS);
        }
        long mask = days == ACTIVE_DAY_BITS ? -1L : (1L << days) - 1;
        return Long.bitCount(activeDays & mask);
    }

    // ---- bytes

    /**
     * The state as a small versioned byte array, the form the store keeps per lead. Version 2, big-endian:
     * <pre>
     *   u8 version | u8 windowDays | f64 halfLifeDays | i64 asOf (epoch ms) | u16 types seen
     *   then, when any type was seen:
     *   i64 lastActivity (epoch ms) | u64 active-day bitmap (bit i = i days before the current day)
     *   | u16 types with events in the daily window (a subset of those seen)
     *   | per type seen, in format order: f64 decayed count
     *   | per type with events in the window: windowDays unsigned varints, the current day first
     *   | per type seen, in format order: its total count, an unsigned varint (since version 2)
     * </pre>
     * 20 bytes for a lead without activity; 38 + 8 per type seen + windowDays per type active in the
     * window (daily counts below 128 take one byte).
     */
    public byte[] toBytes() {
        int size = 20;
        int windowed = 0;
        if (seen != 0) {
            size += 18;
            for (int slot = 0; slot < TYPES; slot++) {
                if ((seen & (1 << slot)) == 0) {
                    continue;
                }
                size += 8;
                int bytes = 0;
                boolean any = false;
                for (int back = 0; back < windowDays; back++) {
                    int count = dailyAt(slot, back);
                    bytes += varintSize(count);
                    any |= count != 0;
                }
                if (any) {
                    windowed |= 1 << slot;
                    size += bytes;
                }
                size += varintSize(total[slot]);
            }
        }
        byte[] out = new byte[size];
        int p = 0;
        out[p++] = (byte) FORMAT_VERSION;
        out[p++] = (byte) windowDays;
        p = putLong(out, p, Double.doubleToLongBits(halfLifeDays));
        p = putLong(out, p, asOf);
        p = putShort(out, p, seen);
        if (seen != 0) {
            p = putLong(out, p, lastActivity);
            p = putLong(out, p, activeDays);
            p = putShort(out, p, windowed);
            for (int slot = 0; slot < TYPES; slot++) {
                if ((seen & (1 << slot)) != 0) {
                    p = putLong(out, p, Double.doubleToLongBits(decayed[slot]));
                }
            }
            for (int slot = 0; slot < TYPES; slot++) {
                if ((windowed & (1 << slot)) != 0) {
                    for (int back = 0; back < windowDays; back++) {
                        p = putVarint(out, p, dailyAt(slot, back));
                    }
                }
            }
            for (int slot = 0; slot < TYPES; slot++) {
                if ((seen & (1 << slot)) != 0) {
                    p = putVarint(out, p, total[slot]);
                }
            }
        }
        return out;
    }

    /**
     * Replaces this state with one read from bytes written by {@link #toBytes()}, reusing its arrays
     * when the window length is the same. On failure the state is left unchanged.
     *
     * @throws IllegalArgumentException when the bytes are of another format version, truncated, too long
     *                                  or hold impossible values; the message says which
     */
    public void readFrom(byte[] bytes) {
        if (bytes == null || bytes.length == 0) {
            throw new IllegalArgumentException("Invalid engagement state: no bytes");
        }
        int version = bytes[0] & 0xFF;
        if (version < 1 || version > FORMAT_VERSION) {
            throw new IllegalArgumentException("Unsupported engagement state version " + version
                    + ", this release reads versions 1 to " + FORMAT_VERSION);
        }
        // Two passes over the same bytes: the first only checks, so a bad array leaves the state as it was
        // without reading into temporary arrays.
        decode(bytes, false, version);
        decode(bytes, true, version);
    }

    private void decode(byte[] bytes, boolean apply, int version) {
        cursor = 1;
        int newWindow = u8(bytes);
        double newHalfLife = Double.longBitsToDouble(i64(bytes));
        long newAsOf = i64(bytes);
        int newSeen = (u8(bytes) << 8) | u8(bytes);
        if (newWindow < 1 || newWindow > MAX_WINDOW_DAYS) {
            throw invalid("window of " + newWindow + " days, expected 1 to " + MAX_WINDOW_DAYS);
        }
        if (!(newHalfLife > 0) || Double.isInfinite(newHalfLife)) {
            throw invalid("half-life " + newHalfLife + ", expected a positive number of days");
        }
        if ((newSeen >>> TYPES) != 0) {
            throw invalid("seen-type mask " + Integer.toHexString(newSeen) + " names unknown types");
        }
        if (apply) {
            if (newWindow != windowDays || newHalfLife != halfLifeDays) {
                setParameters(newHalfLife, newWindow);
            }
            reset(newAsOf);
            seen = newSeen;
            totalsKnown = version >= 2;
        }
        if (newSeen == 0) {
            if (cursor != bytes.length) {
                throw invalid((bytes.length - cursor) + " bytes after the end of the state");
            }
            return;
        }
        long newLast = i64(bytes);
        long newActive = i64(bytes);
        int newWindowed = (u8(bytes) << 8) | u8(bytes);
        if (newLast >= newAsOf) {
            throw invalid("last activity at " + newLast + " ms is not before the state's time " + newAsOf + " ms");
        }
        if ((newWindowed & ~newSeen) != 0) {
            throw invalid("window mask " + Integer.toHexString(newWindowed) + " names types not seen ("
                    + Integer.toHexString(newSeen) + ")");
        }
        if (apply) {
            lastActivity = newLast;
            activeDays = newActive;
        }
        for (int slot = 0; slot < TYPES; slot++) {
            if ((newSeen & (1 << slot)) == 0) {
                continue;
            }
            double value = Double.longBitsToDouble(i64(bytes));
            if (!(value >= 0) || Double.isInfinite(value)) {
                throw invalid("decayed count " + value + " of " + WIRE_ORDER[slot].wireName()
                        + ", expected a finite number >= 0");
            }
            if (apply) {
                decayed[slot] = value;
            }
        }
        for (int slot = 0; slot < TYPES; slot++) {
            if ((newWindowed & (1 << slot)) == 0) {
                continue;
            }
            for (int back = 0; back < newWindow; back++) {
                int count = varint(bytes);
                if (apply) {
                    daily[slot * windowDays + ring(back)] = count;
                }
            }
        }
        for (int slot = 0; version >= 2 && slot < TYPES; slot++) {
            if ((newSeen & (1 << slot)) == 0) {
                continue;
            }
            int count = varint(bytes);
            if (count < 1) {
                throw invalid("total of " + WIRE_ORDER[slot].wireName() + " is " + count + ", expected at least 1 for a type seen");
            }
            if (apply) {
                total[slot] = count;
            }
        }
        if (cursor != bytes.length) {
            throw invalid((bytes.length - cursor) + " bytes after the end of the state");
        }
    }

    @Override
    public String toString() {
        return "EngagementState[as of " + asOf() + ", types seen " + Integer.bitCount(seen)
                + ", half-life " + halfLifeDays + " d, window " + windowDays + " d]";
    }

    // ---- internals

    private void setParameters(double halfLifeDays, int windowDays) {
        this.halfLifeDays = halfLifeDays;
        this.decayPerMilli = LN2 / (halfLifeDays * DAY_MILLIS);
        if (this.daily == null || this.windowDays != windowDays) {
            this.daily = new int[TYPES * windowDays];
        }
        this.windowDays = windowDays;
    }

    static void checkParameters(double halfLifeDays, int windowDays) {
        if (!(halfLifeDays > 0) || Double.isInfinite(halfLifeDays)) {
            throw new IllegalArgumentException("Invalid half-life: " + halfLifeDays + " days, expected a positive number of days");
        }
        if (windowDays < 1 || windowDays > MAX_WINDOW_DAYS) {
            throw new IllegalArgumentException("Invalid window: " + windowDays + " days, expected 1 to " + MAX_WINDOW_DAYS);
        }
    }

    /** The calendar day (UTC) of the last instant before {@code time}. */
    private static long dayOf(long timeMillis) {
        return Math.floorDiv(timeMillis - 1, DAY_MILLIS);
    }

    private int dailyAt(int slot, int back) {
        return daily[slot * windowDays + ring(back)];
    }

    /** The ring slot of the day {@code back} days before the current one, 0 &le; back &lt; windowDays. */
    private int ring(int back) {
        int r = currentRing - back;
        return r < 0 ? r + windowDays : r;
    }

    private static int putLong(byte[] out, int p, long v) {
        for (int shift = 56; shift >= 0; shift -= 8) {
            out[p++] = (byte) (v >>> shift);
        }
        return p;
    }

    private static int putShort(byte[] out, int p, int v) {
        out[p++] = (byte) (v >>> 8);
        out[p++] = (byte) v;
        return p;
    }

    private static int varintSize(int v) {
        int size = 1;
        while ((v >>>= 7) != 0) {
            size++;
        }
        return size;
    }

    private static int putVarint(byte[] out, int p, int v) {
        while ((v & ~0x7F) != 0) {
            out[p++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out[p++] = (byte) v;
        return p;
    }

    private int u8(byte[] bytes) {
        need(bytes, 1);
        return bytes[cursor++] & 0xFF;
    }

    private long i64(byte[] bytes) {
        need(bytes, 8);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (bytes[cursor++] & 0xFF);
        }
        return v;
    }

    private int varint(byte[] bytes) {
        int v = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            int b = u8(bytes);
            v |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                if (v < 0 || shift == 28 && (b & 0x70) != 0) {
                    throw invalid("daily count out of range at byte " + (cursor - 1));
                }
                return v;
            }
        }
        throw invalid("daily count longer than 5 bytes at byte " + cursor);
    }

    private void need(byte[] bytes, int n) {
        if (cursor + n > bytes.length) {
            throw invalid("truncated at byte " + cursor + " of " + bytes.length);
        }
    }

    private static IllegalArgumentException invalid(String what) {
        return new IllegalArgumentException("Invalid engagement state (version " + FORMAT_VERSION + "): " + what);
    }
}
