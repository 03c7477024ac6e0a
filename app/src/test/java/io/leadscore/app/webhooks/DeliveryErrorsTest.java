package io.leadscore.app.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** A failed delivery's last error says what failed and why, from the first cause that says it. */
class DeliveryErrorsTest {
    @Test
    void aConnectionRefusedSaysSoEvenWhenTheClientsOwnExceptionHasNoMessage() {
        ConnectException refused = new ConnectException();
        refused.initCause(new ConnectException("Connection refused"));
        assertThat(WebhookDispatcher.describe(new CompletionException(refused)))
                .isEqualTo("ConnectException: ConnectException: Connection refused");

        IOException unresolved = new IOException((String) null, new UnresolvedAddressException());
        assertThat(WebhookDispatcher.describe(unresolved)).isEqualTo("IOException: UnresolvedAddressException");
    }

    @Test
    void aTimeoutAndAPlainMessageReadAsThey() {
        assertThat(WebhookDispatcher.describe(new CompletionException(new HttpTimeoutException("request timed out"))))
                .isEqualTo("no answer within the timeout");
        assertThat(WebhookDispatcher.describe(new IOException("HTTP/1.1 header parser received no bytes")))
                .isEqualTo("IOException: HTTP/1.1 header parser received no bytes");
    }
}
