package com.centralstation.verification.app.web.webapps;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Camunda's webapps as this service serves them: {@code verification.webapps.*}. Bound so that a value other than
 * {@code true} or {@code false} stops start-up naming the property; {@link WebappStylesController} is made when it is
 * {@code true}.
 *
 * @param hideEndOfLifeBanner hide the Community Edition's end-of-life banner on every page of Cockpit, Tasklist, Admin
 *                            and the welcome page, for a station that has chosen to stay on Camunda 7 for now
 */
@ConfigurationProperties("verification.webapps")
public record WebappsProperties(@DefaultValue("false") boolean hideEndOfLifeBanner) {

    static final String HIDE_END_OF_LIFE_BANNER = "verification.webapps.hide-end-of-life-banner";
}
