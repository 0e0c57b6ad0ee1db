package io.vestibule;

import java.util.List;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The layers of docs/architecture.md ("Layers"), read from the compiled main classes: every import runs from a
 * higher layer to a lower one, packages of one layer do not import each other, and a new top-level package fails
 * here until it is given its place in the picture.
 */
@AnalyzeClasses(packages = "io.vestibule", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
    /** Bottom to top; the packages of one row sit side by side and may not import each other. */
    static final List<List<String>> LAYERS = List.of(
            List.of("crypto"),
            List.of("platform"),
            List.of("rooms"),
            List.of("booking"),
            List.of("guard"),
            List.of("identity"),
            List.of("access"),
            List.of("media", "calendar"),
            List.of("cdr", "audit"),
            List.of("admin", "portal"));

    /** Where decisions are made: no HTTP resource, request or response type reaches them. */
    static final List<String> DOMAIN = List.of("crypto", "rooms", "booking", "guard", "identity", "access", "media", "calendar", "cdr", "audit");

    @ArchTest
    static final ArchRule importsRunDownTheLayers = layers();

    @ArchTest
    static final ArchRule everyPackageHasItsLayer = classes()
            .should().resideInAnyPackage(LAYERS.stream().flatMap(List::stream).map(ArchitectureTest::tree).toArray(String[]::new))
            .because("docs/architecture.md places every top-level package in a layer");

    @ArchTest
    static final ArchRule noTwoTopLevelPackagesImportEachOther = slices().matching("io.vestibule.(*)..")
            .should().beFreeOfCycles();

    @ArchTest
    static final ArchRule domainImportsNoJaxRs = noClasses()
            .that().resideInAnyPackage(DOMAIN.stream().map(ArchitectureTest::tree).toArray(String[]::new))
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.ws.rs..")
            .because("JAX-RS belongs to the resources of admin and portal and to platform's HTTP plumbing");

    @ArchTest
    static final ArchRule onlyNimbusPublicApi = noClasses()
            .should().dependOnClassesThat().resideInAnyPackage("com.nimbusds..impl..")
            .because("Nimbus JOSE+JWT's impl packages are internal and change without notice between its versions");

    private static LayeredArchitecture layers() {
        LayeredArchitecture architecture = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (List<String> row : LAYERS) {
            for (String layer : row) {
                architecture = architecture.layer(layer).definedBy(tree(layer));
            }
        }
        for (int rank = 0; rank < LAYERS.size(); rank++) {
            String[] above = LAYERS.subList(rank + 1, LAYERS.size()).stream().flatMap(List::stream).toArray(String[]::new);
            for (String layer : LAYERS.get(rank)) {
                architecture = above.length == 0
                        ? architecture.whereLayer(layer).mayNotBeAccessedByAnyLayer()
                        : architecture.whereLayer(layer).mayOnlyBeAccessedByLayers(above);
            }
        }
        return architecture;
    }

    private static String tree(String topLevelPackage) {
        return "io.vestibule." + topLevelPackage + "..";
    }
}
