package com.centralstation.verification.adapters.persistence;

import com.centralstation.verification.core.domain.NotificationDelivery;
import com.centralstation.verification.core.domain.NotifiedContact;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static com.centralstation.verification.adapters.persistence.SqlInstants.fromSql;

/** The contacts notified for some verifications, in call order, read from {@code notified_contact} in one go per chunk. */
final class NotifiedContactRows {

    /** Keeps IN lists well under every driver's bind-parameter limit. */
    private static final int IDS_PER_QUERY = 500;

    private NotifiedContactRows() {
    }

    static Map<UUID, List<NotifiedContact>> of(JdbcClient jdbc, List<UUID> verificationIds) {
        Map<UUID, List<NotifiedContact>> byVerification = new HashMap<>();
        for (int from = 0; from < verificationIds.size(); from += IDS_PER_QUERY) {
            List<UUID> chunk = verificationIds.subList(from, Math.min(from + IDS_PER_QUERY, verificationIds.size()));
            jdbc.sql("""
                            SELECT verification_id, position, contact_id, notified_at, delivery
                              FROM notified_contact
                             WHERE verification_id IN (:ids)
                             ORDER BY verification_id, position
                            """)
                    .param("ids", chunk)
                    .query((ResultSet row) -> {
                        byVerification.computeIfAbsent(row.getObject("verification_id", UUID.class), id -> new ArrayList<>())
                                .add(new NotifiedContact(row.getLong("contact_id"), row.getInt("position"),
                                        fromSql(row, "notified_at"), delivery(row.getString("delivery"))));
                    });
        }
        return byVerification;
    }

    private static NotificationDelivery delivery(String code) {
        return NotificationDelivery.fromCode(code)
                .orElseThrow(() -> new IllegalStateException("notified contact with an unknown delivery '" + code + "'"));
    }
}
