package com.centralstation.verification.adapters.notification;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Every enabled channel has the settings it needs; settings of disabled channels may stay empty. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = EnabledChannelsConfiguredValidator.class)
@interface EnabledChannelsConfigured {

    String message() default "an enabled channel is missing a setting";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
