package org.certdesk.bot;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;


import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The package map of docs/architecture.md, read from the compiled classes of the service (not the
 * tests): a change that makes two packages depend on each other, or lets a feature reach a channel,
 * fails here with the offending classes named.
 */
class ArchitectureTests {
    private static final String BOT = "org.certdesk.bot";
    private static final JavaClasses SERVICE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(BOT);

    @Test
    void theServiceImportsItsOwnClasses() {
        // A rule over an empty import passes whatever the code: make sure the import found the service.
        assertContains("org.certdesk.bot.conversation.TurnProcessor");
        assertContains("org.certdesk.bot.channel.teams.MessagingEndpoint");
    }

    @Test
    void packagesDependOneWay() {
        slices().matching(BOT + ".(**)").should().beFreeOfCycles().check(SERVICE);
    }

    @Test
    void theTurnLoopReachesTheHelpdeskAndTheScriptsOnlyThroughItsPorts() {
        noClasses().that().resideInAPackage(BOT + ".conversation..")
                .should().dependOnClassesThat().resideInAnyPackage(BOT + ".helpdesk..", BOT + ".scripts..",
                        BOT + ".channel..")
                .check(SERVICE);
    }

    @Test
    void onlyTheChannelsKnowAChannel() {
        noClasses().that().resideOutsideOfPackage(BOT + ".channel..")
                .should().dependOnClassesThat().resideInAPackage(BOT + ".channel..")
                .check(SERVICE);
    }

    @Test
    void onlySystemConfiguresSpring() {
        classes().that().areMetaAnnotatedWith(Configuration.class)
                .or(describe("are annotated with an @Enable... annotation", ArchitectureTests::enablesSomething))
                .should().resideInAPackage(BOT + ".system..")
                .check(SERVICE);
        methods().that().areAnnotatedWith(Bean.class)
                .should().beDeclaredInClassesThat().resideInAPackage(BOT + ".system..")
                .check(SERVICE);
    }

    @Test
    void theServiceUsesOnlyTheAnalyzersPublicApi() {
        noClasses().should().dependOnClassesThat(describe("are cert-analyzer classes outside its root package",
                        (JavaClass c) -> resideInAPackage("org.certdesk.analyzer..").test(c)
                                && !c.getPackageName().equals("org.certdesk.analyzer")))
                .check(SERVICE);
    }

    /**
     * The bot reaches into H2's engine for its file writes, its compaction and the clean-up of what a
     * killed H2 left only (H2 offers no SQL for any of them): a change of H2's internals then breaks
     * those three classes, and nothing else.
     */
    @Test
    void onlyTheStoreFileClassesReachIntoH2() {
        noClasses().that().haveNameNotMatching(BOT.replace(".", "\\.")
                        + "\\.system\\.(StoreFileWrites|StoreCompaction|LeftoverEntries)(\\$.*)?")
                .should().dependOnClassesThat().resideInAPackage("org.h2..")
                .check(SERVICE);
    }

    private static boolean enablesSomething(JavaClass c) {
        return c.getAnnotations().stream()
                .anyMatch(a -> a.getRawType().getSimpleName().startsWith("Enable"));
    }

    private static void assertContains(String className) {
        if (!SERVICE.contain(className)) {
            throw new AssertionError("the class import did not find " + className);
        }
    }
}
