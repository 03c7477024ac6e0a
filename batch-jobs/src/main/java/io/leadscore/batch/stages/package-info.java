/**
 * The lead's stage in the store: {@link io.leadscore.batch.stages.StageTransitions},
 * the one repository that moves leads and writes their audit trail (every job
 * that moves a stage goes through it), and the import's step that applies the
 * follow-ups and deals an import brought by the stage engine's rules, so the
 * funnel is current as soon as an import ends.
 */
package io.leadscore.batch.stages;
