package io.leadscore.app.web;

import io.leadscore.app.cli.Version;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.info.License;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.PropertySource;

/**
 * The web application's settings (actuator exposure, OpenAPI paths, error
 * pages: {@code console-defaults.properties}, overridable by {@code --config})
 * and the OpenAPI description of the API.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@PropertySource("classpath:console-defaults.properties")
class WebConfiguration {

    /**
     * An encoded {@code /} or {@code \} in a path is passed on still encoded, so that a lead id holding one stays
     * one path segment ({@code /leads/ACME%2F17}, {@code /leads/EMEA%5C17}); Spring Security's firewall allows them
     * on the lead paths only.
     */
    @Bean
    WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory> encodedSlashesStayEncoded() {
        return factory -> factory.addConnectorCustomizers(connector -> {
            connector.setEncodedSolidusHandling("passthrough");
            connector.setEncodedReverseSolidusHandling("passthrough");
        });
    }

    /**
     * What Tomcat refuses before the application sees it (a path that does not decode) is answered by
     * {@link ProblemErrorReportValve}: problem details under {@code /api/}, not Tomcat's HTML page.
     */
    @Bean
    WebServerFactoryCustomizer<org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory> problemErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof org.apache.catalina.core.StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }

    /**
     * A key given twice in one JSON object of any request body is refused (read leniently, the last would silently
     * win: {@code {"outcome": "no_answer", "outcome": "accepted"}} accepted a lead), as the events API refuses it.
     */
    @Bean
    org.springframework.boot.jackson.autoconfigure.JsonMapperBuilderCustomizer duplicateKeysRefused() {
        // and a fraction where a whole number is taken ("recycle_after_days": 2.5) is refused, not cut to 2
        // and a key the body does not take is refused by name (ignored, the change it meant would not be made)
        return builder -> builder.enable(tools.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .disable(tools.jackson.databind.DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(tools.jackson.databind.DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    @Bean
    OpenAPI leadscoreOpenApi() {
        return new OpenAPI()
                .info(new Info().title("leadscore API")
                        .version(Version.current())
                        .description("Quota what-ifs, the model registry, job runs, leads, the funnel report and the"
                                + " policy of a leadscore store. Authenticate with 'Authorization: Bearer TOKEN'"
                                + " (tokens are configured by hash, see docs/console.md) or HTTP Basic."
                                + " Errors are problem details (RFC 9457).")
                        .license(new License().name("GPL-3.0").url("https://www.gnu.org/licenses/gpl-3.0.html")))
                .components(new Components()
                        .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                                .description("An API token; its SHA-256 is configured under leadscore.tokens"))
                        .addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")))
                .addSecurityItem(new SecurityRequirement().addList("bearer"))
                .addSecurityItem(new SecurityRequirement().addList("basic"));
    }
}
