package com.centralstation.verification.app.web.respond;

import com.centralstation.verification.app.storage.StorageOutage;
import com.centralstation.verification.core.domain.ContactDecision;
import com.centralstation.verification.core.domain.ContactObservation;
import com.centralstation.verification.core.domain.VerificationAction;
import com.centralstation.verification.core.domain.VerificationRecord;
import com.centralstation.verification.core.domain.VerificationState;
import com.centralstation.verification.core.usecase.RecordDecision;
import com.centralstation.verification.core.usecase.ResponseLinks;
import io.swagger.v3.oas.annotations.Hidden;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The page behind a contact's personal link: {@code GET /respond/{token}} shows the alarm and two buttons;
 * each leads to a confirmation ({@code GET /respond/{token}/dispatch|disregard}) whose form posts the answer
 * to the same address. Looking never changes anything (link previews and prefetchers open links too); only the
 * confirmed, CSRF-protected POST records a decision, stamped with the moment of the click.
 */
@Controller
@RequestMapping("/respond")
public class ResponsePageController {

    private static final Logger LOG = LoggerFactory.getLogger(ResponsePageController.class);
    private static final Pattern FORM_PATH = Pattern.compile("/respond/([A-Za-z0-9_-]{1,128})/(?:dispatch|disregard)");
    private static final Pattern LINK_PATH = Pattern.compile("/respond/([A-Za-z0-9_-]{1,128})(?:/.*)?");
    /** While the database cannot write, the contact is asked to try again in a minute. */
    static final String RETRY_AFTER_SECONDS = "60";

    private final ResponseLinks links;
    private final StorageOutage outage;
    private final DateTimeFormatter timeFormat;

    /** @param alarmTimeZone the zone alarm times are shown in ({@code verification.notification.time-zone}) */
    public ResponsePageController(ResponseLinks links, StorageOutage outage, ZoneId alarmTimeZone) {
        this.links = links;
        this.outage = outage;
        this.timeFormat = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm:ss zzz", Locale.ENGLISH)
                .withZone(alarmTimeZone);
    }

    @Hidden // a link cut short; nobody is sent here
    @GetMapping({"", "/"})
    public ModelAndView noToken() {
        return page(LinkPage.UNKNOWN, null);
    }

    @GetMapping("/{token}")
    public ModelAndView alarm(@PathVariable String token) {
        ResponseLinks.Link link = links.open(token);
        if (link.state() != ResponseLinks.LinkState.OPEN) {
            return closedPage(link);
        }
        return page(LinkPage.OPEN, view(link)).addObject("token", token);
    }

    @GetMapping("/{token}/{action}")
    public ModelAndView confirm(@PathVariable String token, @PathVariable String action, CsrfToken csrf) {
        Optional<VerificationAction> chosen = VerificationAction.fromCode(action);
        if (chosen.isEmpty()) {
            return page(LinkPage.UNKNOWN, null);
        }
        ResponseLinks.Link link = links.open(token);
        if (link.state() != ResponseLinks.LinkState.OPEN) {
            return closedPage(link);
        }
        // The CSRF token lives in a cookie: create it now, while the response headers can still take the cookie.
        csrf.getToken();
        return page(LinkPage.CONFIRM, view(link)).addObject("token", token).addObject("action", chosen.get().code());
    }

    @PostMapping("/{token}/{action}")
    public ModelAndView answer(@PathVariable String token, @PathVariable String action,
                               @RequestParam(name = "seen", required = false) String seen, HttpServletResponse response) {
        Optional<VerificationAction> chosen = VerificationAction.fromCode(action);
        if (chosen.isEmpty()) {
            return page(LinkPage.UNKNOWN, null);
        }
        ResponseLinks.Answer answer;
        try {
            // The question is optional: no answer, or one this page never offered, is simply no answer.
            answer = links.answer(token, chosen.get(), Optional.ofNullable(seen).flatMap(ContactObservation::fromCode));
        } catch (RuntimeException e) {
            if (outage.refusesRequest(e).isPresent()) {
                response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
            } else {
                LOG.error("Recording a response link's answer failed; the link stays usable", e);
            }
            return page(LinkPage.NOT_RECORDED, null).addObject("token", token);
        }
        // Read again for the page: the link is used now, but still tells which alarm it was about.
        ResponseLinks.Link link = links.open(token);
        if (answer.outcome().isEmpty()) {
            return closedPage(new ResponseLinks.Link(answer.linkState(), link.verification(), link.contactId()));
        }
        RecordDecision.Outcome outcome = answer.outcome().get();
        LOG.info("Response link of contact {} answered {} for verification {}: {}", link.contactId().orElse(null),
                chosen.get().code(), link.verification().map(record -> record.verification().id()).orElse(null), outcome);
        LinkPage page = switch (outcome) {
            case ACCEPTED -> LinkPage.ACCEPTED;
            case ALREADY_DECIDED -> LinkPage.DECIDED;
            case CLOSED -> LinkPage.CLOSED;
            case UNKNOWN_VERIFICATION -> LinkPage.UNKNOWN;
            case CONTACT_NOT_ON_CALL_LIST, CONTACT_NOT_NOTIFIED, RESPONDED_IN_FUTURE, RESPONDED_BEFORE_ALARM ->
                    LinkPage.NOT_ACCEPTED;
            // The verification is still sending its first notification; the link was not spent.
            case NOT_YET_WAITING -> LinkPage.NOT_RECORDED;
        };
        ModelAndView shown = decisionPage(page, link).addObject("action", chosen.get().code());
        return page == LinkPage.NOT_RECORDED ? shown.addObject("token", token) : shown;
    }

