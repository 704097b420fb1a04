package com.centralstation.verification.core.testing;

import com.centralstation.verification.core.domain.ResponseToken;
import com.centralstation.verification.core.port.out.ResponseTokenStore;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Response tokens in a map, keyed by hash like the real store. */
public final class InMemoryResponseTokenStore implements ResponseTokenStore {

    private final Map<String, ResponseToken> tokens = new ConcurrentHashMap<>();

    @Override
    public void save(ResponseToken token) {
        tokens.put(token.tokenHash(), token);
    }

    @Override
    public Optional<ResponseToken> find(String tokenHash) {
        return Optional.ofNullable(tokens.get(tokenHash));
    }

    @Override
    public boolean markUsed(String tokenHash, Instant usedAt) {
        boolean[] marked = {false};
        tokens.computeIfPresent(tokenHash, (hash, token) -> {
            if (token.usedAt().isPresent()) {
                return token;
            }
            marked[0] = true;
            return new ResponseToken(hash, token.verificationId(), token.contactId(), token.expiresAt(),
                    Optional.of(usedAt));
        });
        return marked[0];
    }

    public int size() {
        return tokens.size();
    }
}
