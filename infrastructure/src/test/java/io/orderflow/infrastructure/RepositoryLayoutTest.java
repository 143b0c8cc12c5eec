package io.orderflow.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderflow.platform.Workflow;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepositoryLayoutTest {

  @Test
  void findsTheRepositoryAboveTheModuleAndEveryWorkflowDefinition() {
    RepositoryLayout layout = RepositoryLayout.locate();

    assertThat(layout.root().resolve("functions").resolve("pom.xml")).isRegularFile();
    for (Workflow workflow : Workflow.values()) {
      assertThat(layout.definition(workflow)).isRegularFile().hasFileName(workflow.aslFile());
    }
  }

  @Test
  void aMissingLambdaPackageSaysHowToBuildIt(@TempDir Path emptyRepository) {
    String configured = System.getProperty(RepositoryLayout.LAMBDA_JAR_PROPERTY);
    System.clearProperty(RepositoryLayout.LAMBDA_JAR_PROPERTY);
    try {
      assertThatThrownBy(() -> new RepositoryLayout(emptyRepository).lambdaJar())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("mvn -B package -DskipTests");
    } finally {
      if (configured != null) {
        System.setProperty(RepositoryLayout.LAMBDA_JAR_PROPERTY, configured);
      }
    }
  }

  @Test
  void theConfiguredLambdaPackageIsTheOneDeployed() {
    Path jar = RepositoryLayout.locate().lambdaJar();

    assertThat(Files.isRegularFile(jar)).isTrue();
    assertThat(jar.getFileName().toString()).startsWith("functions-").endsWith("-lambda.jar");
  }
}
