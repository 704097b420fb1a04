package com.centralstation.verification.app.demo;

import com.centralstation.verification.core.domain.VerificationRecord;
import com.centralstation.verification.core.usecase.VerificationQueries;
import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import java.util.List;
import java.util.Locale;

/**
 * {@code GET /demo}: the demo's start page. A button triggers a test alarm (through the signed webhook, like
 * {@code POST /api/test-alarms}); the page lists the recent test alarms with their state and links to Cockpit,
 * Tasklist and what the CHeKT sandbox received.
 */
@Controller
@Profile(DemoProfile.NAME)
public class DemoPageController {

    private final TestAlarms testAlarms;
    private final ChektSandbox sandbox;
    private final VerificationQueries queries;
    private final String engineName;

    public DemoPageController(TestAlarms testAlarms, ChektSandbox sandbox, VerificationQueries queries, Environment environment) {
        DemoProfile.require(environment, DemoPageController.class);
        this.testAlarms = testAlarms;
        this.sandbox = sandbox;
        this.queries = queries;
        this.engineName = environment.getProperty("camunda.bpm.process-engine-name", "default");
    }

    @GetMapping("/demo")
    public ModelAndView start() {
        List<AlarmRow> alarms = testAlarms.recent().stream().map(this::row).toList();
        return new ModelAndView("demo/start")
                .addObject("site", DemoSite.SITE)
                .addObject("contacts", DemoSite.CALL_LIST.contacts())
                .addObject("alarms", alarms)
                .addObject("received", sandbox.received().size())
                .addObject("outage", sandbox.down())
                .addObject("cockpit", "/camunda/app/cockpit/" + engineName + "/")
                .addObject("tasklist", "/camunda/app/tasklist/" + engineName + "/");
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

    private AlarmRow row(TestAlarms.Triggered triggered) {
        String state = queries.find(triggered.verificationId())
                .map(view -> view.record())
                .map(DemoPageController::describe)
                .orElse(triggered.accepted() ? "received" : "refused (" + triggered.webhookStatus() + ")");
        return new AlarmRow(triggered.verificationId().toString(), triggered.alarmVerificationId(), triggered.trigger(),
                triggered.triggeredAt().toString(), state);
    }

    private static String describe(VerificationRecord record) {
        String state = record.state().name().toLowerCase(Locale.ROOT).replace('_', ' ');
        return state + ", " + record.contactsNotified() + " of " + record.verification().callList().size() + " contacts notified"
                + record.decision().map(decision -> ", " + decision.action().code() + " by contact " + decision.contactId())
                .orElse("");
    }

    /** One test alarm as the start page lists it. */
    public record AlarmRow(String verificationId, long alarmVerificationId, String trigger, String triggeredAt, String state) {
    }
}
