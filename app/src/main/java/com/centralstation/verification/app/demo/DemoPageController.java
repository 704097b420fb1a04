package com.centralstation.verification.app.demo;

import com.centralstation.verification.adapters.notification.SentLinks;
import com.centralstation.verification.app.web.ApiProblems;
import com.centralstation.verification.core.domain.VerificationRecord;
import com.centralstation.verification.core.usecase.VerificationQueries;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.net.URI;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;

/**
 * The demo's pages. {@code GET /demo}, the start page: a button triggers a test alarm (through the signed webhook,
 * like {@code POST /api/test-alarms}); it shows the CHeKT sandbox's outage with a switch, the latest response links
 * the contacts were sent, the recent test alarms with their state (read from the database, so a restart keeps them)
 * and links to Cockpit, Tasklist and what the sandbox received. {@code GET /demo/received}: those requests, readable.
 */
@Controller
@Profile(DemoProfile.NAME)
public class DemoPageController {

    static final int RECENT_ALARMS = 10;
    static final int SHOWN_REQUESTS = 50;

    private final TestAlarms testAlarms;
    private final ChektSandbox sandbox;
    private final DemoResponseLinks links;
    private final VerificationQueries queries;
    private final ObjectMapper mapper;
    private final String engineName;

    public DemoPageController(TestAlarms testAlarms, ChektSandbox sandbox, DemoResponseLinks links,
                              VerificationQueries queries, ObjectMapper mapper, Environment environment) {
        DemoProfile.require(environment, DemoPageController.class);
        this.testAlarms = testAlarms;
        this.sandbox = sandbox;
        this.links = links;
        this.queries = queries;
        this.mapper = mapper;
        this.engineName = environment.getProperty("camunda.bpm.process-engine-name", "default");
    }

    @GetMapping("/demo")
    public ModelAndView start() {
        List<AlarmRow> alarms = queries.recentAt(DemoSite.SITE, RECENT_ALARMS).stream().map(DemoPageController::row).toList();
        return new ModelAndView("demo/start")
                .addObject("site", DemoSite.SITE)
                .addObject("contacts", DemoSite.CALL_LIST.contacts())
                .addObject("alarms", alarms)
                .addObject("links", links.latest().stream().map(DemoPageController::linkRow).toList())
                .addObject("received", sandbox.received().size())
                .addObject("outage", sandbox.down())
                .addObject("cockpit", "/camunda/app/cockpit/" + engineName + "/")
                .addObject("tasklist", "/camunda/app/tasklist/" + engineName + "/");
    }

    /** What the sandbox received, newest first, readable; the JSON is at {@code /demo/chekt/received}. */
    @GetMapping("/demo/received")
    public ModelAndView received() {
        List<ChektSandbox.ReceivedRequest> received = sandbox.received();
        List<ReadableRequest> newestFirst = IntStream.range(0, Math.min(received.size(), SHOWN_REQUESTS))
                .mapToObj(i -> ReadableRequest.of(received.get(received.size() - 1 - i), mapper)).toList();
        return new ModelAndView("demo/received")
                .addObject("requests", newestFirst)
                .addObject("count", received.size())
                .addObject("outage", sandbox.down());
    }

    @PostMapping("/demo/test-alarms")
    public String trigger(@RequestParam(defaultValue = TestAlarmController.DEFAULT_TRIGGER) String trigger,
                          RedirectAttributes redirect) {
        if (!TestAlarmController.TRIGGER.matcher(trigger).matches()) {
            redirect.addFlashAttribute("problem", "A trigger is one lower-case word, such as motion or fire.");
            return "redirect:/demo";
        }
        TestAlarms.Triggered triggered = testAlarms.trigger(trigger);
        if (!triggered.accepted()) {
            redirect.addFlashAttribute("problem", "The webhook answered " + triggered.webhookStatus() + ": "
                    + triggered.webhookAnswer());
        }
        return "redirect:/demo";
    }

    /** The start page's switch: {@code down=true} starts the sandbox's outage (503 to every decision), false ends it. */
    @PostMapping("/demo/outage")
    public ResponseEntity<?> outage(@RequestParam(required = false) String down) {
        if (!"true".equals(down) && !"false".equals(down)) {
            return ApiProblems.problem(HttpStatus.BAD_REQUEST, "Invalid input", "down",
                    "down must be true (start CHeKT's outage) or false (end it); it was "
                            + (down == null ? "missing" : "'" + down + "'"));
        }
        sandbox.down(Boolean.parseBoolean(down));
        return ResponseEntity.status(HttpStatus.SEE_OTHER).location(URI.create("/demo")).build();
    }

    private static AlarmRow row(VerificationRecord record) {
        return new AlarmRow(record.verification().id().toString(), record.verification().chekt().alarmVerificationId(),
                record.verification().alarm().trigger(), seconds(record.verification().receivedAt()), describe(record));
    }

    private static String describe(VerificationRecord record) {
        String state = record.state().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return state + ", " + record.contactsNotified() + " of " + record.verification().callList().size() + " contacts notified"
                + record.decision().map(decision -> ", " + decision.action().code() + " by contact " + decision.contactId())
                .orElse("");
    }

    private static LinkRow linkRow(SentLinks.SentLink link) {
        return new LinkRow(link.contactName(), link.position(), link.trigger(), link.verificationId().toString(),
                link.channel(), seconds(link.sentAt()), link.responseLink().toString());
    }

    private static String seconds(Instant instant) {
        return instant == null ? "" : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** One test alarm as the start page lists it. */
    public record AlarmRow(String verificationId, long alarmVerificationId, String trigger, String receivedAt, String state) {
    }

    /** One response link as the start page lists it. */
    public record LinkRow(String contactName, int position, String trigger, String verificationId, String channel,
                          String sentAt, String link) {
    }
}
