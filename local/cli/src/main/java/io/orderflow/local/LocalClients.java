package io.orderflow.local;

import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.regions.Region;

/** SDK clients for the local stand-ins: explicit endpoint, the local region, dummy credentials. */
public final class LocalClients {

  private LocalClients() {}

  public static <B extends AwsClientBuilder<B, C> & SdkSyncClientBuilder<B, C>, C> C client(
      B builder, URI endpoint, SdkHttpClient http) {
    return builder.endpointOverride(endpoint)
        .region(Region.of(LocalStack.REGION))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
        .httpClient(http)
        .overrideConfiguration(ClientOverrideConfiguration.builder().apiCallTimeout(Duration.ofSeconds(30)).build())
        .build();
  }
}
