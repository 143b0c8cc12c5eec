package io.orderflow.local.embedded;

import java.net.URI;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/** ElasticMQ speaking the SQS protocol inside this JVM, on loopback unless told otherwise. */
public final class EmbeddedSqs implements AutoCloseable {

  private final SQSRestServer server;
  private final int port;

  private EmbeddedSqs(SQSRestServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /** Starts on the given port (0 picks a free one) and waits until it accepts requests. */
  public static EmbeddedSqs start(int port) {
    return start(port, EmbeddedDynamoDb.LOOPBACK);
  }

  /** Starts on {@code host}'s given port (0 picks a free one) and waits until it accepts requests. */
  public static EmbeddedSqs start(int port, String host) {
    int actualPort = port == 0 ? FreePorts.next() : port;
    // Queue URLs name localhost whatever address it binds, as they did and as clients here reach it.
    SQSRestServer server = SQSRestServerBuilder.withPort(actualPort).withInterface(host)
        .withServerAddress(new NodeAddress("http", "localhost", actualPort, "")).start();
    server.waitUntilStarted();
    return new EmbeddedSqs(server, actualPort);
  }

  public int port() {
    return port;
  }

  public URI endpoint() {
    return URI.create("http://localhost:" + port);
  }

  @Override
  public void close() {
    server.stopAndWait();
  }
}
