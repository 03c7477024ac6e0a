package io.leadscore.scoring.explain;

import io.leadscore.scoring.features.FeatureGroup;

import java.util.Objects;

/**
 * One source of features (a field, a custom attribute, an activity type) and how much it moved the score.
 *
 * @param source       the {@code FeatureDefinition.source()} shared by the features summed here
 * @param group        fit or engagement: the group of the source's feature that contributed most
 * @param contribution summed contribution of the source's features, in raw-score units; not zero
 * @param phrase       what the lead is or did, in plain words, from the {@code ReasonPhraser}
 */
public record Reason(String source, FeatureGroup group, double contribution, String phrase) {

    public Reason {
        if (source == null || source.isBlank()) {
            throw new IllegalArgumentException("Missing source of a reason");
        }
        Objects.requireNonNull(group, "group");
        if (!Double.isFinite(contribution) || contribution == 0) {
            throw new IllegalArgumentException("Invalid contribution of " + source + ": " + contribution
                    + ", expected a finite non-zero number");
        }
        if (phrase == null || phrase.isBlank()) {
            throw new IllegalArgumentException("Missing phrase for source " + source);
        }
    }

    public boolean raisesScore() {
        return contribution > 0;
    }

    /** E.g. "3 pricing-page views in the last 7 days raised the score". */
    public String sentence() {
        return phrase + (raisesScore() ? " raised the score" : " lowered the score");
    }
}
