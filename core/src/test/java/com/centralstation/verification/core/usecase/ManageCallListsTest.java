package com.centralstation.verification.core.usecase;

import com.centralstation.verification.core.domain.CallList;
import com.centralstation.verification.core.domain.Contact;
import com.centralstation.verification.core.domain.SiteRef;
import com.centralstation.verification.core.port.out.ChektGatewayException;
import com.centralstation.verification.core.testing.InMemoryCallListDirectory;
import com.centralstation.verification.core.testing.RecordingChektGateway;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static com.centralstation.verification.core.testing.TestVerifications.ANN;
import static com.centralstation.verification.core.testing.TestVerifications.BEN;
import static com.centralstation.verification.core.testing.TestVerifications.CHO;
import static com.centralstation.verification.core.testing.TestVerifications.SITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A site's call list: read, replaced, and merged with the contacts CHeKT knows for the site. */
class ManageCallListsTest {

    private static final SiteRef OTHER_SITE = new SiteRef("12345", "2");

    private final InMemoryCallListDirectory callLists = new InMemoryCallListDirectory();
    private final List<SiteRef> askedChekt = new ArrayList<>();
    private List<Contact> chektKnows = List.of();
    private final ManageCallLists manage = new ManageCallLists(callLists, site -> {
        askedChekt.add(site);
        return chektKnows;
    });

    @Test
    void aSiteWithoutAStoredListHasAnEmptyOne() {
        assertThat(manage.callList(SITE).contacts()).isEmpty();
    }

    @Test
    void aReplacedListIsTheSitesListInItsNewOrderAndNoOtherSitesList() {
        manage.replace(SITE, CallList.of(ANN, BEN));

        CallList replaced = manage.replace(SITE, CallList.of(CHO, ANN));

        assertThat(replaced.contacts()).containsExactly(CHO, ANN);
        assertThat(manage.callList(SITE).contacts()).containsExactly(CHO, ANN);
        assertThat(manage.callList(OTHER_SITE).contacts()).isEmpty();
    }

    @Test
    void anImportKeepsKnownContactsInTheirPlaceWithChektsDetailsAndAppendsNewOnesInChektsOrder() {
        manage.replace(SITE, CallList.of(BEN, ANN));
        Contact annRenumbered = new Contact(ANN.contactId(), "Ann", "Lee", "+15550109999", "ann.lee@example.com");
        chektKnows = List.of(CHO, annRenumbered);

        CallList imported = manage.importFromChekt(SITE);

        assertThat(askedChekt).containsExactly(SITE);
        assertThat(imported.contacts()).containsExactly(BEN, annRenumbered, CHO);
        assertThat(manage.callList(SITE)).isEqualTo(imported);
    }

    @Test
    void anImportChektDoesNotAnswerLeavesTheStoredListAsItWas() {
        manage.replace(SITE, CallList.of(ANN));
        ManageCallLists withChektDown = new ManageCallLists(callLists, site -> {
            throw RecordingChektGateway.unavailable();
        });

        assertThatThrownBy(() -> withChektDown.importFromChekt(SITE)).isInstanceOf(ChektGatewayException.class);
        assertThat(manage.callList(SITE).contacts()).containsExactly(ANN);
    }
}
