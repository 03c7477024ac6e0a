package io.leadscore.scoring.evaluation;

/**
 * One decile of leads ranked by score, best first.
 *
 * @param decile            1 (highest scores) to 10
 * @param leads             leads in the decile
 * @param conversions       converters among them
 * @param conversionRate    conversions / leads
 * @param lift              conversionRate / the overall conversion rate (NaN when nobody converted)
 * @param cumulativeCapture share of all converters found in deciles 1..decile (NaN when nobody converted)
 * @param minScore          lowest score in the decile
 */
public record LiftBin(int decile, int leads, int conversions, double conversionRate, double lift,
                      double cumulativeCapture, double minScore) {
    public LiftBin {
        if (decile < 1 || decile > 10) {
            throw new IllegalArgumentException("Invalid decile: " + decile + ", expected 1 to 10");
        }
        if (leads < 0 || conversions < 0 || conversions > leads) {
            throw new IllegalArgumentException("Invalid decile counts: " + conversions + " conversions of " + leads + " leads");
        }
    }
}
