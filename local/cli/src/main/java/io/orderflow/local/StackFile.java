package io.orderflow.local;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.orderflow.platform.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;

/**
 * What {@code orderflow serve} tells the other commands about the stack it runs, in
 * {@code .orderflow/stack.json}: where each service listens, its process and its data. Written once
 * the stack is up, removed when it stops cleanly; a file whose process is gone (a killed
 * {@code serve}) is ignored, so it can never send a command to a stack that is not there.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record StackFile(
    URI api,
    String host,
    int stepFunctionsPort,
    int dynamoDbPort,
    int sqsPort,
    long pid,
    String dataDir,
    String logFile,
    Instant startedAt) {

  public static final String NAME = "stack.json";

  /** What {@code stack} runs, as this process serves it. */
  public static StackFile of(LocalStack stack, Path logFile) {
    LocalStack.Options options = stack.options();
    return new StackFile(
        stack.apiEndpoint().orElse(null),
        options.host(),
        stack.stepFunctionsEndpoint().getPort(),
        stack.dynamoDbEndpoint().getPort(),
        stack.sqsEndpoint().getPort(),
        ProcessHandle.current().pid(),
        options.dataDir() == null ? null : options.dataDir().toAbsolutePath().toString(),
        logFile == null ? null : logFile.toAbsolutePath().toString(),
        Instant.now());
  }

  /** Writes this file to {@code file} whole or not at all: a reader never sees half of it. */
  public void write(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path partial = file.resolveSibling(NAME + ".partial");
      Files.writeString(partial, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(this));
      Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Removes {@code file} if this process wrote it (another serve may have written it since). */
  public static void removeIfOurs(Path file) {
    read(file).filter(written -> written.pid() == ProcessHandle.current().pid()).ifPresent(ours -> {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        // A leftover file names a dead process, which every reader ignores.
      }
    });
  }

  /** The stack {@code file} describes, if its process still runs. */
  public static Optional<StackFile> readLive(Path file) {
    return read(file).filter(StackFile::processAlive);
  }

  static Optional<StackFile> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.MAPPER.readValue(Files.readString(file), StackFile.class));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  boolean processAlive() {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /** The address a client on this machine uses: the bound one, or loopback if it is every interface. */
  public String connectHost() {
    return host == null || host.equals("0.0.0.0") || host.equals("::") ? LocalStack.LOOPBACK : host;
  }
}
