package io.leadscore.batch.registry;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The model-signing key: {@code LEADSCORE_MODEL_KEY}, or the file named by
 * {@code leadscore.model-signing.key-file}, or the default key file
 * ({@link ModelSigningKey}).
 */
@Configuration(proxyBeanMethods = false)
class RegistryConfiguration {

    @Bean
    ModelSigningKey modelSigningKey(@Value("${leadscore.model-signing.key-file:}") String keyFile) {
        return new ModelSigningKey(System::getenv, keyFile);
    }
}
