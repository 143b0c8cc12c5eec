package io.orderflow.local.cli;

import io.orderflow.local.gateway.Tokens;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Prints a JWT the local gateway accepts, alone on stdout, for {@code TOKEN=$(orderflow token …)}. */
@Command(name = "token", mixinStandardHelpOptions = true,
    description = "Prints a JWT that the local API gateway accepts, valid for 12 hours: the only thing on stdout "
        + "(a first build's messages go to stderr), so TOKEN=$(./orderflow token alice) works.")
final class TokenCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "<subject>", description = "The caller: a customer id, or an ops user.")
  String subject;

  @Option(names = "--ops", description = "Put the caller in the ops group (ops routes).")
  boolean ops;

  @Override
  public Integer call() {
    System.out.println(Tokens.fromEnvironment().issue(subject, ops));
    return 0;
  }
}
