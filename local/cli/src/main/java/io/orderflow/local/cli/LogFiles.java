package io.orderflow.local.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Which file this process's log lines go to. log4j2 reads the {@value #PROPERTY} property once, when
 * the first logger is made, so a command chooses before it starts anything. A stack of its own
 * logs to a file of its own that starts empty (the previous run's kept beside it as {@code .1}), so
 * runs never run into each other; an {@code invoke} against a running stack adds its lines to that
 * stack's file, where {@code orderflow logs} finds them with the rest.
 */
final class LogFiles {

  static final String PROPERTY = "orderflow.logFile";

  private LogFiles() {}

  /** The state folder of this checkout: logs, the stack file. */
  static Path stateDir() {
    return OrderflowCli.home().resolve(".orderflow");
  }

  /** A run of its own: {@code file} starts empty, the previous run's moved to {@code file.1}. */
  static Path startRun(Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      if (Files.exists(file)) {
        Files.move(file, file.resolveSibling(file.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a new log file " + file, e);
    }
    return use(file);
  }

  /** Adds this process's lines to {@code file}. */
  static Path use(Path file) {
    System.setProperty(PROPERTY, file.toAbsolutePath().toString());
    return file;
  }
}
