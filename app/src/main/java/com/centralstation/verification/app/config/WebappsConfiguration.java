package com.centralstation.verification.app.config;

import com.centralstation.verification.app.web.webapps.WebappsProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** The settings of Camunda's webapps as this service serves them, checked at start-up. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(WebappsProperties.class)
public class WebappsConfiguration {
}
