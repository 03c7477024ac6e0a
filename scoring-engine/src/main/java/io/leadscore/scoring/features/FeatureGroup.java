package io.leadscore.scoring.features;

/** The two halves of a score that marketing and sales talk about. */
public enum FeatureGroup {
    /** Who the lead is: firmographics, role, source, the company's own fields. */
    FIT,
    /** What the lead did: engagement events and strong signals. */
    ENGAGEMENT
}
