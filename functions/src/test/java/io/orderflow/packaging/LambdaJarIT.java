package io.orderflow.packaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderflow.platform.Json;
import io.orderflow.platform.LambdaFunction;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The deployment package is what Lambda runs, and shading can break it in ways no unit test sees
 * (a merged plugin cache, a filtered class): so run it, in a JVM that has only the jar.
 */
class LambdaJarIT {

  private static final Path TARGET = Path.of("target");

  @Test
  void everyHandlerLoadsAndLogsStructuredJsonFromThePackagedJarAlone() throws Exception {
    Path jar = lambdaJar();
    Path probe = TARGET.resolve("test-classes/io/orderflow/packaging/LambdaJarProbe.class");
    Path probeRoot = Files.createTempDirectory("probe");
    Path copy = probeRoot.resolve("io/orderflow/packaging/LambdaJarProbe.class");
    Files.createDirectories(copy.getParent());
    Files.copy(probe, copy);

    Process process = new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", jar + java.io.File.pathSeparator + probeRoot,
            LambdaJarProbe.class.getName())
        .redirectErrorStream(true)
        .start();
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    List<String> output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList();

    assertThat(process.exitValue()).as(String.join("\n", output)).isZero();
    assertThat(output).as("only JSON log lines, no Log4j status errors").singleElement();
    JsonNode line = Json.MAPPER.readTree(output.get(0));
    assertThat(line.get("level").asText()).isEqualTo("WARN");
    assertThat(line.get("handlers").asInt()).isEqualTo(LambdaFunction.values().length);
  }

  @Test
  void theJarHoldsNoLocalStackCdkOrTestClasses() throws IOException {
    try (ZipFile zip = new ZipFile(lambdaJar().toFile())) {
      assertThat(zip.stream().map(java.util.zip.ZipEntry::getName))
          .noneMatch(name -> name.startsWith("com/amazonaws/services/dynamodbv2/local/"))
          .noneMatch(name -> name.startsWith("org/elasticmq/"))
          .noneMatch(name -> name.startsWith("software/amazon/awscdk/"))
          .noneMatch(name -> name.startsWith("io/orderflow/testing/") || name.startsWith("io/orderflow/packaging/"))
          .noneMatch(name -> name.startsWith("org/junit/"));
    }
  }

  private static Path lambdaJar() throws IOException {
    try (Stream<Path> files = Files.list(TARGET)) {
      return files.filter(p -> p.getFileName().toString().endsWith("-lambda.jar")).findFirst().orElseThrow();
    }
  }
}
