package io.orderflow.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The layering the style guide promises, checked on every build rather than in review. */
@AnalyzeClasses(packages = "io.orderflow", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  /** Only the adapters talk to AWS services; everything else works through ports. */
  @ArchTest
  static final ArchRule onlyAdaptersUseTheAwsSdk =
      noClasses()
          .that().resideOutsideOfPackage("io.orderflow.store..")
          .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk..");

  /** Domain services know nothing of Lambda: handlers are the only glue to the runtime. */
  @ArchTest
  static final ArchRule domainServicesDoNotDependOnTheLambdaRuntime =
      noClasses()
          .that().resideInAnyPackage("io.orderflow..")
          .and().haveSimpleNameNotEndingWith("Handler")
          .and().resideOutsideOfPackages("io.orderflow.api..", "io.orderflow.store..", "io.orderflow.track..",
              "io.orderflow.aftersales..")
          .should().dependOnClassesThat().resideInAPackage("com.amazonaws.services.lambda.runtime..");

  /** The domain model is the innermost ring: it never reaches out to a step, the API or an adapter. */
  @ArchTest
  static final ArchRule theDomainModelDependsOnNoOuterLayer =
      noClasses()
          .that().resideInAPackage("io.orderflow.order")
          .and().haveSimpleNameNotEndingWith("Handler")
          .should().dependOnClassesThat().resideInAnyPackage("io.orderflow.api..", "io.orderflow.store..");
}
