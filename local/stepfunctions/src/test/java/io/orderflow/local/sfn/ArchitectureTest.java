package io.orderflow.local.sfn;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The engine's layering: a definition ({@code asl}) is data that knows nothing of running it, and
 * the query languages know states and values but not how executions run.
 */
@AnalyzeClasses(packages = "io.orderflow.local.sfn", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule definitionsDoNotDependOnTheRuntime =
      noClasses().that().resideInAPackage("..sfn.asl..")
          .should().dependOnClassesThat().resideInAnyPackage("..sfn.runtime..", "..sfn.query..", "..sfn.tasks..", "..sfn.http..");

  @ArchTest
  static final ArchRule queryLanguagesOnlyUseTheRuntimesErrors =
      noClasses().that().resideInAPackage("..sfn.query..")
          .should().dependOnClassesThat(
              com.tngtech.archunit.base.DescribedPredicate.describe("runtime classes other than StatesError",
                  c -> c.getPackageName().endsWith(".sfn.runtime") && !c.getSimpleName().equals("StatesError")));
}
