package io.orderflow.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The CLI runs on the runtime classpath its build writes ({@code target/runtime-classpath.txt}),
 * which the launcher reads: no test library may be on it, however a dependency declares one.
 */
class RuntimeClasspathTest {

  private static final Path CLASSPATH = Path.of("target", "runtime-classpath.txt");
  private static final List<String> TEST_LIBRARIES = List.of(
      "/org/junit/", "/junit/junit/", "/org/mockito/", "/org/assertj/", "/org/awaitility/", "/net/jqwik/",
      "/com/tngtech/archunit/", "/aws-lambda-java-tests/", "/org/opentest4j/", "/net/bytebuddy/byte-buddy-agent/");

  @Test
  void theCliRunsWithoutTestLibrariesButWithTheRuntimesEventSerializers() throws IOException {
    List<String> entries = Arrays.asList(Files.readString(CLASSPATH).trim().split(File.pathSeparator));

    assertThat(entries).as("runtime classpath").hasSizeGreaterThan(20)
        .anyMatch(entry -> entry.contains("aws-lambda-java-serialization"))
        .anyMatch(entry -> entry.contains("DynamoDBLocal"));
    assertThat(entries).noneMatch(entry -> TEST_LIBRARIES.stream().anyMatch(entry.replace('\\', '/')::contains));
  }

  @Test
  void theLauncherRunsTheCliOnThatClasspath() throws IOException {
    String launcher = Files.readString(Path.of("..", "..", "orderflow"));

    assertThat(launcher).contains("CLASSPATH_FILE=\"$ROOT/local/cli/target/runtime-classpath.txt\"")
        .contains("-cp \"$JAR:$(cat \"$CLASSPATH_FILE\")\"");
  }
}
