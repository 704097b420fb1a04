package com.centralstation.verification.adapters.persistence;

import com.centralstation.verification.core.domain.CallList;
import com.centralstation.verification.core.domain.Contact;
import com.centralstation.verification.core.domain.SiteRef;
import com.centralstation.verification.core.port.out.CallListDirectory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static com.centralstation.verification.adapters.persistence.SqlInstants.toSql;

/**
 * Call lists in {@code call_list} (one row per site) and {@code call_list_entry} (its contacts by
 * position, from 1). A replacement locks the site's {@code call_list} row first, so two at once
 * queue up and the later one wins whole, instead of colliding on the entries' keys.
 */
final class JdbcCallListDirectory implements CallListDirectory {

    private final JdbcClient jdbc;
    private final JdbcTemplate batch;
    private final TransactionTemplate atomic;
    private final TransactionTemplate underSavepoint;
    private final Clock clock;

    JdbcCallListDirectory(JdbcClient jdbc, JdbcTemplate batch, TransactionTemplate atomic, TransactionTemplate underSavepoint,
                          Clock clock) {
        this.jdbc = jdbc;
        this.batch = batch;
        this.atomic = atomic;
        this.underSavepoint = underSavepoint;
        this.clock = clock;
    }

    @Override
    public Optional<CallList> find(SiteRef site) {
        // One statement, so the list is read as one committed version even while it is being replaced.
        return jdbc.sql("""
                        SELECT e.contact_id, e.first_name, e.last_name, e.phone_number, e.email
                          FROM call_list l
                          LEFT JOIN call_list_entry e ON e.dealer_id = l.dealer_id AND e.site_id = l.site_id
                         WHERE l.dealer_id = ? AND l.site_id = ?
                         ORDER BY e.position
                        """)
                .params(site.dealerId(), site.siteId())
                .query((ResultSet rows) -> {
                    if (!rows.next()) {
                        return Optional.<CallList>empty();
                    }
                    List<Contact> contacts = new ArrayList<>();
                    do {
                        if (rows.getObject("contact_id") != null) {
                            contacts.add(new Contact(rows.getLong("contact_id"), rows.getString("first_name"),
                                    rows.getString("last_name"), rows.getString("phone_number"), rows.getString("email")));
                        }
                    } while (rows.next());
                    return Optional.of(new CallList(contacts));
                });
    }

    @Override
    public void replace(SiteRef site, CallList callList) {
        atomic.executeWithoutResult(status -> {
            lockList(site);
            jdbc.sql("DELETE FROM call_list_entry WHERE dealer_id = ? AND site_id = ?")
                    .params(site.dealerId(), site.siteId())
                    .update();
            List<Contact> contacts = callList.contacts();
            List<Object[]> rows = new ArrayList<>(contacts.size());
            for (int i = 0; i < contacts.size(); i++) {
                Contact contact = contacts.get(i);
                rows.add(new Object[] {site.dealerId(), site.siteId(), i + 1, contact.contactId(), contact.firstName(),
                        contact.lastName(), contact.phoneNumber(), contact.email()});
            }
            batch.batchUpdate("""
                    INSERT INTO call_list_entry (dealer_id, site_id, position, contact_id, first_name, last_name, phone_number, email)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                    """, rows);
        });
    }

    /** Takes the row lock on the site's list, creating the row the first time. */
    private void lockList(SiteRef site) {
        if (touchList(site)) {
            return;
        }
        try {
            underSavepoint.executeWithoutResult(status -> jdbc.sql(
                            "INSERT INTO call_list (dealer_id, site_id, replaced_at) VALUES (?, ?, ?)")
                    .params(site.dealerId(), site.siteId(), toSql(clock.instant()))
                    .update());
        } catch (DuplicateKeyException createdConcurrently) {
            if (!touchList(site)) {
                throw new IllegalStateException("call list of " + site + " vanished while being replaced", createdConcurrently);
            }
        }
    }

    private boolean touchList(SiteRef site) {
        return jdbc.sql("UPDATE call_list SET replaced_at = ? WHERE dealer_id = ? AND site_id = ?")
                .params(toSql(clock.instant()), site.dealerId(), site.siteId())
                .update() == 1;
    }
}
