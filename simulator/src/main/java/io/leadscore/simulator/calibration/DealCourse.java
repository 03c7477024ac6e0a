package io.leadscore.simulator.calibration;

import java.util.List;
import java.util.Objects;

/**
 * What becomes of the deals of one path once opened, by deal size: per band
 * of amounts, per week of a deal's age, the chance it closes won and the
 * chance it closes lost (life tables over the open deals of the history, so
 * deals still open count only for the weeks they have been open), and the
 * amounts of the won ones.
 *
 * <p>Why by size: large deals take longer and are won less often, so they
 * stay open longer and fill the open pipeline beyond their share of new
 * deals. Treating every open deal alike would close the large ones as fast
 * as the small ones and overstate the revenue a period takes from its
 * pipeline; a new deal's amount and its timing are likewise drawn together.
 *
 * @param bands      by amount, smallest first; their shares of new deals sum to 1
 * @param provenance what the tables rest on
 */
public record DealCourse(List<Band> bands, Provenance provenance) {

    /**
     * One band of amounts.
     *
     * @param upTo  the band holds amounts below this (the last band: +Infinity)
     * @param share the band's share of the path's new deals
     * @param won   won closes by week of deal age
     * @param lost  lost closes by week of deal age
     * @param size  amounts of the band's won deals
     */
    public record Band(double upTo, double share, LifeTable won, LifeTable lost, DealSizeModel size) {
        public Band {
            Objects.requireNonNull(won, "won");
            Objects.requireNonNull(lost, "lost");
            Objects.requireNonNull(size, "size");
            if (!(share >= 0 && share <= 1)) {
                throw new IllegalArgumentException("Invalid band share: " + share + ", expected 0..1");
            }
        }
    }

    public DealCourse {
        bands = List.copyOf(bands);
        Objects.requireNonNull(provenance, "provenance");
        if (bands.isEmpty()) {
            throw new IllegalArgumentException("Invalid deal course: no bands, expected at least one");
        }
        double sum = bands.stream().mapToDouble(Band::share).sum();
        if (Math.abs(sum - 1) > 1e-9) {
            throw new IllegalArgumentException("Invalid deal course: band shares sum to " + sum + ", expected 1");
        }
    }

    /** One band holding every deal. */
    public static DealCourse single(LifeTable won, LifeTable lost, DealSizeModel size, Provenance provenance) {
        return new DealCourse(List.of(new Band(Double.POSITIVE_INFINITY, 1, won, lost, size)), provenance);
    }

    /** The band of an amount; the last band for an unknown one. */
    public int band(double amount) {
        for (int b = 0; b < bands.size() - 1; b++) {
            if (amount < bands.get(b).upTo()) {
                return b;
            }
        }
        return bands.size() - 1;
    }

    /** Won closes over all bands (for uncertainty and reporting). */
    public double wonEvents() {
        return bands.stream().mapToDouble(b -> b.won().events()).sum();
    }

    /** Lost closes over all bands. */
    public double lostEvents() {
        return bands.stream().mapToDouble(b -> b.lost().events()).sum();
    }

    /** The expected amount of a won deal: the bands' won amounts, weighted by how many of each band's deals win. */
    public double meanWonAmount() {
        double amount = 0;
        double weight = 0;
        for (Band b : bands) {
            double w = b.share() * winShare(b);
            amount += w * b.size().mean();
            weight += w;
        }
        return weight > 0 ? amount / weight : bands.get(bands.size() - 1).size().mean();
    }

    /** The share of new deals that end won (of those that end within the tables' two years). */
    public double winShare() {
        double sum = 0;
        for (Band b : bands) {
            sum += b.share() * winShare(b);
        }
        return sum;
    }

    private static double winShare(Band band) {
        double won = 0;
        double lost = 0;
        double open = 1;
        for (int week = 0; week < LifeTable.WEEKS; week++) {
            won += open * band.won().hazard(week);
            lost += open * band.lost().hazard(week);
            open *= Math.max(0, 1 - band.won().hazard(week) - band.lost().hazard(week));
        }
        // deals still open after the table's weeks close at the tail's rates, in their ratio
        double tailWon = band.won().hazard(LifeTable.WEEKS);
        double tailLost = band.lost().hazard(LifeTable.WEEKS);
        if (tailWon + tailLost > 0) {
            won += open * tailWon / (tailWon + tailLost);
            lost += open * tailLost / (tailWon + tailLost);
        }
        return won + lost > 0 ? won / (won + lost) : 0;
    }

