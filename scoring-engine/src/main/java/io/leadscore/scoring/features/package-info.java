/**
 * From a lead and its activities as of a point in time to one {@code double[]}
 * in the order of a {@link io.leadscore.scoring.features.FeatureSchema}. The
 * same code builds training rows and scoring rows. A lead's activities are
 * held as a bounded {@link io.leadscore.scoring.features.EngagementState} that
 * the nightly job rolls forward with new events instead of re-reading history;
 * a schema and its {@link io.leadscore.scoring.features.FeatureSettings} are
 * all a model file needs to rebuild the extractor.
 */
package io.leadscore.scoring.features;
