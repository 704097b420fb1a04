package com.centralstation.verification.app.docs;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The service's own classes, without any test classes: in a full build the modules' test jars (core's in-memory
 * ports) are on this classpath as jars, which {@link ImportOption.Predefined#DO_NOT_INCLUDE_TESTS} does not recognise.
 */
final class ProductionClasses {

    static final String ROOT = "com.centralstation.verification";

    private ProductionClasses() {
    }

    static JavaClasses imported() {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages(ROOT);
    }
}
