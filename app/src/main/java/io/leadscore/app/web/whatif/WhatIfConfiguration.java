package io.leadscore.app.web.whatif;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** The what-if endpoints' limits, from {@code leadscore.what-if} ({@link WhatIfLimits}). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WhatIfLimits.class)
class WhatIfConfiguration {
}
