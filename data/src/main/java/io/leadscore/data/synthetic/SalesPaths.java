package io.leadscore.data.synthetic;

/**
 * The decisions in a lead's life that differ between {@link World}s, asked by
 * {@link LeadSimulator} at the point where each is made. The textbook world
 * answers without drawing a random number, so its files stay byte for byte
 * what they were before worlds existed.
 */
interface SalesPaths {

    /** How a worked lead's follow-ups reach the CRM. */
    enum FollowUpRecord {
        /** Every follow-up logged. */
        ALL,
        /** The acceptance and the meeting are not logged: the rep went straight to the deal. */
        WITHOUT_STAGE_STEPS,
        /** Nothing logged: the rep worked the lead (and maybe opened a deal) outside the CRM's follow-ups. */
        NONE
    }

    static SalesPaths of(GeneratorOptions options, int companies) {
        return options.world() == World.MESSY ? new MessyPaths(options, companies) : TextbookPaths.INSTANCE;
    }

    /** Relative lead volume by calendar month, January first. */
    double[] monthFactors();

    /** The rep who works a lead of an account owned by {@code accountRep}, handed over at {@code at} (epoch millis). */
    int rep(int accountRep, long at);

    /** Multiplier on a rep's first-response delay to an MQL handed off at {@code at}: the team's load then. */
    double responseScale(long at);

    /** Multiplier on the chance that sales works an MQL handed off at {@code at}. */
    double workChanceScale(long at);

    /**
     * Whether a lead created at {@code created} goes straight to a rep (a referral, a partner's introduction, a
     * returning customer): then it is never handed off by marketing, and is worked with
     * {@link #directWorkChance()} from {@link #directStart}.
     */
    boolean straightToRep(int company, long created, int source, Rng rng);

    double directWorkChance();

    /** When the rep first reaches for a lead that came straight to them. */
    long directStart(long created, Rng rng);

    /** The shift of the log-odds of acceptance for such a lead (it arrives warm, unlike a nurture-list lead). */
    double directAcceptanceShift();

    /** How the follow-ups of a lead that went as far as {@code stage} (0 worked … 4 won) are logged. */
    FollowUpRecord followUpRecord(int stage, Rng rng);

    /** Told when a company wins a deal closing at {@code closedAt}: its leads from then on are returning customers. */
    void won(int company, long closedAt);

    /**
     * Whether a won deal brings a further deal on the same lead (an expansion, a renewal, a second team): the
     * account's rep opens it, without marketing, follow-ups or a new lead. Asked again after each further win.
     */
    boolean followOnDeal(Rng rng);

    /** Days from a won deal's close to its follow-on deal's opening, for a follow-on deal. */
    double followOnDays(Rng rng);

    /** The chance that a follow-on deal is won. */
    double followOnWinChance();

    /** The textbook funnel. */
    final class TextbookPaths implements SalesPaths {
        static final TextbookPaths INSTANCE = new TextbookPaths();
        /** Quiet summers and Decembers of B2B buying. */
        private static final double[] MONTH_FACTOR = {1.05, 1.05, 1.10, 1.00, 1.00, 0.95, 0.80, 0.75, 1.05, 1.10, 1.05, 0.75};

        private TextbookPaths() {
        }

        @Override
        public double[] monthFactors() {
            return MONTH_FACTOR.clone();
        }

        @Override
        public int rep(int accountRep, long at) {
            return accountRep;
        }

        @Override
        public double responseScale(long at) {
            return 1;
        }

        @Override
        public double workChanceScale(long at) {
            return 1;
        }

        @Override
        public boolean straightToRep(int company, long created, int source, Rng rng) {
            return false;
        }

        @Override
        public double directWorkChance() {
            return 0;
        }

        @Override
        public long directStart(long created, Rng rng) {
            return created;
        }

        @Override
        public double directAcceptanceShift() {
            return 0;
        }

        @Override
        public FollowUpRecord followUpRecord(int stage, Rng rng) {
            return FollowUpRecord.ALL;
        }

        @Override
        public void won(int company, long closedAt) {
            // no returning customers in the textbook
        }

        @Override
        public boolean followOnDeal(Rng rng) {
            return false;
        }

        @Override
        public double followOnDays(Rng rng) {
            return 0;
        }

        @Override
        public double followOnWinChance() {
            return 0;
        }
    }
}
