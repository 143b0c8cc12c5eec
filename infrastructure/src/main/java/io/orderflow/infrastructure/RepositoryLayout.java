package io.orderflow.infrastructure;

import io.orderflow.platform.Workflow;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Where the app finds what it deploys: the ASL files under {@code statemachine/} and the Lambda
 * package that module {@code functions} attaches with classifier {@code lambda}. Found from the
 * working directory upwards, so synth works from the repository root, from {@code infrastructure/}
 * (where {@code cdk} runs the app) and from the module's tests.
 */
public record RepositoryLayout(Path root) {

  /** Set by this module's pom (exec and surefire) to the jar of the version being built. */
  static final String LAMBDA_JAR_PROPERTY = "orderflow.lambdaJar";

  private static final String BUILD_HINT =
      "build it first from the repository root with `mvn -B package -DskipTests`";

  public static RepositoryLayout locate() {
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("statemachine"))
          && Files.isRegularFile(dir.resolve("functions").resolve("pom.xml"))) {
        return new RepositoryLayout(dir);
      }
    }
    throw new IllegalStateException(
        "No orderflow repository (a folder with functions/pom.xml and statemachine/) at or above "
            + start);
  }

  /** The ASL definition of {@code workflow}. */
  public Path definition(Workflow workflow) {
    Path file = root.resolve("statemachine").resolve(workflow.aslFile());
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("The workflow definition " + file + " is missing");
    }
    return file;
  }

  /** The shaded jar every function runs. */
  public Path lambdaJar() {
    String configured = System.getProperty(LAMBDA_JAR_PROPERTY);
    Path jar = configured != null ? Path.of(configured).normalize() : newestLambdaJar();
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          "The Lambda deployment package " + jar + " is missing: " + BUILD_HINT);
    }
    return jar;
  }

  /** Outside Maven (an IDE run) the version is unknown: take the most recently built package. */
  private Path newestLambdaJar() {
    Path target = root.resolve("functions").resolve("target");
    if (!Files.isDirectory(target)) {
      return target.resolve("functions-<version>-lambda.jar");
    }
    try (Stream<Path> files = Files.list(target)) {
      return files
          .filter(path -> path.getFileName().toString().matches("functions-.+-lambda\\.jar"))
          .max(Comparator.comparing(RepositoryLayout::lastModified))
          .orElse(target.resolve("functions-<version>-lambda.jar"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long lastModified(Path path) {
    try {
      return Files.getLastModifiedTime(path).toMillis();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
