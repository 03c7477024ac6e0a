package io.leadscore.batch.registry;

import io.leadscore.scoring.artifact.ModelSignature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key models are signed and verified with, kept outside the store:
 * <ol>
 *   <li>the environment variable {@value #ENVIRONMENT_VARIABLE} (at least 32 bytes as hex or base64,
 *       e.g. {@code openssl rand -hex 32}), or else</li>
 *   <li>the file named by {@code leadscore.model-signing.key-file} in the configuration, or else</li>
 *   <li>the file {@code ~/.config/leadscore/model-signing.key}.</li>
 * </ol>
 * A key file that does not exist yet is created on first use with a new random key (readable by its owner
 * only), and a warning says where, so that the key is backed up and given to every process that scores
 * (serve, cron jobs, workers). The key is read when a model is first signed or checked, never before: a command
 * that touches no model needs none.
 */
public class ModelSigningKey {
    public static final String ENVIRONMENT_VARIABLE = "LEADSCORE_MODEL_KEY";
    static final String DEFAULT_FILE = ".config/leadscore/model-signing.key";
    private static final Logger log = LoggerFactory.getLogger(ModelSigningKey.class);

    private final Function<String, String> environment;
    private final String configuredFile;
    private volatile ModelSignature signature;

    /**
     * @param environment    reads an environment variable ({@code System::getenv})
     * @param configuredFile the key file named in the configuration, or {@code null}
     */
    public ModelSigningKey(Function<String, String> environment, String configuredFile) {
        this.environment = environment;
        this.configuredFile = configuredFile == null || configuredFile.isBlank() ? null : configuredFile.strip();
    }

    /** A key that is given outright (tests, benchmarks). */
    public static ModelSigningKey of(byte[] key) {
        ModelSigningKey fixed = new ModelSigningKey(name -> null, null);
        fixed.signature = new ModelSignature(key);
        return fixed;
    }

    /**
     * Signs and verifies with this installation's key.
     *
     * @throws ModelSigningKeyException when the configured key is unusable
     */
    public ModelSignature signature() {
        ModelSignature s = signature;
        if (s == null) {
            synchronized (this) {
                s = signature;
                if (s == null) {
                    s = load();
                    signature = s;
                }
            }
        }
        return s;
    }

    /** The key cannot be used: it is too short, not hex or base64, or its file cannot be read or made. */
    public static final class ModelSigningKeyException extends RuntimeException {
        ModelSigningKeyException(String message) {
            super(message);
        }
    }

    private ModelSignature load() {
        String fromEnvironment = environment.apply(ENVIRONMENT_VARIABLE);
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return new ModelSignature(decode(fromEnvironment, "the environment variable " + ENVIRONMENT_VARIABLE));
        }
        Path file = configuredFile != null ? Path.of(configuredFile)
                : Path.of(System.getProperty("user.home"), DEFAULT_FILE);
        if (!Files.exists(file)) {
            create(file);
        }
        try {
            return new ModelSignature(decode(Files.readString(file, StandardCharsets.US_ASCII), "the key file " + file));
        } catch (IOException e) {
            throw new ModelSigningKeyException("cannot read the model-signing key file " + file + ": " + e.getMessage());
        }
    }

    private void create(Path file) {
        byte[] key = new byte[ModelSignature.MIN_KEY_BYTES];
        new SecureRandom().nextBytes(key);
        Path dir = file.toAbsolutePath().getParent();
        try {
            Files.createDirectories(dir);
            Path partial = Files.createTempFile(dir, ".model-signing-", ".key");
            try {
                ownerOnly(partial);
                Files.writeString(partial, HexFormat.of().formatHex(key) + "\n", StandardCharsets.US_ASCII);
                // no replacing: when another process made the key first, its key is the one
                Files.move(partial, file);
            } catch (FileAlreadyExistsException raced) {
                return;
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw new ModelSigningKeyException("cannot create the model-signing key file " + file + ": " + e.getMessage()
                    + "; set " + ENVIRONMENT_VARIABLE + " or leadscore.model-signing.key-file");
        }
        log.warn("No model-signing key was configured, so a new one was made in {}. Models are signed with it: back it"
                        + " up, keep it out of the store, and give every process that scores with this store the same key"
                        + " ({} or leadscore.model-signing.key-file); without it no model can be verified.", file,
                ENVIRONMENT_VARIABLE);
    }

    private static void ownerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException notPosix) {
            // other file systems keep their own access rules
        }
    }

    static byte[] decode(String text, String where) {
        String value = text.strip();
        byte[] key;
        if (value.matches("(?i)[0-9a-f]+") && value.length() % 2 == 0) {
            key = HexFormat.of().parseHex(value);
        } else {
            try {
                key = Base64.getDecoder().decode(value);
            } catch (IllegalArgumentException e) {
                throw new ModelSigningKeyException(where + " does not hold a key as hex or base64 (make one with"
                        + " 'openssl rand -hex 32')");
            }
        }
        if (key.length < ModelSignature.MIN_KEY_BYTES) {
            throw new ModelSigningKeyException(where + " holds a key of " + key.length + " bytes; a model-signing key"
                    + " needs at least " + ModelSignature.MIN_KEY_BYTES + " (make one with 'openssl rand -hex 32')");
        }
        return key;
    }
}
