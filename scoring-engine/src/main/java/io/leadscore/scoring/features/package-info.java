/**
 * From a lead and its activities as of a point in time to one {@code double[]}
 * in the order of a {@link io.leadscore.scoring.features.FeatureSchema}. The
 * same code builds training rows and scoring rows.
 */
package io.leadscore.scoring.features;
