package com.centralstation.verification.app.demo;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.context.ApplicationContext;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** Every address the demo's start-up banner prints answers, with the login printed beside it. */
class DemoBannerTest extends DemoServiceTest {

    private static final Pattern ADDRESS = Pattern.compile("(http://\\S+)(?:\\s+login (\\S+) / (\\S+))?");

    @Autowired
    ApplicationContext context;

    @Test
    void everyAddressTheBannerPrintsAnswersWithItsLogin() throws Exception {
        Logger notice = (Logger) LoggerFactory.getLogger("com.centralstation.verification.app.config.DemoProfileNotice");
        ListAppender<ILoggingEvent> printed = new ListAppender<>();
        printed.start();
        notice.addAppender(printed);
        try {
            ((ApplicationRunner) context.getBean("demoProfileNotice")).run(new DefaultApplicationArguments());
        } finally {
            notice.detachAppender(printed);
        }

        String banner = printed.list.get(0).getFormattedMessage();
        HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        List<String> answered = new ArrayList<>();
        Matcher address = ADDRESS.matcher(banner);
        while (address.find()) {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(address.group(1))).GET();
            if (address.group(2) != null) {
                request.header("Authorization", basic(address.group(2), address.group(3)));
            }
            HttpResponse<String> response = browser.send(request.build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(address.group(1)).isEqualTo(200);
            answered.add(address.group(1));
        }
        assertThat(answered).hasSize(4).anySatisfy(url -> assertThat(url).endsWith("/swagger-ui/index.html"))
                .anySatisfy(url -> assertThat(url).endsWith("/actuator/prometheus"));
    }
}
