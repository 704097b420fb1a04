package com.centralstation.verification.app.web.webapps;

import io.swagger.v3.oas.annotations.Hidden;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The user stylesheet of Camunda's webapps, for a station that has chosen to stay on Camunda 7 (see
 * docs/adr/0011-running-on-end-of-life-platforms.md): it hides the Community Edition's end-of-life banner, which
 * Camunda shows on every page with no setting to turn it off. Each webapp loads {@code app/<webapp>/styles/user-styles.css}
 * after its own styles, Camunda's documented place for a station's styles; this answers before the webjar's empty one.
 * Made when {@link WebappsProperties#hideEndOfLifeBanner()} is set.
 */
@Hidden // part of Camunda's webapps, not of the station's API
@Controller
@ConditionalOnProperty(name = WebappsProperties.HIDE_END_OF_LIFE_BANNER, havingValue = "true")
class WebappStylesController {

    private static final MediaType CSS = MediaType.valueOf("text/css");
    private static final Resource STYLES = new ClassPathResource("webapps/user-styles.css");

    @GetMapping("${camunda.bpm.webapp.application-path:/camunda}/app/{webapp:admin|cockpit|tasklist|welcome}/styles/user-styles.css")
    ResponseEntity<Resource> userStyles() {
        return ResponseEntity.ok().contentType(CSS).body(STYLES);
    }
}
