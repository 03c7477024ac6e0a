package io.leadscore.batch.registry;

/** No registered model has the version asked for. */
public class ModelNotFoundException extends RuntimeException {
    public ModelNotFoundException(String message) {
        super(message);
    }
}
