package com.centralstation.verification.app.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The service's own classes, without any test classes: in a full build the modules' test jars (core's in-memory
 * ports, persistence's TestPostgres) are on this classpath as jars, which
 * {@link ImportOption.Predefined#DO_NOT_INCLUDE_TESTS} does not recognise. Sibling modules arrive as jars too, so jars
 * are imported, only ours, by package.
 */
public final class ProductionClasses {

    public static final String ROOT = "com.centralstation.verification";

    private ProductionClasses() {
    }

    public static JavaClasses imported() {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages(ROOT);
    }
}
