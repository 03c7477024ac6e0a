package io.leadscore.scoring.artifact;

import java.io.IOException;

/** A model file that cannot be used: not a model file, from a newer release, truncated, altered or inconsistent. */
public class ModelFileException extends IOException {

    public ModelFileException(String message) {
        super(message);
    }

    public ModelFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
