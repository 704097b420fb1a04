package com.centralstation.verification.workflow.delegate;

import com.centralstation.verification.core.usecase.NotifyNextContact;
import com.centralstation.verification.workflow.ProcessVariables;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/**
 * "Notify first contact" and "Notify next contact": calls the next contact on the call list. A
 * channel failure that may pass propagates, so the engine retries the job on the model's cycle.
 */
public final class NotifyContactDelegate implements JavaDelegate {

    public static final String BEAN_NAME = "notifyContactDelegate";

    private final NotifyNextContact notifyNextContact;

    public NotifyContactDelegate(NotifyNextContact notifyNextContact) {
        this.notifyNextContact = notifyNextContact;
    }

    @Override
    public void execute(DelegateExecution execution) {
        NotifyNextContact.Outcome outcome = notifyNextContact.notifyNext(
                ProcessVariables.verificationId(execution.getProcessBusinessKey()));
        execution.setVariable(ProcessVariables.CONTACTS_NOTIFIED, outcome.contactsNotified());
        execution.setVariable(ProcessVariables.CONTACTS_LEFT, outcome.contactsLeft());
        outcome.contact().ifPresent(contact ->
                execution.setVariable(ProcessVariables.LAST_NOTIFIED_CONTACT_ID, contact.contactId()));
    }
}
