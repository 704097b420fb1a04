package com.centralstation.verification.bench;

import com.centralstation.verification.workflow.ModelBeans;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BareEngineMainTest {

    @Test
    void theBareEngineResolvesEveryBeanTheModelNames() {
        // a bean the model names and the bare engine lacks fails every job that reaches it: the baseline never drains
        assertThat(BareEngineMain.noOpBeans("PT1M", "PT2M", "PT3M").keySet())
                .containsExactlyInAnyOrderElementsOf(ModelBeans.NAMES);
    }
}
