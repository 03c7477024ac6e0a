/**
 * The model file: leadscore's own versioned binary format ({@link io.leadscore.scoring.artifact.ModelFile})
 * and the immutable {@link io.leadscore.scoring.artifact.ModelArtifact} it holds: feature schema,
 * extractor settings, the compiled model, its calibration and provenance. Reading a file never runs or
 * instantiates anything the file names; a changed or cut file is refused.
 */
package io.leadscore.scoring.artifact;
