package org.certdesk.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaMember;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

/**
 * Reads the compiled classes (the bot uses them on the class path, where module-info.java does not
 * hold) and checks the boundary: only {@code org.certdesk.analyzer} is API, and what it exposes speaks
 * only the JDK's types and its own; the feature packages are internal, public only where another
 * package of the analyzer needs them; the command line is the one other entry.
 */
class ApiBoundaryTests {
    private static final String ROOT = "org.certdesk.analyzer";
    private static final Path CLASSES = classesDirectory();
    private static final JavaClasses ANALYZER = new ClassFileImporter().importPath(CLASSES);

    @Test
    void theModuleExportsOnlyTheRootPackage() throws Exception {
        ModuleDescriptor module;
        try (InputStream in = Files.newInputStream(CLASSES.resolve("module-info.class"))) {
            module = ModuleDescriptor.read(in);
        }

        assertThat(module.exports()).extracting(ModuleDescriptor.Exports::source).containsExactly(ROOT);
        assertThat(module.exports()).allSatisfy(export -> assertThat(export.isQualified()).isFalse());
        assertThat(module.opens()).singleElement().satisfies(opens -> {
            assertThat(opens.source()).isEqualTo(ROOT + ".cli");
            assertThat(opens.targets()).containsExactly("info.picocli");
        });
    }

    @Test
    void thePublicApiUsesNoTypeOfTheInternalPackages() {
        List<String> leaks = new ArrayList<>();
        for (JavaClass type : api()) {
            Stream.concat(type.getRawSuperclass().stream(), type.getRawInterfaces().stream())
                    .filter(ApiBoundaryTests::foreign)
                    .forEach(used -> leaks.add(type.getName() + " extends " + used.getName()));
            for (JavaMember member : type.getMembers()) {
                if (!visible(member.getModifiers())) {
                    continue;
                }
                for (JavaClass used : involvedTypes(member)) {
                    if (foreign(used)) {
                        leaks.add(member.getFullName() + " uses " + used.getName());
                    }
                }
            }
        }

        assertThat(api()).extracting(JavaClass::getSimpleName).contains("CertAnalyzer", "HostReport", "CertificateFacts");
        assertThat(leaks).as("types outside the API (JDK and %s only) in public signatures", ROOT).isEmpty();
    }

    @Test
    void theCommandLineIsTheOnlyOtherEntry() {
        Set<String> mains = new TreeSet<>();
        for (JavaClass type : ANALYZER) {
            boolean hasMain = type.getMethods().stream().anyMatch(method -> method.getName().equals("main")
                    && method.getModifiers().containsAll(Set.of(JavaModifier.PUBLIC, JavaModifier.STATIC))
                    && method.getRawParameterTypes().size() == 1
                    && method.getRawParameterTypes().get(0).getName().equals(String[].class.getName()));
            if (hasMain && !type.getPackageName().equals(ROOT)) {
                mains.add(type.getName());
            }
        }

        assertThat(mains).containsExactly(ROOT + ".cli.AnalyzerCommand");
    }

    @Test
    void internalTypesArePublicOnlyWhenAnotherPackageNeedsThem() {
        List<String> needlesslyPublic = new ArrayList<>();
        for (JavaClass type : ANALYZER) {
            boolean internal = type.getPackageName().startsWith(ROOT + ".");
            if (!internal || type.isNestedClass() || !type.getModifiers().contains(JavaModifier.PUBLIC)
                    || type.getName().equals(ROOT + ".cli.AnalyzerCommand")) {
                continue;
            }
            boolean usedElsewhere = type.getDirectDependenciesToSelf().stream()
                    .anyMatch(dependency -> !dependency.getOriginClass().getPackageName().equals(type.getPackageName()));
            if (!usedElsewhere) {
                needlesslyPublic.add(type.getName());
            }
        }

        assertThat(needlesslyPublic).as("public types no other package uses: make them package-private").isEmpty();
    }

    /** The public types of the root package, nested ones included when reachable (public in public). */
    private static List<JavaClass> api() {
        return ANALYZER.stream()
                .filter(type -> type.getPackageName().equals(ROOT))
                .filter(type -> type.getModifiers().contains(JavaModifier.PUBLIC))
                .filter(type -> type.getEnclosingClass().map(outer -> outer.getModifiers().contains(JavaModifier.PUBLIC)).orElse(true))
                .toList();
    }

    private static boolean visible(Set<JavaModifier> modifiers) {
        return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
    }

    /** Every type a member's signature names, generic arguments included. */
    private static Set<JavaClass> involvedTypes(JavaMember member) {
        Set<JavaClass> types = new java.util.HashSet<>();
        if (member instanceof JavaField field) {
            types.addAll(field.getType().getAllInvolvedRawTypes());
        } else if (member instanceof JavaCodeUnit code) {
            types.addAll(code.getReturnType().getAllInvolvedRawTypes());
            for (JavaType parameter : code.getParameterTypes()) {
                types.addAll(parameter.getAllInvolvedRawTypes());
            }
            for (JavaType thrown : code.getThrowsClause().getTypes()) {
                types.addAll(thrown.getAllInvolvedRawTypes());
            }
        }
        return types;
    }

    /** Outside what callers may see: neither the JDK nor the root package. */
    private static boolean foreign(JavaClass type) {
        JavaClass base = type.isArray() ? type.getBaseComponentType() : type;
        String name = base.getPackageName();
        return !(base.isPrimitive() || name.equals(ROOT) || name.startsWith("java.") || name.startsWith("javax."));
    }

    private static Path classesDirectory() {
        try {
            return Path.of(CertAnalyzer.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
