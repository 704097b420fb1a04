package com.centralstation.verification.core.domain;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Everything a regulator, insurer or police department asks about one verification, in one record:
 * what the alarm was, whom the station tried and how, what the escalation policy advised at each
 * step, who decided what and when, what CHeKT was told, the AVS-01 level and ECV record, and whether
 * the audit trail behind it is intact. Addresses are masked.
 */
public record EvidencePack(Verification verification, VerificationState state, Optional<String> closeReason,
                           List<ListedContact> callList, List<Attempt> notificationAttempts,
                           List<PolicyStep> escalationSteps, Optional<Decision> decision,
                           List<ChektExchange> chektExchanges, Optional<AlarmValidation> validation,
                           EcvSummary ecv, AuditChainCheck auditChain, List<AuditEvent> timeline, Instant assembledAt,
                           List<Call> calls, List<NotifiedContact> contactsNotified) {

    public EvidencePack {
        contactsNotified = List.copyOf(contactsNotified);
        callList = List.copyOf(callList);
        notificationAttempts = List.copyOf(notificationAttempts);
        calls = List.copyOf(calls);
        escalationSteps = List.copyOf(escalationSteps);
        chektExchanges = List.copyOf(chektExchanges);
        timeline = List.copyOf(timeline);
    }

    /** One contact of the call list as it was fixed for this verification. */
    public record ListedContact(int position, long contactId, String name, String phone, String email) {
    }

    /**
     * One try to reach a contact on one channel.
     *
     * @param outcome {@code delivered}, {@code unconfirmed} (the channel took the request and never answered: the
     *                message may have left) or {@code failed}
     */
    public record Attempt(Instant at, long contactId, String channel, String address, String outcome, String detail) {
    }

    /**
     * One phone call to a contact.
     *
     * @param to the masked number called
     * @param callSid the voice provider's id of the call, when it took the call
     * @param statuses the statuses the provider reported, in the order taken, each with its time
     * @param keys what the contact pressed at each question ({@code menu:1 confirm-dispatch:1})
     * @param outcome how the call ended ({@link CallOutcome#code()}), empty while it is not over
     */
    public record Call(Instant placedAt, long contactId, String to, Optional<String> callSid, List<String> statuses,
                       Optional<String> answeredBy, String keys, Optional<Integer> durationSeconds,
                       Optional<String> outcome) {

        public Call {
            statuses = List.copyOf(statuses);
        }
    }

    /**
     * @param how response link, station API or operator
     * @param receivedAt when the station accepted the decision
     * @param responseTime the band from first notification to {@code respondedAt}; empty when nobody was notified
     */
    public record Decision(long contactId, String contactName, VerificationAction action, DecisionSource how,
                           Actor actor, Instant respondedAt, Optional<Instant> receivedAt,
                           Optional<ResponseTime> responseTime) {
    }

    /** One answer CHeKT gave (or did not give) to the decision's PATCH. */
    public record ChektExchange(Instant at, String outcome, String traceId, String httpStatus, String chektId,
                                String error, String requestId) {
    }

    /**
     * Enhanced call verification, as facts: who and which addresses were tried before the decision.
     *
     * @param contactsTried distinct contacts the station tried to reach before the decision
     * @param addressesTried distinct numbers or addresses tried before the decision (a number both called and sent
     *                       an SMS counts once)
     * @param addressesByChannel distinct numbers or addresses tried before the decision on each channel, by channel name
     */
    public record EcvSummary(int contactsTried, int addressesTried, Map<String, Integer> addressesByChannel) {

        public EcvSummary {
            addressesByChannel = Collections.unmodifiableMap(new TreeMap<>(addressesByChannel));
        }
    }
}