    /**
     * Where Spring Security forwards a form it refused (no or stale CSRF token). When the refused form was one
     * of ours, the page offers the way back to the alarm, so the contact can confirm again.
     */
    @Hidden // Spring Security's forward target, not an address anyone opens
    @RequestMapping("/refused")
    public ModelAndView refused(HttpServletRequest request) {
        ModelAndView page = page(LinkPage.REFUSED, null);
        Object original = request.getAttribute(RequestDispatcher.FORWARD_REQUEST_URI);
        if (original instanceof String path) {
            Matcher form = FORM_PATH.matcher(path);
            if (form.matches()) {
                page.addObject("token", form.group(1));
            }
        }
        return page;
    }

    /**
     * Anything unexpected: a page the contact can act on (call the station), never a stack trace or the API's
     * problem JSON. While the database cannot be read or written, the page says to try again in a minute and offers
     * the link again: nothing was spent.
     */
    @ExceptionHandler(Exception.class)
    public ModelAndView failed(Exception e, HttpServletRequest request, HttpServletResponse response) {
        if (outage.refusesRequest(e).isPresent()) {
            response.setHeader(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS);
            ModelAndView page = page(LinkPage.UNAVAILABLE, null);
            Matcher link = LINK_PATH.matcher(request.getRequestURI());
            if (link.matches()) {
                page.addObject("token", link.group(1));
            }
            return page;
        }
        LOG.error("Response page failed", e);
        return page(LinkPage.FAILED, null);
    }

    private ModelAndView closedPage(ResponseLinks.Link link) {
        return switch (link.state()) {
            case OPEN -> throw new IllegalStateException("an open link has no closed page");
            case UNKNOWN -> page(LinkPage.UNKNOWN, null);
            case EXPIRED -> page(LinkPage.EXPIRED, view(link));
            case USED -> decisionPage(LinkPage.USED, link);
            case DECIDED_OR_CLOSED -> decisionPage(link.verification()
                    .filter(record -> record.state() == VerificationState.DECIDED || record.state() == VerificationState.SUBMITTED)
                    .map(record -> LinkPage.DECIDED).orElse(LinkPage.CLOSED), link);
        };
    }

    /** Adds what was decided, and whether it was this contact's own answer; never who else it was. */
    private ModelAndView decisionPage(LinkPage state, ResponseLinks.Link link) {
        ModelAndView page = page(state, view(link));
        Optional<ContactDecision> decision = link.verification().flatMap(VerificationRecord::decision);
        decision.ifPresent(taken -> page
                .addObject("decidedAction", taken.action().code())
                .addObject("decidedByYou", link.contactId().map(id -> id == taken.contactId()).orElse(false)));
        return page;
    }

    private AlarmView view(ResponseLinks.Link link) {
        return link.verification()
                .flatMap(record -> link.contactId().map(contactId -> AlarmView.of(record, contactId, timeFormat)))
                .orElse(null);
    }

    private static ModelAndView page(LinkPage state, AlarmView alarm) {
        String template = switch (state) {
            case OPEN -> "respond/alarm";
            case CONFIRM -> "respond/confirm";
            default -> "respond/outcome";
        };
        ModelAndView page = new ModelAndView(template);
        page.setStatus(state.status());
        page.addObject("page", state.name());
        page.addObject("alarm", alarm);
        return page;
    }
}
