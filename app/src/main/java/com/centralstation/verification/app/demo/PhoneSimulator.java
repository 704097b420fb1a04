package com.centralstation.verification.app.demo;

import com.centralstation.verification.app.security.TwilioSignature;
import com.centralstation.verification.core.domain.Contact;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Twilio's Programmable Voice as far as this service uses it, for the demo: it takes the calls the service places
 * ({@code Calls.json}, with the demo account's credentials), lets them ring on the demo's phone page, and plays
 * Twilio's side of each call: it fetches the call's TwiML when the tester answers, shows what would be said, posts
 * the keys the tester presses to the question's address, and reports the call's progress to its status callback,
 * every callback signed with {@code X-Twilio-Signature} like Twilio's. So a demo call goes through exactly the
 * callbacks and checks a real one does. A call nobody answers reports {@code no-answer} after its ring timeout.
 */
public final class PhoneSimulator implements AutoCloseable {

    static final int KEPT_CALLS = 50;
    /** Twilio's first reports come a moment after it answered the request that placed the call. */
    private static final Duration FIRST_REPORT_DELAY = Duration.ofMillis(300);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final String accountSid;
    private final String authToken;
    private final TwilioSignature signature;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ScheduledExecutorService reports = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "demo-phone");
        thread.setDaemon(true);
        return thread;
    });
    private final Map<String, Call> calls = new LinkedHashMap<>();

    PhoneSimulator(String accountSid, String authToken, Clock clock) {
        this.accountSid = accountSid;
        this.authToken = authToken;
        this.signature = new TwilioSignature(authToken);
        this.clock = clock;
    }

    /** {@code POST /2010-04-01/Accounts/{account}/Calls.json}, HTTP Basic with the account's sid and token. */
    synchronized Answer placeCall(String account, String authorization, Map<String, List<String>> form) {
        String expected = "Basic " + Base64.getEncoder().encodeToString((accountSid + ":" + authToken)
                .getBytes(StandardCharsets.UTF_8));
        if (!accountSid.equals(account) || !expected.equals(authorization)) {
            return new Answer(401, Map.of("code", 20003, "message", "Authenticate", "status", 401));
        }
        for (String required : List.of("To", "From", "Url")) {
            if (one(form, required).isEmpty()) {
                return new Answer(400, Map.of("code", 21201, "message", "No '" + required + "' number is specified",
                        "status", 400));
            }
        }
        String sid = "CA" + HexFormat.of().formatHex(randomBytes(16));
        Call call = new Call(sid, one(form, "To").orElseThrow(), one(form, "From").orElseThrow(), one(form, "Url").orElseThrow(),
                one(form, "StatusCallback"), form.getOrDefault("StatusCallbackEvent", List.of()), clock.instant());
        calls.put(sid, call);
        while (calls.size() > KEPT_CALLS) {
            calls.remove(calls.keySet().iterator().next());
        }
        long ringSeconds = one(form, "Timeout").map(Long::parseLong).orElse(60L);
        // Never on the service's request thread: the job that placed the call holds it until it commits.
        reports.schedule(() -> onCall(sid, State.RINGING, ringing -> {
            report(ringing, "initiated", "initiated", Map.of());
            report(ringing, "ringing", "ringing", Map.of());
        }), FIRST_REPORT_DELAY.toMillis(), TimeUnit.MILLISECONDS);
        reports.schedule(() -> onCall(sid, State.RINGING, unanswered -> end(unanswered, "no-answer")), ringSeconds,
                TimeUnit.SECONDS);
        return new Answer(201, Map.of("sid", sid, "status", "queued", "to", call.to, "from", call.from));
    }

    /** The tester picks up: the service's TwiML is fetched and read out. */
    void answer(String sid) {
        onCall(sid, State.RINGING, call -> pickUp(call, "human"));
    }

    /** A voicemail picks up, as answering-machine detection reports it. */
    void voicemail(String sid) {
        onCall(sid, State.RINGING, call -> pickUp(call, "machine_end_beep"));
    }

    /** The tester declines the call: the line is busy. */
    void decline(String sid) {
        onCall(sid, State.RINGING, call -> end(call, "busy"));
    }

    /** The tester presses keys (none: the question times out) at the question being asked. */
    void press(String sid, String digits) {
        onCall(sid, State.TALKING, call -> {
            if (call.question == null) {
                return;
            }
            call.line("you", digits.isEmpty() ? "(no key pressed)" : "pressed " + digits);
            Map<String, String> form = new LinkedHashMap<>(parameters(call, "in-progress"));
            form.put("Digits", digits);
            String action = call.question;
            call.question = null;
            follow(call, post(action, form));
        });
    }

    void hangUp(String sid) {
        onCall(sid, State.TALKING, call -> end(call, "completed"));
    }

    /** The calls, newest first, as the phone page shows them. */
    List<CallView> calls() {
        List<Call> all;
        synchronized (this) {
            all = new ArrayList<>(calls.values());
        }
        List<CallView> views = new ArrayList<>();
        all.forEach(call -> views.add(0, call.view()));
        return views;
    }

    /**
     * Runs an action on a call in the given state. One call's actions and callbacks run one at a time (the tester's
     * clicks, its ring timeout, its first reports), as the real call's events happen one after another.
     */
    private void onCall(String sid, State state, Consumer<Call> action) {
        Call call;
        synchronized (this) {
            call = calls.get(sid);
        }
        if (call == null) {
            return;
        }
        synchronized (call) {
            if (call.state == state) {
                action.accept(call);
            }
        }
    }

    private void pickUp(Call call, String answeredBy) {
        call.state = State.TALKING;
        call.answeredAt = clock.instant();
        call.answeredBy = answeredBy;
        report(call, "answered", "in-progress", Map.of("AnsweredBy", answeredBy));
        Map<String, String> form = new LinkedHashMap<>(parameters(call, "in-progress"));
        form.put("AnsweredBy", answeredBy);
        follow(call, post(call.url, form));
    }

    /** Does what the TwiML says: speak, then ask (a Gather) or hang up. */
    private void follow(Call call, Optional<String> twiml) {
        if (twiml.isEmpty()) {
            call.line("phone", "(the station's answer could not be read; the call ends)");
            end(call, "completed");
            return;
        }
        Element response;
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            response = factory.newDocumentBuilder().parse(new ByteArrayInputStream(twiml.get().getBytes(StandardCharsets.UTF_8)))
                    .getDocumentElement();
        } catch (Exception unreadable) {
            call.line("phone", "(not TwiML; the call ends)");
            end(call, "completed");
            return;
        }
        NodeList says = response.getElementsByTagName("Say");
        for (int i = 0; i < says.getLength(); i++) {
            call.line("station", says.item(i).getTextContent());
        }
        NodeList gathers = response.getElementsByTagName("Gather");
        if (gathers.getLength() > 0) {
            call.question = ((Element) gathers.item(0)).getAttribute("action");
            return;
        }
        if (call.answeredBy != null && call.answeredBy.startsWith("machine")) {
            call.line("phone", "(the voicemail recorded " + (says.getLength() == 0 ? "nothing" : "the message") + ")");
        }
        end(call, "completed");
    }

    private void end(Call call, String status) {
        call.state = State.ENDED;
        call.finalStatus = status;
        call.question = null;
        Map<String, String> extra = new LinkedHashMap<>();
        extra.put("CallDuration", String.valueOf(call.answeredAt == null ? 0
                : Duration.between(call.answeredAt, clock.instant()).toSeconds()));
        if (call.answeredBy != null) {
            extra.put("AnsweredBy", call.answeredBy);
        }
        report(call, "completed", status, extra);
    }

    /** A status callback, when the service asked for the event. */
    private void report(Call call, String event, String status, Map<String, String> extra) {
        if (call.statusCallback.isEmpty() || !call.events.contains(event)) {
            return;
        }
        Map<String, String> form = new LinkedHashMap<>(parameters(call, status));
        form.put("SequenceNumber", String.valueOf(call.sequence++));
        form.put("Timestamp", clock.instant().toString());
        form.putAll(extra);
        post(call.statusCallback.get(), form);
    }

    private Map<String, String> parameters(Call call, String status) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("AccountSid", accountSid);
        form.put("ApiVersion", "2010-04-01");
        form.put("CallSid", call.sid);
        form.put("CallStatus", status);
        form.put("Direction", "outbound-api");
        form.put("From", call.from);
        form.put("To", call.to);
        return form;
    }

    /** A signed callback; its body when the service answered 2xx. */
    private Optional<String> post(String url, Map<String, String> form) {
        Map<String, List<String>> signed = new LinkedHashMap<>();
        form.forEach((name, value) -> signed.put(name, List.of(value)));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(15))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", signature.of(url, signed))
                .POST(HttpRequest.BodyPublishers.ofString(form.entrySet().stream()
                        .map(e -> encode(e.getKey()) + "=" + encode(e.getValue())).collect(Collectors.joining("&"))))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            return response.statusCode() / 100 == 2 ? Optional.of(response.body()) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Optional<String> one(Map<String, List<String>> form, String name) {
        return form.getOrDefault(name, List.of()).stream().filter(value -> !value.isBlank()).findFirst();
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        reports.shutdownNow();
    }

    enum State { RINGING, TALKING, ENDED }

    /** One simulated call; changed only by the simulator. */
    private static final class Call {
        final String sid;
        final String to;
        final String from;
        final String url;
        final Optional<String> statusCallback;
        final List<String> events;
        final Instant placedAt;
        final List<Line> transcript = new ArrayList<>();
        State state = State.RINGING;
        /** Where the keys of the question being asked go; null when none is asked. */
        String question;
        String answeredBy;
        Instant answeredAt;
        String finalStatus;
        int sequence;

        Call(String sid, String to, String from, String url, Optional<String> statusCallback, List<String> events, Instant placedAt) {
            this.sid = sid;
            this.to = to;
            this.from = from;
            this.url = url;
            this.statusCallback = statusCallback;
            this.events = List.copyOf(events);
            this.placedAt = placedAt;
        }

        void line(String who, String text) {
            transcript.add(new Line(who, text));
        }

        synchronized CallView view() {
            return new CallView(sid, to, DemoSite.CALL_LIST.contacts().stream().filter(c -> to.equals(c.phoneNumber()))
                    .map(Contact::displayName).findFirst().orElse(to), placedAt, state.name().toLowerCase(Locale.ROOT),
                    finalStatus, question != null, List.copyOf(transcript));
        }
    }

    /** One line of a call as the phone page shows it: who spoke ({@code station}, {@code you}, {@code phone}) and what. */
    public record Line(String who, String text) {
    }

    /** A call as the phone page shows it. */
    public record CallView(String sid, String to, String contact, Instant placedAt, String state, String finalStatus,
                           boolean asking, List<Line> transcript) {
    }

    /** What the simulated API answers: a status and a JSON body. */
    record Answer(int status, Map<String, Object> body) {
    }
}
