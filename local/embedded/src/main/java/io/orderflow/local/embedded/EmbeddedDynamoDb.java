package io.orderflow.local.embedded;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

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

  /**
   * DynamoDB Local's AWS SDK v1 warns on every start that JAXB is missing (Java 9+ has none) and
   * that it uses its own Base64 instead, which is all it needs: kept quiet. A strong reference,
   * as java.util.logging forgets the level of a logger nobody holds.
   */
  private static final Logger SDK_V1_BASE64 = quiet("com.amazonaws.util.Base64");

  /** Where the embedded services listen unless told otherwise: this machine only. */
  public static final String LOOPBACK = "127.0.0.1";

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
    return start(port, dataDir, LOOPBACK);
  }

  /**
   * Starts on {@code host}'s given port (0 picks a free one), persisting to {@code dataDir} when
   * not null. DynamoDB Local itself has no option for the address and listens on every interface,
   * unauthenticated; its Jetty connector is told the address before it starts.
   */
  public static EmbeddedDynamoDb start(int port, Path dataDir, String host) {
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
      bind(server, host);
      server.start();
      return new EmbeddedDynamoDb(server, actualPort);
    } catch (Exception e) {
      throw new IllegalStateException("DynamoDB Local did not start on port " + actualPort, e);
    }
  }

  /** The Jetty server inside DynamoDB Local (a private field: the one way to choose its address). */
  private static void bind(DynamoDBProxyServer proxy, String host) throws ReflectiveOperationException {
    Field field = DynamoDBProxyServer.class.getDeclaredField("server");
    field.setAccessible(true);
    for (Connector connector : ((Server) field.get(proxy)).getConnectors()) {
      if (connector instanceof ServerConnector network) {
        network.setHost(host);
      }
    }
  }

  private static Logger quiet(String name) {
    Logger logger = Logger.getLogger(name);
    logger.setLevel(Level.SEVERE);
    return logger;
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
