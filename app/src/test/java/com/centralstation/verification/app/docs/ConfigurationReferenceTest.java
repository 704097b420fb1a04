package com.centralstation.verification.app.docs;

import com.centralstation.verification.app.testing.ProductionClasses;
import com.tngtech.archunit.core.domain.JavaClass;
import org.junit.jupiter.api.Test;
import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;

import java.beans.PropertyDescriptor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/configuration.md names every property the service's own {@code @ConfigurationProperties} bind, found by
 * walking each of them (nested records included): a setting added in code and not in the reference fails here.
 * A map or list is one property; the reference may show it with an index or a key ({@code name[key]}).
 * Camunda's and Spring's own properties are the reference's choice and not checked.
 */
class ConfigurationReferenceTest {

    private static final String ROOT = ProductionClasses.ROOT;

    @Test
    void everyPropertyTheCodeBindsIsInTheReference() {
        Set<String> documented = documented(RepositoryDocs.read("configuration.md"));
        List<String> bound = bound();

        assertThat(bound).as("properties bound by the code").isNotEmpty()
                .contains("verification.notification.channels", "chekt.webhook-secret", "verification.notification.sms.from");
        assertThat(bound).allSatisfy(property -> assertThat(documented)
                .as("docs/configuration.md names %s", property)
                .anyMatch(name -> name.equals(property) || name.startsWith(property + "[")));
    }

    @Test
    void theShorthandOfTheReferenceIsReadAsAnOperatorReadsIt() {
        assertThat(documented("| `verification.notification.sms.account-sid` / `.auth-token` / `.from` | none |"))
                .containsExactlyInAnyOrder("verification.notification.sms.account-sid",
                        "verification.notification.sms.auth-token", "verification.notification.sms.from");
    }

    /** Every {@code @ConfigurationProperties} type of the service, walked into the property names it binds. */
    private static List<String> bound() {
        List<String> properties = new ArrayList<>();
        ProductionClasses.imported().stream().filter(c -> c.isAnnotatedWith(ConfigurationProperties.class)).map(JavaClass::reflect)
                .forEach(type -> {
                    ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
                    String prefix = annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
                    walk(prefix, type, properties);
                });
        return properties;
    }

    private static void walk(String prefix, Class<?> type, List<String> properties) {
        if (type.isRecord()) {
            for (RecordComponent component : type.getRecordComponents()) {
                property(prefix, component.getName(), component.getType(), properties);
            }
            return;
        }
        for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(type)) {
            if (descriptor.getWriteMethod() != null) {
                property(prefix, descriptor.getName(), descriptor.getPropertyType(), properties);
            }
        }
    }

    /** A nested type of ours is a group of properties; anything else (a value, a list, a map) is one property. */
    private static void property(String prefix, String javaName, Class<?> type, List<String> properties) {
        String name = prefix + "." + DataObjectPropertyName.toDashedForm(javaName);
        if (type.getName().startsWith(ROOT + ".") && !type.isEnum()) {
            walk(name, type, properties);
        } else {
            properties.add(name);
        }
    }

    /**
     * The property names the reference shows in backticks. A cell lists related ones as
     * {@code `a.b.c` / `.d`}: a name starting with a dot replaces the last part of the name before it.
     */
    private static Set<String> documented(String reference) {
        Set<String> names = new TreeSet<>();
        reference.lines().forEach(line -> {
            String previous = null;
            for (String code : RepositoryDocs.code(line)) {
                if (code.startsWith(".") && previous != null) {
                    String name = previous.substring(0, previous.lastIndexOf('.')) + code;
                    names.add(name);
                } else if (code.matches("[a-z][a-z0-9-]*(\\.[a-z0-9\\[][^ ]*)+")) {
                    names.add(code);
                    previous = code;
                }
            }
        });
        return names;
    }
}
