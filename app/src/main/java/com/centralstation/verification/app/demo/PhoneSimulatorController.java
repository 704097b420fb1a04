package com.centralstation.verification.app.demo;

import org.springframework.context.annotation.Profile;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.ModelAndView;

import java.util.Map;
import java.util.regex.Pattern;

/**
 * The demo's phone: Twilio's REST API for placing calls under {@value #TWILIO} (where the demo profile points
 * {@code verification.notification.voice.base-url}), and the page {@code /demo/phone} where the calls ring and a
 * tester answers, reads what the station says, presses keys or lets the call go unanswered.
 */
@Controller
@Profile(DemoProfile.NAME)
public class PhoneSimulatorController {

    public static final String TWILIO = "/demo/twilio";
    static final String PAGE = "/demo/phone";
    private static final Pattern KEY = Pattern.compile("[0-9*#]?");

    private final PhoneSimulator phone;

    public PhoneSimulatorController(PhoneSimulator phone, Environment environment) {
        DemoProfile.require(environment, PhoneSimulatorController.class);
        this.phone = phone;
    }

    @PostMapping(path = TWILIO + "/2010-04-01/Accounts/{accountSid}/Calls.json",
            consumes = MediaType.APPLICATION_FORM_URLENCODED_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    public ResponseEntity<Map<String, Object>> placeCall(@PathVariable String accountSid,
                                                         @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                                         @RequestParam MultiValueMap<String, String> form) {
        PhoneSimulator.Answer answer = phone.placeCall(accountSid, authorization, form);
        return ResponseEntity.status(answer.status()).contentType(MediaType.APPLICATION_JSON).body(answer.body());
    }

    @GetMapping(PAGE)
    public ModelAndView page() {
        return new ModelAndView("demo/phone").addObject("calls", phone.calls());
    }

    @PostMapping(PAGE + "/{sid}/answer")
    public String answer(@PathVariable String sid) {
        phone.answer(sid);
        return "redirect:" + PAGE;
    }

    @PostMapping(PAGE + "/{sid}/voicemail")
    public String voicemail(@PathVariable String sid) {
        phone.voicemail(sid);
        return "redirect:" + PAGE;
    }

    @PostMapping(PAGE + "/{sid}/decline")
    public String decline(@PathVariable String sid) {
        phone.decline(sid);
        return "redirect:" + PAGE;
    }

    /** A key of the keypad, or none (the question times out). */
    @PostMapping(PAGE + "/{sid}/keys")
    public String keys(@PathVariable String sid, @RequestParam(defaultValue = "") String digits) {
        if (KEY.matcher(digits).matches()) {
            phone.press(sid, digits);
        }
        return "redirect:" + PAGE;
    }

    @PostMapping(PAGE + "/{sid}/hang-up")
    public String hangUp(@PathVariable String sid) {
        phone.hangUp(sid);
        return "redirect:" + PAGE;
    }
}
