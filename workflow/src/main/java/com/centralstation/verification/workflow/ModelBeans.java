package com.centralstation.verification.workflow;

import com.centralstation.verification.workflow.delegate.AcceptDecisionDelegate;
import com.centralstation.verification.workflow.delegate.AgencyCallListener;
import com.centralstation.verification.workflow.delegate.CloseUnverifiedDelegate;
import com.centralstation.verification.workflow.delegate.NotifyContactDelegate;
import com.centralstation.verification.workflow.delegate.OperatorReviewListener;
import com.centralstation.verification.workflow.delegate.RecordEscalationDelegate;
import com.centralstation.verification.workflow.delegate.SubmitDecisionDelegate;

import java.util.Set;

/**
 * The only Spring beans a model's expressions can reach ({@code ${notifyContactDelegate}},
 * {@code ${escalationTimers.first}}). Anyone allowed to deploy a model (an analyst, through
 * {@code /engine-rest} as Camunda Modeler does) could otherwise name any bean of the service in an
 * expression, {@code ${environment.getProperty('chekt.client-secret')}} among them.
 *
 * <p><b>To give the models a new delegate or listener</b>: define its bean in {@link WorkflowConfiguration}
 * under a {@code BEAN_NAME} constant and add that name here. Nothing else: the engine resolves exactly these
 * names ({@code engine.sandbox.ListedBeans}, {@code engine.sandbox.ModelSandbox}) and the deployment guard accepts a
 * {@code delegateExpression} only when it names one of them ({@code engine.sandbox.DeploymentGuard}).
 */
public final class ModelBeans {

    public static final Set<String> NAMES = Set.of(
            EscalationTimers.BEAN_NAME,
            SubmissionRetries.BEAN_NAME,
            NotifyContactDelegate.BEAN_NAME,
            RecordEscalationDelegate.BEAN_NAME,
            AcceptDecisionDelegate.BEAN_NAME,
            SubmitDecisionDelegate.BEAN_NAME,
            CloseUnverifiedDelegate.BEAN_NAME,
            OperatorReviewListener.BEAN_NAME,
            AgencyCallListener.BEAN_NAME);

    private ModelBeans() {
    }
}
