package io.orderflow.local.embedded;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Amazon DynamoDB Local running inside this JVM: in memory, or on disk when a data directory is
 * given, with one shared database whatever credentials and region a client signs with
 * ({@code -sharedDb}), as raw Step Functions integrations and SDK clients must see the same
 * tables. The sqlite4java native libraries are packed into this module's jar and extracted once
 * per JVM, so nothing has to be installed beside Maven.
 */
public final class EmbeddedDynamoDb implements AutoCloseable {

  private static final String[] NATIVES = {
    "libsqlite4java-linux-amd64.so",
    "libsqlite4java-linux-i386.so",
    "libsqlite4java-osx.dylib",
    "sqlite4java-win32-x64.dll",
    "sqlite4java-win32-x86.dll"
  };
  private static Path nativeDir;

  private final DynamoDBProxyServer server;
  private final int port;

  private EmbeddedDynamoDb(DynamoDBProxyServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /** Starts in memory on the given port (0 picks a free one). */
  public static EmbeddedDynamoDb start(int port) {
    return start(port, null);
  }

  /** Starts on the given port (0 picks a free one), persisting to {@code dataDir} when not null. */
  public static EmbeddedDynamoDb start(int port, Path dataDir) {
    int actualPort = port == 0 ? FreePorts.next() : port;
    System.setProperty("sqlite4java.library.path", extractNatives().toString());
    List<String> args = new ArrayList<>(List.of("-port", String.valueOf(actualPort), "-sharedDb", "-disableTelemetry"));
    if (dataDir == null) {
      args.add("-inMemory");
    } else {
      try {
        Files.createDirectories(dataDir);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create DynamoDB Local data directory " + dataDir, e);
      }
      args.addAll(List.of("-dbPath", dataDir.toAbsolutePath().toString()));
    }
    try {
      DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
      server.start();
      return new EmbeddedDynamoDb(server, actualPort);
    } catch (Exception e) {
      throw new IllegalStateException("DynamoDB Local did not start on port " + actualPort, e);
    }
  }

  public int port() {
    return port;
  }

  public URI endpoint() {
    return URI.create("http://localhost:" + port);
  }

  @Override
  public void close() {
    try {
      server.stop();
    } catch (Exception e) {
      throw new IllegalStateException("DynamoDB Local did not stop cleanly", e);
    }
  }

  private static synchronized Path extractNatives() {
    if (nativeDir != null) {
      return nativeDir;
    }
    try {
      Path dir = Files.createTempDirectory("orderflow-sqlite4java");
      dir.toFile().deleteOnExit();
      for (String name : NATIVES) {
        try (InputStream in = EmbeddedDynamoDb.class.getResourceAsStream("/sqlite4java-natives/" + name)) {
          if (in != null) {
            Path target = dir.resolve(name);
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
            target.toFile().deleteOnExit();
          }
        }
      }
      nativeDir = dir;
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot extract the sqlite4java native libraries", e);
    }
  }
}
