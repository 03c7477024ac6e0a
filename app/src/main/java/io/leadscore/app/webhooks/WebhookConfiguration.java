package io.leadscore.app.webhooks;

import io.leadscore.batch.webhooks.Deliveries;
import io.leadscore.batch.webhooks.Outbox;
import io.leadscore.batch.webhooks.SlaAlerts;
import io.leadscore.batch.webhooks.Subscribers;
import java.net.InetAddress;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Webhooks in the application: the address policy (for the API as well), and,
 * in {@code serve} only ({@code leadscore.scheduler.enabled}), the config
 * file's subscribers written to the store, the delivery worker and the SLA
 * alerts' schedule.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebhookSettings.class)
class WebhookConfiguration {

    @Bean
    TargetPolicy webhookTargets(WebhookSettings settings) {
        return new TargetPolicy(settings.webhookDelivery().allowPrivateAddresses(), InetAddress::getAllByName);
    }

    @Bean
    @ConditionalOnMissingBean
    WebhookDispatcher.Environment webhookEnvironment() {
        return System::getenv;
    }

    @Bean
    @ConditionalOnProperty(name = "leadscore.scheduler.enabled", havingValue = "true")
    WebhookDispatcher webhookDispatcher(WebhookSettings settings, Deliveries deliveries, Subscribers subscribers,
                                        Outbox outbox, TargetPolicy webhookTargets,
                                        WebhookDispatcher.Environment environment, Clock clock) {
        List<Subscribers.Configured> configured = settings.subscribers(webhookTargets);
        for (int i = 0; i < configured.size(); i++) {
            String variable = configured.get(i).secretEnv();
            String secret = environment.get(variable);
            if (secret == null || secret.isEmpty()) {
                throw new WebhookSettings.InvalidSettingException("Invalid leadscore.webhooks[" + i + "].secret-env: the"
                        + " environment variable " + variable + " is not set; set it to the secret of "
                        + configured.get(i).url(), null);
            }
            try {
                TargetPolicy.checkSecret(secret);
            } catch (IllegalArgumentException e) {
                throw new WebhookSettings.InvalidSettingException("Invalid secret in the environment variable "
                        + variable + " (leadscore.webhooks[" + i + "].secret-env): " + e.getMessage(), e);
            }
        }
        subscribers.syncConfigured(configured, clock.instant());
        subscribers.sealStoredSecrets();
        return new WebhookDispatcher(settings.webhookDelivery(), deliveries, subscribers, outbox, webhookTargets,
                environment, clock);
    }

    @Bean
    @ConditionalOnProperty(name = "leadscore.scheduler.enabled", havingValue = "true")
    SlaAlertSchedule slaAlertSchedule(SlaAlerts alerts, Clock clock, WebhookSettings settings) {
        return new SlaAlertSchedule(alerts, clock, settings.webhookDelivery().slaScanEvery());
    }
}
