package io.leadscore.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve} with webhooks in its config file that it cannot use: it does not start, exit 2, and its last line
 * names the entry and what to do.
 */
class ServeWebhookSettingsTest {
    /** A variable no environment running the tests sets. */
    static final String UNSET = "LEADSCORE_TEST_SECRET_THAT_IS_NEVER_SET_7F3A";

    @TempDir
    Path dir;

    private CommandLineErrorsTest.Run serve(String yaml) throws IOException {
        Path config = Files.writeString(dir.resolve("hooks.yml"), yaml);
        return CommandLineErrorsTest.run("--config", config.toString(), "serve", "--port", "0",
                "--db", "jdbc:h2:file:" + dir.resolve("store").toAbsolutePath(), "--create");
    }

    @Test
    void refusesToStartWhenTheSecretsVariableIsNotSet() throws IOException {
        CommandLineErrorsTest.Run r = serve("leadscore:\n  webhooks:\n    - url: https://crm.example/hooks/leadscore\n"
                + "      events: [mql.created, sla.breached]\n      secret-env: " + UNSET + "\n");

        assertThat(r.exit()).isEqualTo(2);
        // the server's log holds the failed start; the command's own last word is the one line to act on
        assertThat(r.errLines()).last().asString().isEqualTo("leadscore serve: --config " + dir.resolve("hooks.yml")
                + ": Invalid leadscore.webhooks[0].secret-env: the environment variable " + UNSET
                + " is not set; set it to the secret of https://crm.example/hooks/leadscore");
    }

    @Test
    void refusesToStartWithAWebhookThatIsNotHttpOrAnEventThatDoesNotExist() throws IOException {
        CommandLineErrorsTest.Run r = serve("leadscore:\n  webhooks:\n    - url: ftp://crm.example/x\n"
                + "      events: [mql.created]\n      secret-env: " + UNSET + "\n");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("Invalid leadscore.webhooks[0].url: 'ftp://crm.example/x' is not an http or https URL");

        r = serve("leadscore:\n  webhooks:\n    - url: https://crm.example/x\n      events: [mql.deleted]\n"
                + "      secret-env: " + UNSET + "\n");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("Invalid leadscore.webhooks[0].events: Invalid event type: 'mql.deleted'");
    }
}
