package io.leadscore.simulator.calibration;

import java.util.Arrays;

/**
 * What the store knew about each lead as of a calibration time: when it was
 * created, when marketing handed it to sales, when sales first followed it
 * up, its first deal and how far along the main path it got, and what came
 * after each of its closed deals (a customer's further deal on the same lead,
 * or none yet: {@link #afterDeals()}). Times are days
 * before the calibration time (so a lead's age then is its {@code created});
 * an event that had not happened by then is {@code NaN}. Build with
 * {@link #builder()}.
 */
public final class LeadHistory {

    /** How a lead's first deal stood at the calibration time. */
    public enum DealState {
        NONE, OPEN, WON, LOST
    }

    private final int size;
    private final double[] created;
    private final double[] ready;
    private final double[] followUp;
    private final double[] dealOpened;
    private final double[] dealClosed;
    private final byte[] dealState;
    private final double[] dealAmount;
    private final byte[] reach;
    private final AfterDeals afterDeals;

    private LeadHistory(Builder b) {
        this.size = b.size;
        this.created = Arrays.copyOf(b.created, b.size);
        this.ready = Arrays.copyOf(b.ready, b.size);
        this.followUp = Arrays.copyOf(b.followUp, b.size);
        this.dealOpened = Arrays.copyOf(b.dealOpened, b.size);
        this.dealClosed = Arrays.copyOf(b.dealClosed, b.size);
        this.dealState = Arrays.copyOf(b.dealState, b.size);
        this.dealAmount = Arrays.copyOf(b.dealAmount, b.size);
        this.reach = Arrays.copyOf(b.reach, b.size);
        this.afterDeals = b.after.build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public int size() {
        return size;
    }

    /** Days before the calibration time the lead was created: its age then, &ge; 0. */
    public double created(int lead) {
        return created[lead];
    }

    /** Days before the calibration time it became sales-ready (an MQL move or a fast-track signal), or NaN. */
    public double ready(int lead) {
        return ready[lead];
    }

    /** Days before the calibration time of its first follow-up, or NaN. */
    public double followUp(int lead) {
        return followUp[lead];
    }

    /** Days before the calibration time its first deal was opened, or NaN. */
    public double dealOpened(int lead) {
        return dealOpened[lead];
    }

    /** Days before the calibration time that deal closed, or NaN while it is open (or there is none). */
    public double dealClosed(int lead) {
        return dealClosed[lead];
    }

    public DealState dealState(int lead) {
        return DealState.values()[dealState[lead]];
    }

    /** The deal's amount, NaN when unknown or there is no deal. */
    public double dealAmount(int lead) {
        return dealAmount[lead];
    }

    /** What came after each closed deal of a lead: its next deal on the same lead, or none by the calibration time. */
    public AfterDeals afterDeals() {
        return afterDeals;
    }

    /** How far along LEAD → MQL → SAL → SQL → OPPORTUNITY → WON the lead got: 0 to 5 (a lost deal counts 4). */
    public int reach(int lead) {
        return reach[lead];
    }

    /**
     * Days before the calibration time of the first thing sales did — the first follow-up or the first deal,
     * whichever came first — or NaN when sales never touched it.
     */
    public double salesTouch(int lead) {
        double f = followUp[lead];
        double d = dealOpened[lead];
        if (Double.isNaN(f)) {
            return d;
        }
        return Double.isNaN(d) ? f : Math.max(f, d);
    }

    /**
     * Whether the lead came through the marketing hand-off: it was sales-ready no later than sales' first touch
     * (or sales never touched it). A lead sales touched first, or that was never sales-ready, did not.
     */
    public boolean handedOff(int lead) {
        double r = ready[lead];
        if (Double.isNaN(r)) {
            return false;
        }
        double s = salesTouch(lead);
        return Double.isNaN(s) || r >= s;
    }

    /** Adds leads one at a time; validates each. */
    public static final class Builder {
        private int size;
        private double[] created = new double[1024];
        private double[] ready = new double[1024];
        private double[] followUp = new double[1024];
        private double[] dealOpened = new double[1024];
        private double[] dealClosed = new double[1024];
        private byte[] dealState = new byte[1024];
        private double[] dealAmount = new double[1024];
        private byte[] reach = new byte[1024];
        private final AfterDeals.Builder after = new AfterDeals.Builder();

        private Builder() {
        }

        /**
         * A closed deal of a lead and what followed it on the same lead by the calibration time. Times are days
         * before the calibration time, as for {@link #add}.
         *
         * @param closed     when the deal closed, &ge; 0
         * @param won        whether it was won
         * @param nextOpened when the lead's next deal opened (no earlier than {@code closed}: a next deal opened
         *                   while this one was still open is taken as opened at its close), or NaN for none yet
         * @param nextState  that deal's state (NONE without one)
         * @param nextClosed when it closed, else NaN (no earlier than it opened; taken as at its opening when
         *                   that is moved to {@code closed})
         * @param nextAmount its amount, NaN when unknown
         */
        public Builder addAfterDeal(double closed, boolean won, double nextOpened, DealState nextState,
                                    double nextClosed, double nextAmount) {
            if (!(closed >= 0) || Double.isInfinite(closed)) {
                throw new IllegalArgumentException("Invalid deal close: " + closed + " days before, expected a finite number >= 0");
            }
            if ((nextState == DealState.NONE) != Double.isNaN(nextOpened)) {
                throw new IllegalArgumentException("Invalid next deal: state " + nextState + " with opened " + nextOpened
                        + ", expected a state other than NONE exactly when a next deal was opened");
            }
            double opened = Math.min(closed, nextOpened);
            boolean isClosed = nextState == DealState.WON || nextState == DealState.LOST;
            if (!Double.isNaN(opened) && (!(opened >= 0) || isClosed == Double.isNaN(nextClosed)
                    || isClosed && !(nextClosed >= 0 && nextClosed <= nextOpened))) {
                throw new IllegalArgumentException("Invalid next deal: opened " + nextOpened + ", closed " + nextClosed
                        + " days before, state " + nextState + ", after a deal closed " + closed + " days before");
            }
            after.add(closed, won, opened, nextState, isClosed ? Math.min(opened, nextClosed) : Double.NaN, nextAmount);
            return this;
        }

        /**
         * One lead. Times are days before the calibration time, NaN for "not by then"; each event is no earlier
         * than the creation (a larger number of days before is earlier).
         *
         * @param created    &ge; 0
         * @param ready      sales-ready (MQL or fast-track signal), or NaN
         * @param followUp   first follow-up, or NaN
         * @param dealOpened first deal opened, or NaN
         * @param state      that deal's state at the calibration time (NONE without a deal)
         * @param dealClosed when it closed (won or lost), else NaN
         * @param amount     its amount, NaN when unknown
         * @param reach      0 (LEAD) to 5 (WON) along the main path
         */
        public Builder add(double created, double ready, double followUp, double dealOpened, DealState state,
                           double dealClosed, double amount, int reach) {
            if (!(created >= 0) || Double.isInfinite(created)) {
                throw new IllegalArgumentException("Invalid creation: " + created + " days before, expected a finite number >= 0");
            }
            check("sales-ready", ready, created);
            check("first follow-up", followUp, created);
            check("deal opened", dealOpened, created);
            if ((state == DealState.NONE) != Double.isNaN(dealOpened)) {
                throw new IllegalArgumentException("Invalid deal: state " + state + " with opened " + dealOpened
                        + ", expected a state other than NONE exactly when a deal was opened");
            }
            boolean closed = state == DealState.WON || state == DealState.LOST;
            if (closed == Double.isNaN(dealClosed) || closed && dealClosed > dealOpened) {
                throw new IllegalArgumentException("Invalid deal close: " + dealClosed + " days before for a deal "
                        + state + " opened " + dealOpened + " days before");
            }
            if (reach < 0 || reach > 5) {
                throw new IllegalArgumentException("Invalid reach: " + reach + ", expected 0 (LEAD) to 5 (WON)");
            }
            if (size == this.created.length) {
                int n = size * 2;
                this.created = Arrays.copyOf(this.created, n);
                this.ready = Arrays.copyOf(this.ready, n);
                this.followUp = Arrays.copyOf(this.followUp, n);
                this.dealOpened = Arrays.copyOf(this.dealOpened, n);
                this.dealClosed = Arrays.copyOf(this.dealClosed, n);
                this.dealState = Arrays.copyOf(this.dealState, n);
                this.dealAmount = Arrays.copyOf(this.dealAmount, n);
                this.reach = Arrays.copyOf(this.reach, n);
            }
            this.created[size] = created;
            this.ready[size] = ready;
            this.followUp[size] = followUp;
            this.dealOpened[size] = dealOpened;
            this.dealClosed[size] = dealClosed;
            this.dealState[size] = (byte) state.ordinal();
            this.dealAmount[size] = amount;
            this.reach[size] = (byte) reach;
            size++;
            return this;
        }

        private static void check(String what, double at, double created) {
            if (!Double.isNaN(at) && !(at >= 0 && at <= created + 1e-9)) {
                throw new IllegalArgumentException("Invalid " + what + ": " + at + " days before, expected between 0 and"
                        + " the creation, " + created + " days before");
            }
        }

        public LeadHistory build() {
            return new LeadHistory(this);
        }
    }

    /**
     * Per closed deal of the history, what followed it on the same lead: the time since its close is the clock of
     * a customer's further deals (an expansion, a renewal), as a lead's age is the clock of its first.
     */
    public static final class AfterDeals {
        private final int size;
        private final double[] closed;
        private final boolean[] won;
        private final double[] nextOpened;
        private final byte[] nextState;
        private final double[] nextClosed;
        private final double[] nextAmount;

        private AfterDeals(Builder b) {
            this.size = b.size;
            this.closed = Arrays.copyOf(b.closed, b.size);
            this.won = Arrays.copyOf(b.won, b.size);
            this.nextOpened = Arrays.copyOf(b.nextOpened, b.size);
            this.nextState = Arrays.copyOf(b.nextState, b.size);
            this.nextClosed = Arrays.copyOf(b.nextClosed, b.size);
            this.nextAmount = Arrays.copyOf(b.nextAmount, b.size);
        }

        public int size() {
            return size;
        }

        /** Days before the calibration time the deal closed. */
        public double closed(int i) {
            return closed[i];
        }

        public boolean won(int i) {
            return won[i];
        }

        /** Days before the calibration time the lead's next deal opened, or NaN. */
        public double nextOpened(int i) {
            return nextOpened[i];
        }

        public DealState nextState(int i) {
            return DealState.values()[nextState[i]];
        }

        public double nextClosed(int i) {
            return nextClosed[i];
        }

        public double nextAmount(int i) {
            return nextAmount[i];
        }

        private static final class Builder {
            private int size;
            private double[] closed = new double[64];
            private boolean[] won = new boolean[64];
            private double[] nextOpened = new double[64];
            private byte[] nextState = new byte[64];
            private double[] nextClosed = new double[64];
            private double[] nextAmount = new double[64];

            void add(double c, boolean w, double opened, DealState state, double nc, double amount) {
                if (size == closed.length) {
                    int n = size * 2;
                    closed = Arrays.copyOf(closed, n);
                    won = Arrays.copyOf(won, n);
                    nextOpened = Arrays.copyOf(nextOpened, n);
                    nextState = Arrays.copyOf(nextState, n);
                    nextClosed = Arrays.copyOf(nextClosed, n);
                    nextAmount = Arrays.copyOf(nextAmount, n);
                }
                closed[size] = c;
                won[size] = w;
                nextOpened[size] = opened;
                nextState[size] = (byte) state.ordinal();
                nextClosed[size] = nc;
                nextAmount[size] = amount;
                size++;
            }

            AfterDeals build() {
                return new AfterDeals(this);
            }
        }
    }
}
