package io.orderflow.packaging;

import static software.amazon.lambda.powertools.logging.argument.StructuredArguments.entry;

import io.orderflow.platform.LambdaFunction;

/**
 * Runs inside the packaged Lambda jar (see {@link LambdaJarIT}): it may use nothing but what the
 * jar holds. Loads and initializes every handler class and logs one structured line.
 */
public final class LambdaJarProbe {

  public static void main(String[] args) throws ClassNotFoundException {
    for (LambdaFunction function : LambdaFunction.values()) {
      Class.forName(function.handlerClass());
    }
    org.slf4j.LoggerFactory.getLogger(LambdaJarProbe.class)
        .warn("probe {}", entry("handlers", LambdaFunction.values().length));
  }
}
