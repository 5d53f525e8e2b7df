package ai.brevetti;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.EvaluationResult;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package structure guards itself (docs/architecture.md): the Maven modules' packages and what each may
 * use, the layers of the core, one deliberate package cycle, and {@code internal} kept off the public
 * API. The main classes of every module only (not the tests, nor the modules' test jars), read from the class
 * path of the app module's tests, which holds all modules.
 */
class ArchitectureTest {
    // ---- the modules, as package sets

    static final String[] CORE = {"ai.brevetti.platform..", "ai.brevetti.settings..", "ai.brevetti.io..", "ai.brevetti.data..",
            "ai.brevetti.interfaces..", "ai.brevetti.internal.."};
    static final String VEGA = "ai.brevetti.vega..";
    static final String TRAINING = "ai.brevetti.training..";
    static final String LOCALPLATFORM = "ai.brevetti.localplatform..";
    static final String KERNEL = "ai.brevetti.kernel..";
    static final String[] APP = {"ai.brevetti.cli..", "ai.brevetti.dsl..", "ai.brevetti.demo..", "ai.brevetti.bench.."};

    /** The one deliberate cycle: {@code Samples.split()} and {@code Samples.generator()}, the fluent chain's first steps. */
    static final Set<String> FLUENT_CHAIN_METHODS = Set.of("split", "generator");
    static final String SAMPLES = "ai.brevetti.data.samples.Samples";

    private static JavaClasses main;

    /** The Maven module of each package set (the folder and the artifact {@code brevettiai-<module>}). */
    static final Map<String, String[]> MODULES = new LinkedHashMap<>();

    static {
        MODULES.put("vega", new String[] {VEGA});
        MODULES.put("core", CORE);
        MODULES.put("training", new String[] {TRAINING});
        MODULES.put("localplatform", new String[] {LOCALPLATFORM});
        MODULES.put("kernel", new String[] {KERNEL});
        MODULES.put("app", APP);
    }

    /** Where a main class of a module comes from: its target/classes, its jar (the app's is brevettiai.jar), or the local repository's. */
    static final Pattern MODULE_LOCATION = Pattern.compile(
            "/(?<dir>vega|core|training|localplatform|kernel|app)/target/classes/|/brevettiai-(?<jar>[a-z]+)-[^/]*\\.jar!|/app/target/(?<app>brevettiai)\\.jar!");

    /** Test classes: the test-classes folders and the modules' test jars ({@code brevettiai-core-…-tests.jar}). */
    static final ImportOption NO_TESTS = location -> ImportOption.Predefined.DO_NOT_INCLUDE_TESTS.includes(location)
            && !location.matches(Pattern.compile(".*-tests\\.jar.*"));

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter().withImportOption(NO_TESTS).importPackages("ai.brevetti");
    }

    /** Whether a class lies in data.split or data.generator. */
    static boolean intoSplitOrGenerator(JavaClass target) {
        return target.getPackageName().matches("ai\\.brevetti\\.data\\.(split|generator)");
    }

    /** Whether a dependency comes from one of {@code methods} of Samples (their lambdas too). */
    static boolean fromSamplesMethods(Dependency d, Set<String> methods) {
        return d.getOriginClass().getName().equals(SAMPLES) && originMethod(d).map(methods::contains).orElse(false);
    }

    /** The name of the method a dependency comes from (a lambda counts as its enclosing method), from ArchUnit's description. */
    static Optional<String> originMethod(Dependency d) {
        String prefix = "<" + d.getOriginClass().getName() + ".";
        String description = d.getDescription();
        int at = description.indexOf(prefix);
        if (!(description.startsWith("Method ") || description.startsWith("Constructor ")) || at < 0) {
            return Optional.empty();
        }
        String member = description.substring(at + prefix.length(), description.indexOf('(', at));
        Matcher lambda = Pattern.compile("lambda\\$(\\w+)\\$\\d+").matcher(member);
        return Optional.of(lambda.matches() ? lambda.group(1) : member);
    }

    // ---- 1. modules

    /**
     * Each package lives in its module (Maven checks what a module may use, but not that a class of the
     * core's packages is not put into the app): every main class comes from the module its package set
     * names. Every class belongs to a module.
     */
    @Test
    void packagesLiveInTheirModules() {
        packagesInTheirModules().check(main);
    }

    /** The rule above is no formality: the app's tests of kernel classes are built in the app, not the kernel module. */
    @Test
    void thePackageRuleFindsAClassOutsideItsModule() {
        JavaClasses tests = new ClassFileImporter().withImportOption(ImportOption.Predefined.ONLY_INCLUDE_TESTS).importPackages("ai.brevetti.kernel");
        EvaluationResult result = packagesInTheirModules().evaluate(tests);
        List<String> details = result.getFailureReport().getDetails();
        assertTrue(details.stream().anyMatch(d -> d.startsWith("ai.brevetti.kernel.JupyterKernelTest is built in ")
                && d.contains("/app/target/test-classes/") && d.contains("its package belongs to module kernel")), String.join("\n", details));
        assertEquals(tests.size(), details.size(), String.join("\n", details));
    }

    static ArchRule packagesInTheirModules() {
        return classes().should(new ArchCondition<>("come from the module their package belongs to") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                String expected = MODULES.entrySet().stream()
                        .filter(m -> Stream.of(m.getValue()).anyMatch(p -> c.getPackageName().matches(packagePattern(p))))
                        .map(Map.Entry::getKey).findFirst().orElse(null);
                Optional<String> actual = moduleOf(c);
                if (expected == null || !actual.equals(Optional.of(expected))) {
                    String where = actual.map(m -> "module " + m).orElse(c.getSource().map(s -> s.getUri().toString()).orElse("an unknown place"));
                    events.add(SimpleConditionEvent.violated(c, c.getName() + " is built in " + where + ", its package belongs to "
                            + (expected == null ? "no module" : "module " + expected)));
                }
            }
        });
    }

    /** The module a class was read from, by its location. */
    static Optional<String> moduleOf(JavaClass c) {
        return c.getSource().map(s -> MODULE_LOCATION.matcher(s.getUri().toString())).filter(Matcher::find)
                .map(m -> m.group("dir") != null ? m.group("dir") : m.group("jar") != null ? m.group("jar") : "app");
    }

    /** An ArchUnit package identifier ({@code ai.brevetti.data..}) as a regular expression of package names. */
    static String packagePattern(String identifier) {
        return identifier.endsWith("..") ? Pattern.quote(identifier.substring(0, identifier.length() - 2)) + "(\\..*)?"
                : Pattern.quote(identifier);
    }

    /**
     * core uses none of the other modules; training uses the core; the local platform and the kernel use the
     * core and the Vega builds (the kernel shows images and charts, it needs neither training nor the
     * server); the app uses everything. Every class belongs to a module. (Maven's module dependencies
     * enforce this too; the rule names the module structure in one place.)
     */
    @Test
    void modulesDependOnlyDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInAnyPackage("ai.brevetti..")
                .layer("vega").definedBy(VEGA)
                .layer("core").definedBy(CORE)
                .layer("training").definedBy(TRAINING)
                .layer("localplatform").definedBy(LOCALPLATFORM)
                .layer("kernel").definedBy(KERNEL)
                .layer("app").definedBy(APP)
                .whereLayer("vega").mayNotAccessAnyLayer()
                .whereLayer("core").mayNotAccessAnyLayer()
                .whereLayer("training").mayOnlyAccessLayers("core")
                .whereLayer("localplatform").mayOnlyAccessLayers("core", "vega")
                .whereLayer("kernel").mayOnlyAccessLayers("core", "vega")
                .whereLayer("app").mayNotBeAccessedByAnyLayer()
                .ensureAllClassesAreContainedInArchitecture()
                .because("the core is a lean library for Java projects: no server, no kernel, no TensorFlow (docs/architecture.md)")
                .check(main);
    }

    /** The core's libraries are those of a library: no web server, S3 server, Jupyter, charts widget, TensorFlow or DJL. */
    @Test
    void coreUsesNoServerKernelOrTrainingLibraries() {
        noClasses().that().resideInAnyPackage(CORE)
                .should().dependOnClassesThat().resideInAnyPackage("io.javalin..", "org.eclipse.jetty..", "jakarta.servlet..",
                        "org.gaul..", "org.jclouds..", "org.dflib.jjava..", "org.knowm.xchart..", "org.tensorflow..", "ai.djl..")
                .check(main);
    }

    // ---- 2. cycles

    /** No package cycles anywhere, but for the fluent chain (Samples.split()/generator() and back). */
    @Test
    void noPackageCyclesButTheFluentChain() {
        slices().matching("ai.brevetti.(**)").should().beFreeOfCycles()
                .ignoreDependency(describe("Samples", (JavaClass c) -> c.getName().equals(SAMPLES)),
                        describe("data.split / data.generator", ArchitectureTest::intoSplitOrGenerator))
                .check(main);
    }

    /** The fluent chain's edges come from Samples.split()/generator() alone (nothing else of data.samples knows data.split or data.generator). */
    @Test
    void theFluentChainIsTheOnlyWayFromSamplesToSplitAndGenerator() {
        fluentChainOnly(FLUENT_CHAIN_METHODS).check(main);
    }

    /** The rule above is no formality: allowing split() alone, generator()'s edges are violations. */
    @Test
    void theFluentChainRuleNamesEachMethod() {
        EvaluationResult result = fluentChainOnly(Set.of("split")).evaluate(main);
        assertTrue(result.hasViolation());
        assertTrue(result.getFailureReport().getDetails().stream().allMatch(d -> d.contains("Samples.generator(")),
                () -> String.join("\n", result.getFailureReport().getDetails()));
    }

    static ArchRule fluentChainOnly(Set<String> methods) {
        return noClasses().that().resideInAPackage("ai.brevetti.data.samples").should(new ArchCondition<>(
                "depend on data.split or data.generator other than from Samples." + methods) {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                for (Dependency d : c.getDirectDependenciesFromSelf()) {
                    if (intoSplitOrGenerator(d.getTargetClass())) {
                        events.add(new SimpleConditionEvent(d, !fromSamplesMethods(d, methods), d.getDescription()));
                    }
                }
            }
        });
    }

    // ---- 3. the core's layers

    /**
     * Each core package uses only those below it: internal, then io and settings, the data chain (samples,
     * then split and generator, then image, then augmentation and annotation), the monitor and charts, the platform (jobs,
     * datasets), and on top pivot, archive and facets.
     */
    @Test
    void corePackagesUseOnlyTheLayersBelow() {
        layeredArchitecture().consideringOnlyDependenciesInAnyPackage("ai.brevetti..")
                .layer("internal").definedBy("ai.brevetti.internal..")
                .layer("io").definedBy("ai.brevetti.io..")
                .layer("settings").definedBy("ai.brevetti.settings..")
                .layer("samples").definedBy("ai.brevetti.data.samples..")
                .layer("split").definedBy("ai.brevetti.data.split..")
                .layer("generator").definedBy("ai.brevetti.data.generator..")
                .layer("image").definedBy("ai.brevetti.data.image")
                .layer("augmentation").definedBy("ai.brevetti.data.image.augmentation..")
                .layer("annotation").definedBy("ai.brevetti.data.annotation..")
                .layer("monitor").definedBy("ai.brevetti.interfaces.monitor..")
                .layer("charts").definedBy("ai.brevetti.interfaces.charts..")
                .layer("platform").definedBy("ai.brevetti.platform..")
                .layer("pivot").definedBy("ai.brevetti.interfaces.pivot..")
                .layer("archive").definedBy("ai.brevetti.interfaces.archive..")
                .layer("facets").definedBy("ai.brevetti.interfaces.facets..")
                .optionalLayer("rest").definedBy(Stream.concat(Stream.of(VEGA, TRAINING, LOCALPLATFORM, KERNEL), Stream.of(APP)).toArray(String[]::new))
                .whereLayer("internal").mayNotAccessAnyLayer()
                .whereLayer("io").mayOnlyAccessLayers("internal")
                .whereLayer("settings").mayOnlyAccessLayers("internal")
                .whereLayer("samples").mayOnlyAccessLayers("io", "internal")
                .whereLayer("split").mayOnlyAccessLayers("samples", "io", "internal")
                .whereLayer("generator").mayOnlyAccessLayers("samples", "io", "internal")
                .whereLayer("image").mayOnlyAccessLayers("generator", "samples", "io", "internal")
                .whereLayer("augmentation").mayOnlyAccessLayers("image", "generator", "internal")
                .whereLayer("annotation").mayOnlyAccessLayers("image", "generator", "samples", "io", "internal")
                .whereLayer("monitor").mayOnlyAccessLayers("io", "internal")
                .whereLayer("charts").mayOnlyAccessLayers("monitor", "samples", "internal")
                .whereLayer("platform").mayOnlyAccessLayers("settings", "samples", "monitor", "charts", "io", "internal")
                .whereLayer("pivot").mayOnlyAccessLayers("platform", "samples", "io", "internal")
                .whereLayer("archive").mayOnlyAccessLayers("platform", "io", "internal")
                .whereLayer("facets").mayOnlyAccessLayers("image", "generator", "samples", "io", "internal")
                .ignoreDependency(describe("Samples", (JavaClass c) -> c.getName().equals(SAMPLES)),
                        describe("data.split / data.generator", ArchitectureTest::intoSplitOrGenerator))
                .check(main);
    }

    // ---- 4. internal

    /**
     * No public API outside {@code internal} shows an internal type: public classes' public and protected
     * methods, constructors and fields take, return and hold public-package types only (users never have
     * to import {@code internal}). A provider of an internal service (the kernel's {@code NotebookOutput})
     * is public for {@link java.util.ServiceLoader}'s sake only and is not API.
     */
    @Test
    void publicApiExposesNoInternalTypes() {
        publicApiWithoutInternalTypes().check(main);
    }

    /** The rule above is no formality: a public method that returns an internal type is a violation. */
    @Test
    void thePublicApiRuleFindsAnInternalType() {
        JavaClasses leaky = new ClassFileImporter().importClasses(LeakyApi.class);
        EvaluationResult result = publicApiWithoutInternalTypes().evaluate(leaky);
        assertEquals(List.of(LeakyApi.class.getName() + ".json() exposes ai.brevetti.internal.Json"), result.getFailureReport().getDetails()
                .stream().map(d -> d.replaceAll(" in \\(.*\\)$", "")).toList());
    }

    /** A public class whose public method shows an internal type (the fixture of the test above). */
    public static final class LeakyApi {
        public ai.brevetti.internal.Json json() {
            return null;
        }

        ai.brevetti.internal.Json packagePrivateIsFine() {
            return null;
        }
    }

    static ArchRule publicApiWithoutInternalTypes() {
        return classes().that().resideOutsideOfPackage("..internal..").and().arePublic().should(exposeNoInternalTypes());
    }

    // ---- 5. what JShell users see

    /**
     * startup.jsh imports every package of the core (but internal), training and the demo, and no internal
     * package: users find what they call, and never an implementation detail.
     */
    @Test
    void startupImportsTheUsersPackagesAndNoInternalOne() throws IOException {
        List<String> imports = Files.readAllLines(Path.of(System.getProperty("brevettiai.root", ".")).resolve("startup.jsh")).stream().filter(l -> l.startsWith("import "))
                .map(String::strip).toList();
        assertEquals(List.of(), imports.stream().filter(l -> l.matches("import (static )?ai\\.brevetti\\.(.*\\.)?internal\\b.*")).toList());
        Set<String> packages = new TreeSet<>();
        main.that(DescribedPredicate.describe("public", (JavaClass c) -> c.getModifiers().contains(JavaModifier.PUBLIC)
                && c.getPackageName().matches("ai\\.brevetti\\.(platform|settings|io|data|interfaces|training|demo)(\\..*)?")
                && !c.getPackageName().contains("internal"))).forEach(c -> packages.add(c.getPackageName()));
        assertEquals(List.of(), packages.stream().filter(p -> !imports.contains("import " + p + ".*;")).toList(), "not imported by startup.jsh");
    }

    // ---- conditions

    private static ArchCondition<JavaClass> exposeNoInternalTypes() {
        return new ArchCondition<>("expose no internal types in public signatures") {
            @Override
            public void check(JavaClass c, ConditionEvents events) {
                if (c.getRawInterfaces().stream().anyMatch(ArchitectureTest::internal)) {
                    return;
                }
                for (JavaCodeUnit unit : c.getCodeUnits()) {
                    if (!visible(unit.getModifiers())) {
                        continue;
                    }
                    Stream.concat(Stream.of(unit.getRawReturnType()), unit.getRawParameterTypes().stream())
                            .filter(ArchitectureTest::internal)
                            .forEach(t -> events.add(SimpleConditionEvent.violated(unit, unit.getFullName() + " exposes " + t.getName())));
                }
                for (JavaField field : c.getFields()) {
                    if (visible(field.getModifiers()) && internal(field.getRawType())) {
                        events.add(SimpleConditionEvent.violated(field, field.getFullName() + " exposes " + field.getRawType().getName()));
                    }
                }
                c.getRawSuperclass().filter(ArchitectureTest::internal).ifPresent(s ->
                        events.add(SimpleConditionEvent.violated(c, c.getName() + " extends " + s.getName())));
            }
        };
    }

    private static boolean visible(Set<JavaModifier> modifiers) {
        return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
    }

    private static boolean internal(JavaClass type) {
        JavaClass t = type.isArray() ? type.getBaseComponentType() : type;
        return t.getPackageName().startsWith("ai.brevetti.") && t.getPackageName().contains(".internal");
    }
}
