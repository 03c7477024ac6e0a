package io.leadscore.scoring.features;

/**
 * Puts what a lead is or did, for one source of features (a field, a custom
 * attribute, an activity type), into plain words for a reason shown to sales:
 * "3 pricing-page views in the last 7 days", "VP seniority",
 * "industry: software". Explanations add whether it raised or lowered the score.
 */
public interface ReasonPhraser {

    /**
     * @param source the {@link FeatureDefinition#source()} shared by the features to describe
     * @param schema the schema {@code x} was built for
     * @param x      the lead's feature vector
     * @return a short phrase without a verb or a trailing full stop
     */
    String phrase(String source, FeatureSchema schema, double[] x);
}
