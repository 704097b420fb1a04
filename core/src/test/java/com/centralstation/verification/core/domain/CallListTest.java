package com.centralstation.verification.core.domain;

import org.junit.jupiter.api.Test;

import java.util.List;

import static com.centralstation.verification.core.testing.TestVerifications.ANN;
import static com.centralstation.verification.core.testing.TestVerifications.BEN;
import static com.centralstation.verification.core.testing.TestVerifications.CHO;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallListTest {

    @Test
    void walksContactsInOrderAndCountsWhoIsLeft() {
        CallList list = CallList.of(ANN, BEN, CHO);

        assertThat(list.next(0)).contains(ANN);
        assertThat(list.next(2)).contains(CHO);
        assertThat(list.next(3)).isEmpty();
        assertThat(list.remainingAfter(1)).isEqualTo(2);
        assertThat(list.remainingAfter(5)).isZero();
    }

    @Test
    void refusesTheSameContactTwice() {
        assertThatThrownBy(() -> CallList.of(ANN, BEN, ANN))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("67890");
    }

    @Test
    void importKeepsTheStationsOrderUpdatesDetailsAndAppendsNewContacts() {
        CallList station = CallList.of(BEN, ANN);
        Contact annWithNewPhone = new Contact(ANN.contactId(), "Ann", "Lee", "+15550199999", null);

        CallList merged = station.mergedWith(List.of(CHO, annWithNewPhone));

        assertThat(merged.contacts()).extracting(Contact::contactId)
                .containsExactly(BEN.contactId(), ANN.contactId(), CHO.contactId());
        assertThat(merged.find(ANN.contactId())).map(Contact::phoneNumber).contains("+15550199999");
    }

    @Test
    void findsContactsById() {
        CallList list = CallList.of(ANN, BEN);

        assertThat(list.contains(BEN.contactId())).isTrue();
        assertThat(list.contains(CHO.contactId())).isFalse();
    }
}
