package com.centralstation.verification.adapters.notification;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.net.URI;

/** An absolute http(s) URL with a host; absent counts as wrong, since a channel cannot send without one. */
@Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.RECORD_COMPONENT, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Constraint(validatedBy = HttpUrl.Check.class)
public @interface HttpUrl {

    /** Name the property, so an operator reads exactly what to set. */
    String message();

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** Public, so any Bean Validation provider can make one. */
    class Check implements ConstraintValidator<HttpUrl, URI> {

        @Override
        public boolean isValid(URI value, ConstraintValidatorContext context) {
            return value != null && value.isAbsolute() && value.getHost() != null
                    && ("http".equals(value.getScheme()) || "https".equals(value.getScheme()));
        }
    }
}
