package io.orderflow.local;

import io.orderflow.platform.Workflow;
import io.orderflow.store.Adapters;
import io.orderflow.store.Provisioning;
import io.orderflow.store.ResourceNames;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The functions of this process wired to a stack that another process ({@code orderflow serve})
 * runs, as {@code sam local invoke} runs one function against real resources.
 */
public final class StackConnection implements AutoCloseable {

  private final SdkHttpClient http;
  private final Adapters adapters;
  private final LocalFunctions functions;

  private StackConnection(SdkHttpClient http, Adapters adapters, LocalFunctions functions) {
    this.http = http;
    this.adapters = adapters;
    this.functions = functions;
  }

  /**
   * Connects if a stack answers on the host and ports {@code options} name; empty if none runs
   * there.
   *
   * @throws IllegalStateException if what answers has no orderflow state machines
   */
  public static Optional<StackConnection> attach(LocalStack.Options options) {
    String host = options.host();
    int[] ports = {options.dynamoDbPort(), options.sqsPort(), options.stepFunctionsPort()};
    for (int port : ports) {
      if (!listening(host, port)) {
        return Optional.empty();
      }
    }
    SdkHttpClient http = UrlConnectionHttpClient.create();
    try {
      DynamoDbClient dynamo = LocalClients.client(DynamoDbClient.builder(), endpoint(host, options.dynamoDbPort()), http);
      SqsClient sqs = LocalClients.client(SqsClient.builder(), endpoint(host, options.sqsPort()), http);
      SfnClient sfn = LocalClients.client(SfnClient.builder(), endpoint(host, options.stepFunctionsPort()), http);
      // orderflow's state machines first: what answers on these ports may be another project's
      // DynamoDB Local, which must not get orderflow's tables.
      Map<Workflow, String> machines = new EnumMap<>(Workflow.class);
      for (Workflow workflow : Workflow.values()) {
        machines.put(workflow, sfn.listStateMachines().stateMachines().stream()
            .filter(machine -> machine.name().equals(workflow.localName()))
            .findFirst()
            .orElseThrow(() -> new IllegalStateException("the Step Functions endpoint has no " + workflow.localName()))
            .stateMachineArn());
      }
      // Provisioning keeps what exists, so it doubles as the lookup of every table and queue.
      ResourceNames names = Provisioning.provision(dynamo, sqs);
      for (Map.Entry<Workflow, String> machine : machines.entrySet()) {
        names = names.withStateMachine(machine.getKey(), machine.getValue());
      }
      Adapters adapters = Adapters.create(dynamo, sqs, sfn, names, Clock.systemUTC());
      return Optional.of(new StackConnection(http, adapters,
          new LocalFunctions(LocalHandlers.create(adapters, options))));
    } catch (RuntimeException e) {
      http.close();
      throw e;
    }
  }

  public LocalFunctions functions() {
    return functions;
  }

  /** The running stack's tables and queues, as its functions see them. */
  public Adapters adapters() {
    return adapters;
  }

  private static URI endpoint(String host, int port) {
    return URI.create("http://" + host + ":" + port);
  }

  private static boolean listening(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() {
    http.close();
  }
}
