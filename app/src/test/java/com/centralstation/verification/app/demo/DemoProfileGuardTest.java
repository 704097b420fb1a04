package com.centralstation.verification.app.demo;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/** The sandbox's beans refuse to exist outside the demo profile, however they got registered. */
class DemoProfileGuardTest {

    @Test
    void theGuardPassesOnlyWithTheDemoProfile() {
        MockEnvironment production = new MockEnvironment();
        production.setActiveProfiles("postgres");
        assertThatIllegalStateException().isThrownBy(() -> DemoProfile.require(production, ChektSandboxController.class))
                .withMessageContaining("ChektSandboxController belongs to the demo profile").withMessageContaining("postgres");

        MockEnvironment demo = new MockEnvironment();
        demo.setActiveProfiles("demo");
        assertThatNoException().isThrownBy(() -> DemoProfile.require(demo, ChektSandboxController.class));
    }

    @Test
    void theProfileConditionKeepsTheDemoConfigurationOut() {
        new ApplicationContextRunner().withUserConfiguration(DemoConfiguration.class)
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(DemoConfiguration.class));
    }

    @Test
    void aDemoConfigurationRegisteredAroundTheProfileConditionStopsStartUp() {
        // A plain bean definition skips @Profile, as a stray registration or a lost annotation would.
        new ApplicationContextRunner()
                .withInitializer(context -> ((org.springframework.beans.factory.support.BeanDefinitionRegistry) context.getBeanFactory())
                        .registerBeanDefinition("strayDemo", new RootBeanDefinition(DemoConfiguration.class)))
                .run(context -> assertThat(context).hasFailed().getFailure()
                        .rootCause().hasMessageContaining("DemoConfiguration belongs to the demo profile"));
    }
}
