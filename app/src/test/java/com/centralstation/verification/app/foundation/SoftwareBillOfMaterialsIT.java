package com.centralstation.verification.app.foundation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootVersion;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * The SBOM the build writes beside the jar (target/bom.json and bom.xml, CycloneDX) lists every library the packaged
 * jar carries and, besides them, only Spring Boot's starters (which carry no classes); it names the engine and the
 * Spring Boot release the build declares. After package, so it reads the jar and the SBOM of this very build (an
 * online one: the plugin skips itself offline).
 */
class SoftwareBillOfMaterialsIT {

    private static final String LIBRARIES = "BOOT-INF/lib/";
    /** Added to the jar by Spring Boot's repackaging (the jar's layer tools), not a dependency of the service. */
    private static final String BOOT_JAR_TOOLS = "spring-boot-jarmode-tools-";
    private static final String BOOT_STARTER = "spring-boot-starter";

    private static final Path JAR = Path.of(System.getProperty("service.jar", "target/app-0.1.0-SNAPSHOT.jar"));
    private static final Path SBOM = Path.of(System.getProperty("service.sbom", "target/bom.json"));

    private static JsonNode sbom;

    @BeforeAll
    static void readTheSbom() throws IOException {
        assumeFalse("offline=true".equals(System.getProperty("maven.build")), "the CycloneDX plugin writes no SBOM offline");
        assertThat(SBOM).as("the SBOM beside the jar (run the package phase first)").isRegularFile();
        sbom = new ObjectMapper().readTree(SBOM.toFile());
    }

    @Test
    void listsEveryLibraryOfTheJar() throws IOException {
        Set<String> inJar;
        try (JarFile jar = new JarFile(JAR.toFile())) {
            inJar = jar.stream().map(entry -> entry.getName())
                    .filter(name -> name.startsWith(LIBRARIES) && name.endsWith(".jar"))
                    .map(name -> name.substring(LIBRARIES.length()))
                    .filter(name -> !name.startsWith(BOOT_JAR_TOOLS))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
        Set<String> inSbom = new TreeSet<>();
        sbom.get("components").forEach(component -> inSbom.add(fileName(component)));
        Set<String> onlyInSbom = new TreeSet<>(inSbom);
        onlyInSbom.removeAll(inJar);

        assertThat(inJar).hasSizeGreaterThan(100);
        assertThat(inSbom).containsAll(inJar);
        // Spring Boot's starters are dependencies without classes, and its repackaging leaves them out of the jar.
        assertThat(onlyInSbom).allSatisfy(file -> assertThat(file).startsWith(BOOT_STARTER));
    }

    @Test
    void describesTheServiceItself() throws IOException {
        String jarVersion;
        try (JarFile jar = new JarFile(JAR.toFile())) {
            jarVersion = jar.getManifest().getMainAttributes().getValue("Implementation-Version");
        }
        JsonNode service = sbom.at("/metadata/component");

        assertThat(sbom.get("bomFormat").asText()).isEqualTo("CycloneDX");
        assertThat(service.get("type").asText()).isEqualTo("application");
        assertThat(service.get("name").asText()).isEqualTo("app");
        assertThat(service.get("version").asText()).isEqualTo(jarVersion);
    }

    @Test
    void namesTheEngineAndSpringBootAtTheDeclaredReleases() {
        assertThat(version("org.camunda.bpm", "camunda-engine")).isEqualTo(System.getProperty("declared.camunda.version"));
        assertThat(version("org.springframework.boot", "spring-boot")).isEqualTo(SpringBootVersion.getVersion());
    }

    @Test
    void theXmlSbomListsTheSameComponents() throws Exception {
        Path xml = SBOM.resolveSibling("bom.xml");
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document document = factory.newDocumentBuilder().parse(xml.toFile());

        assertThat(document.getDocumentElement().getLocalName()).isEqualTo("bom");
        // A component may list components of its own: count the children of the top-level list, as the JSON has them.
        assertThat(children(children(document.getDocumentElement(), "components").get(0), "component"))
                .hasSize(sbom.get("components").size());
    }

    private static List<Node> children(Node parent, String localName) {
        List<Node> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (localName.equals(nodes.item(i).getLocalName())) {
                found.add(nodes.item(i));
            }
        }
        return found;
    }

    private static String version(String group, String name) {
        for (JsonNode component : sbom.get("components")) {
            if (group.equals(component.path("group").asText()) && name.equals(component.path("name").asText())) {
                return component.get("version").asText();
            }
        }
        throw new AssertionError(group + ":" + name + " is not in " + SBOM);
    }

    /** The name Spring Boot gives a library in the jar: artifact-version[-classifier].jar (the classifier is in the purl). */
    private static String fileName(JsonNode component) {
        String purl = component.get("purl").asText();
        String classifier = "";
        int query = purl.indexOf('?');
        if (query >= 0) {
            for (String qualifier : purl.substring(query + 1).split("&")) {
                if (qualifier.startsWith("classifier=")) {
                    classifier = "-" + qualifier.substring("classifier=".length());
                }
            }
        }
        return component.get("name").asText() + "-" + component.get("version").asText() + classifier + ".jar";
    }
}
