package com.centralstation.verification.app.docs;

import com.centralstation.verification.app.testing.ProductionClasses;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/architecture.md's table of modules and packages says what the code is: a row for every package that holds
 * classes and no row for one that does not, the use cases and the ports listed exactly, and no class named that
 * does not exist. A new use case, port or package fails here until the table has it.
 */
class ArchitectureDocumentTest {

    private static final String ROOT = ProductionClasses.ROOT;
    private static final String TABLE_HEADER = "| module | package | what is inside |";

    private static JavaClasses production;
    /** Package (relative to the root) to what the table says is inside it. */
    private static Map<String, String> rows;

    @BeforeAll
    static void readTheCodeAndTheTable() {
        production = ProductionClasses.imported();
        rows = new LinkedHashMap<>();
        List<String> lines = RepositoryDocs.read("architecture.md").lines().toList();
        int header = lines.indexOf(TABLE_HEADER);
        assertThat(header).as("docs/architecture.md has the table %s", TABLE_HEADER).isNotNegative();
        for (String line : lines.subList(header + 2, lines.size())) {
            if (!line.startsWith("|")) {
                break;
            }
            String[] cells = line.split("\\|", -1);
            List<String> packageCell = RepositoryDocs.code(cells[2]);
            assertThat(packageCell).as("one package in: %s", line).hasSize(1);
            rows.put(packageCell.get(0), cells[3]);
        }
    }

    @Test
    void everyPackageThatHoldsClassesHasItsRowAndEveryRowItsPackage() {
        Set<String> packages = production.stream().map(JavaClass::getPackageName)
                .filter(name -> name.startsWith(ROOT + "."))
                .map(name -> name.substring(ROOT.length() + 1))
                .collect(Collectors.toCollection(TreeSet::new));

        assertThat(new TreeSet<>(rows.keySet())).isEqualTo(packages);
    }

    @Test
    void theUseCasesAreListedExactly() {
        assertThat(namedIn("core.usecase")).isEqualTo(topLevelClassesOf("core.usecase"));
    }

    @Test
    void thePortsAndTheirExceptionsAreListedExactly() {
        assertThat(namedIn("core.port.out")).isEqualTo(topLevelClassesOf("core.port.out"));
    }

    @Test
    void everyClassTheTableNamesExists() {
        Set<String> classes = production.stream().filter(JavaClass::isTopLevelClass).map(JavaClass::getSimpleName)
                .collect(Collectors.toSet());

        rows.keySet().forEach(row -> assertThat(classes).as("classes named in the row of %s", row).containsAll(namedIn(row)));
    }

    /** The class names (backticked, upper camel case) in a row's description. */
    private static Set<String> namedIn(String row) {
        return RepositoryDocs.code(rows.getOrDefault(row, "")).stream().filter(name -> name.matches("[A-Z][A-Za-z0-9]*"))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> topLevelClassesOf(String relativePackage) {
        return production.stream().filter(JavaClass::isTopLevelClass)
                .filter(c -> c.getPackageName().equals(ROOT + "." + relativePackage)).map(JavaClass::getSimpleName)
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
