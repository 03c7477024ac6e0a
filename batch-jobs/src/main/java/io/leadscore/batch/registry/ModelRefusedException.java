package io.leadscore.batch.registry;

/**
 * A model whose stored file does not prove to be the one the registry approved: its bytes do not match the
 * registered SHA-256, its signature does not verify with this installation's key, or the file itself is
 * damaged. Nothing is scored with it, promoted or handed out; the message names the version and the reason.
 */
public class ModelRefusedException extends RuntimeException {
    private final String version;
    private final String reason;

    public ModelRefusedException(String version, String reason) {
        this(version, reason, null);
    }

    public ModelRefusedException(String version, String reason, Throwable cause) {
        super("model " + version + " is refused: " + reason, cause);
        this.version = version;
        this.reason = reason;
    }

    public String version() {
        return version;
    }

    public String reason() {
        return reason;
    }
}
