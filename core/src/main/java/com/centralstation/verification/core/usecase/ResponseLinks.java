package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.domain.ContactDecision;
import com.centralstation.verification.core.domain.ContactObservation;
import com.centralstation.verification.core.domain.DecisionSource;
import com.centralstation.verification.core.domain.ResponseToken;
import com.centralstation.verification.core.domain.VerificationAction;
import com.centralstation.verification.core.domain.VerificationRecord;
import com.centralstation.verification.core.port.out.ResponseTokenStore;
import com.centralstation.verification.core.port.out.VerificationRepository;

import java.time.Clock;
import java.util.Optional;
import java.util.UUID;

/**
 * The personal links contacts answer through. A token is 256 random bits, shown to the contact once
 * (in the message) and stored only as its SHA-256, so a database leak yields no working links.
 */
public final class ResponseLinks {

    private final ResponseTokenStore tokens;
    private final VerificationRepository verifications;
    private final RecordDecision recordDecision;
    private final Clock clock;

    public ResponseLinks(ResponseTokenStore tokens, VerificationRepository verifications, RecordDecision recordDecision,
                         Clock clock) {
        this.tokens = tokens;
        this.verifications = verifications;
        this.recordDecision = recordDecision;
        this.clock = clock;
    }

    /** What the page behind a link shows. */
    public Link open(String rawToken) {
        return open(lookup(rawToken));
    }

    private Link open(Optional<ResponseToken> token) {
        if (token.isEmpty()) {
            return new Link(LinkState.UNKNOWN, Optional.empty(), Optional.empty());
        }
        VerificationRecord record = verifications.find(token.get().verificationId()).orElse(null);
        if (record == null) {
            return new Link(LinkState.UNKNOWN, Optional.empty(), Optional.empty());
        }
        return new Link(stateOf(token.get(), record), Optional.of(record), Optional.of(token.get().contactId()));
    }

    /**
     * The contact pressed a button: records their decision at this moment, once. The link is spent only
     * when the decision is recorded or refused for good; when recording fails on the way (the engine or
     * the database), this throws and the link still works, so the contact can press again. It also still works
     * when the verification does not wait for answers yet ({@link RecordDecision.Outcome#NOT_YET_WAITING}). A link
     * works from the moment it was issued: its contact was recorded as notified before any message carried it.
     */
    public Answer answer(String rawToken, VerificationAction action) {
        return answer(rawToken, action, Optional.empty());
    }

    /** @param seen what the contact said they saw, when they answered the page's optional question */
    public Answer answer(String rawToken, VerificationAction action, Optional<ContactObservation> seen) {
        Optional<ResponseToken> found = lookup(rawToken);
        Link link = open(found);
        if (link.state() != LinkState.OPEN) {
            return new Answer(link.state(), Optional.empty());
        }
        ResponseToken token = found.orElseThrow();
        ContactDecision decision = new ContactDecision(token.contactId(), action, clock.instant(), DecisionSource.RESPONSE_LINK,
                seen);
        RecordDecision.Outcome outcome = recordDecision.record(token.verificationId(), decision);
        if (outcome != RecordDecision.Outcome.NOT_YET_WAITING) {
            tokens.markUsed(token.tokenHash(), clock.instant());
        }
        return new Answer(LinkState.OPEN, Optional.of(outcome));
    }

    private LinkState stateOf(ResponseToken token, VerificationRecord record) {
        if (token.usedAt().isPresent()) {
            return LinkState.USED;
        }
        if (!record.state().isOpen()) {
            return LinkState.DECIDED_OR_CLOSED;
        }
        if (token.isExpiredAt(clock.instant())) {
            return LinkState.EXPIRED;
        }
        return LinkState.OPEN;
    }

    private Optional<ResponseToken> lookup(String rawToken) {
        if (rawToken == null || rawToken.isBlank() || rawToken.length() > 128) {
            return Optional.empty();
        }
        return tokens.find(ResponseToken.hashOf(rawToken));
    }

    public enum LinkState {
        /** The contact can still decide through this link. */
        OPEN,
        UNKNOWN,
        EXPIRED,
        /** This link was already used to answer. */
        USED,
        /** Someone already decided, or the verification was cancelled or closed. */
        DECIDED_OR_CLOSED
    }

    /** A link as the page shows it; the record is empty for unknown tokens. */
    public record Link(LinkState state, Optional<VerificationRecord> verification, Optional<Long> contactId) {
    }

    /** What pressing a button did: the link's state, and the decision outcome when the link was open. */
    public record Answer(LinkState linkState, Optional<RecordDecision.Outcome> outcome) {
    }
}
