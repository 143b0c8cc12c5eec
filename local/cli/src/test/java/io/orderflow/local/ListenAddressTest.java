package io.orderflow.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every listener of the stack (the API, Step Functions and DynamoDB Local included, which take no
 * credentials) is on 127.0.0.1 unless {@code --host} says otherwise: another machine cannot reach it.
 */
class ListenAddressTest {

  @Test
  void everyServiceListensOnLoopbackOnly() throws SocketException {
    InetAddress external = externalAddress();
    try (LocalStack stack = LocalStack.start(LocalStack.Options.defaults().withPorts(0, 0, 0, 0)
        .withCarrierSimulator(false, LocalStack.Options.defaults().carrierPace()).withGateway(true))) {

      assertThat(stack.endpoints()).containsOnlyKeys("API", "Step Functions", "DynamoDB", "SQS");
      for (URI endpoint : stack.endpoints().values()) {
        assertThat(reachable(InetAddress.getLoopbackAddress(), endpoint.getPort())).as("%s on loopback", endpoint).isTrue();
        assertThat(reachable(external, endpoint.getPort())).as("%s on %s", endpoint, external).isFalse();
      }
    }
  }

  @Test
  void hostOpensTheBackingServicesToOtherMachinesWhenAskedTo() throws SocketException {
    InetAddress external = externalAddress();
    try (LocalStack stack = LocalStack.start(LocalStack.Options.ephemeral().withHost("0.0.0.0"))) {

      for (URI endpoint : List.of(stack.stepFunctionsEndpoint(), stack.dynamoDbEndpoint(), stack.sqsEndpoint())) {
        assertThat(reachable(external, endpoint.getPort())).as("%s on %s", endpoint, external).isTrue();
      }
    }
  }

  /** An address of this machine that is not loopback: how another machine would reach it. */
  private static InetAddress externalAddress() throws SocketException {
    List<InetAddress> addresses = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
        .flatMap(NetworkInterface::inetAddresses)
        .filter(address -> address instanceof Inet4Address && !address.isLoopbackAddress())
        .toList();
    assertThat(addresses).as("a non-loopback IPv4 address of this machine").isNotEmpty();
    return addresses.get(0);
  }

  private static boolean reachable(InetAddress address, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), 1000);
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
