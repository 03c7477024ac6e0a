package io.leadscore.scoring.evaluation;

/**
 * One bin of a reliability diagram: leads with similar scores, their mean score and how many of them
 * converted.
 *
 * @param leads          leads in the bin, &ge; 1
 * @param meanScore      mean calibrated score of the bin
 * @param conversionRate observed share of converters in the bin
 * @param minScore       lowest score in the bin
 * @param maxScore       highest score in the bin
 */
public record CalibrationBin(int leads, double meanScore, double conversionRate, double minScore, double maxScore) {
    public CalibrationBin {
        if (leads < 1) {
            throw new IllegalArgumentException("Invalid calibration bin size: " + leads + ", expected at least 1");
        }
        if (!(conversionRate >= 0 && conversionRate <= 1)) {
            throw new IllegalArgumentException("Invalid conversion rate: " + conversionRate + ", expected 0 to 1");
        }
    }
}