    /**
     * The chance that a deal of {@code amount} (NaN: unknown) open at {@code ageDays} closes won within the
     * next {@code days} days. An unknown amount mixes the bands by how many of their deals are still open at
     * that age.
     */
    public double wonWithin(double ageDays, double days, double amount) {
        if (!(days > 0)) {
            return 0;
        }
        int n = (int) Math.ceil(ageDays + days) + 2;
        if (!Double.isNaN(amount)) {
            return wonWithin(bands.get(band(amount)), ageDays, days, n);
        }
        double chance = 0;
        double weight = 0;
        for (Band b : bands) {
            double open = b.share() * survival(b, ageDays);
            chance += open * wonWithin(b, ageDays, days, n);
            weight += open;
        }
        return weight > 0 ? chance / weight : 0;
    }

    private static double wonWithin(Band b, double ageDays, double days, int n) {
        double open = survival(b, ageDays);
        if (open <= 0) {
            return 0;
        }
        double[] c = cumulativeWon(b, n);
        return (at(c, ageDays + days) - at(c, ageDays)) / open;
    }

    /**
     * {@code c[d]}: the chance that a new deal of this course has closed won by day {@code d} of its age (d = 0 …
     * n − 1), its bands mixed by their shares of new deals.
     */
    public double[] cumulativeWonOfNewDeals(int n) {
        double[] mixed = new double[Math.max(1, n)];
        for (Band b : bands) {
            double[] c = cumulativeWon(b, mixed.length);
            for (int d = 0; d < mixed.length; d++) {
                mixed[d] += b.share() * c[d];
            }
        }
        return mixed;
    }

    /**
     * Per band, {@code c[d]}: the chance that a new deal of the band has closed won by day {@code d} of its age
     * (d = 0 … n − 1), the week's hazard spread evenly over its days.
     */
    public double[][] cumulativeWon(int n) {
        double[][] c = new double[bands.size()][];
        for (int b = 0; b < c.length; b++) {
            c[b] = cumulativeWon(bands.get(b), n);
        }
        return c;
    }

    private static double[] cumulativeWon(Band band, int n) {
        double[] c = new double[Math.max(1, n)];
        double open = 1;
        double sum = 0;
        for (int d = 1; d < c.length; d++) {
            int week = (d - 1) / 7;
            double won = band.won().hazard(week);
            double closing = closingPerDay(band, week);
            sum += open * (closing > 0 ? closing * won / (won + band.lost().hazard(week)) : 0);
            open *= 1 - closing;
            c[d] = sum;
        }
        return c;
    }

    /**
     * The chance per day that a deal of the band open at the start of a day in week {@code week} of its age closes
     * (won or lost) that day: the week's chances, compounded over its seven days, close as many deals as the
     * table's week does.
     */
    private static double closingPerDay(Band band, int week) {
        return LifeTable.daily(Math.min(1, band.won().hazard(week) + band.lost().hazard(week)));
    }

    /** The chance that a new deal of the band is still open at {@code ageDays}. */
    private static double survival(Band band, double ageDays) {
        double open = 1;
        int whole = (int) Math.floor(ageDays);
        for (int d = 0; d < whole; d++) {
            open *= 1 - closingPerDay(band, d / 7);
        }
        return open * Math.max(0, 1 - (ageDays - whole) * closingPerDay(band, whole / 7));
    }

    /** Piecewise-linear reading of a daily cumulative array at a fractional day. */
    static double at(double[] c, double day) {
        if (day <= 0) {
            return 0;
        }
        int d = (int) Math.floor(day);
        if (d >= c.length - 1) {
            return c[c.length - 1];
        }
        return c[d] + (day - d) * (c[d + 1] - c[d]);
    }
}
