package com.centralstation.verification.adapters.persistence;

import com.centralstation.verification.core.domain.CallList;
import com.centralstation.verification.core.domain.Contact;
import com.centralstation.verification.core.domain.SiteRef;
import com.centralstation.verification.core.port.out.CallListDirectory;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;

import java.util.ArrayList;
import java.util.List;

import static com.centralstation.verification.core.testing.TestVerifications.ANN;
import static com.centralstation.verification.core.testing.TestVerifications.BEN;
import static com.centralstation.verification.core.testing.TestVerifications.CHO;
import static com.centralstation.verification.core.testing.TestVerifications.SITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JdbcCallListDirectoryTest {

    @Nested
    class OnH2 extends Contract {
        OnH2() {
            super(Engine.H2);
        }
    }

    @Nested
    class OnPostgres extends Contract {
        OnPostgres() {
            super(Engine.POSTGRES);
        }
    }

    abstract static class Contract extends DatabaseContract {

        static final SiteRef OTHER_SITE = new SiteRef("12345", "2");

        Contract(Engine engine) {
            super(engine);
        }

        CallListDirectory directory() {
            return adapter(CallListDirectory.class);
        }

        @Test
        void knowsNoListForASiteNeverSet() {
            assertThat(directory().find(SITE)).isEmpty();
        }

        @Test
        void keepsTheStationsOrder() {
            CallList list = CallList.of(CHO, ANN, BEN);
            directory().replace(SITE, list);

            assertThat(directory().find(SITE)).contains(list);
            assertThat(directory().find(SITE).orElseThrow().contacts()).containsExactly(CHO, ANN, BEN);
        }

        @Test
        void replacesTheWholeListAndLeavesOtherSitesAlone() {
            directory().replace(SITE, CallList.of(ANN, BEN, CHO));
            directory().replace(OTHER_SITE, CallList.of(ANN));
            Contact benMoved = new Contact(BEN.contactId(), "Ben", "Ortiz", "+15550100999", null);

            directory().replace(SITE, CallList.of(benMoved, ANN));

            assertThat(directory().find(SITE)).contains(CallList.of(benMoved, ANN));
            assertThat(directory().find(OTHER_SITE)).contains(CallList.of(ANN));
        }

        @Test
        void tellsAListSetEmptyFromOneNeverSet() {
            directory().replace(SITE, CallList.of(ANN));
            directory().replace(SITE, CallList.empty());

            assertThat(directory().find(SITE)).contains(CallList.empty());
        }

        @Test
        void aFailedReplacementLeavesThePreviousListWhole() {
            directory().replace(SITE, CallList.of(ANN, BEN));
            Contact tooLong = new Contact(67899, "x".repeat(300), null, null, null);

            assertThatThrownBy(() -> directory().replace(SITE, CallList.of(CHO, tooLong)))
                    .isInstanceOf(DataIntegrityViolationException.class);
            assertThat(directory().find(SITE)).contains(CallList.of(ANN, BEN));
        }

        @Test
        void concurrentReplacementsQueueAndOneWinsWhole() throws InterruptedException {
            List<CallList> candidates = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                List<Contact> contacts = new ArrayList<>();
                for (int c = 0; c <= i; c++) {
                    contacts.add(new Contact(1000 + (c + i) % 7, "Contact", "No" + c, "+1555" + i + c, null));
                }
                candidates.add(new CallList(contacts));
            }

            List<Race.Result<Boolean>> results = Race.run(candidates.size(), i -> () -> {
                directory().replace(SITE, candidates.get(i));
                return true;
            });

            assertThat(results).noneMatch(Race.Result::failed);
            assertThat(candidates).contains(directory().find(SITE).orElseThrow());
        }
    }
}
