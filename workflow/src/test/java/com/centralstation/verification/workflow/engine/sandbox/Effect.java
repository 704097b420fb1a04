package com.centralstation.verification.workflow.engine.sandbox;

import org.camunda.bpm.engine.ProcessEngine;

/** What an escape would do if it got through, how to see it, and how to undo it between attempts. */
enum Effect {

    /** An analyst makes a user of their choosing a Camunda administrator. */
    CAMUNDA_ADMIN {
        @Override
        boolean happened(ProcessEngine engine) {
            return engine.getIdentityService().createUserQuery().userId("mallory").memberOfGroup("camunda-admin").count() > 0;
        }

        @Override
        void undo(ProcessEngine engine) {
            engine.getIdentityService().deleteMembership("mallory", "camunda-admin");
        }
    },
    /** Java reflection reached: a system property of the service's JVM changed. */
    SYSTEM_PROPERTY {
        @Override
        boolean happened(ProcessEngine engine) {
            return "yes".equals(System.getProperty("sandbox.escaped"));
        }

        @Override
        void undo(ProcessEngine engine) {
            System.clearProperty("sandbox.escaped");
        }
    },
    /** A class or bean the models were not given ran. */
    PROBE_RAN {
        @Override
        boolean happened(ProcessEngine engine) {
            return EscapeProbe.RAN.get();
        }

        @Override
        void undo(ProcessEngine engine) {
            EscapeProbe.RAN.set(false);
        }
    };

    abstract boolean happened(ProcessEngine engine);

    abstract void undo(ProcessEngine engine);
}
