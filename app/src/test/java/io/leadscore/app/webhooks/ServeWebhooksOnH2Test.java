package io.leadscore.app.webhooks;

import java.util.UUID;

class ServeWebhooksOnH2Test extends ServeWebhooksTest {
    @Override
    String newStore() {
        return "jdbc:h2:mem:serve-webhooks-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
    }
}
