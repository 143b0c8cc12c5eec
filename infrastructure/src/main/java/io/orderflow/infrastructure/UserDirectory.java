package io.orderflow.infrastructure;

import java.util.Optional;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.cognito.AccountRecovery;
import software.amazon.awscdk.services.cognito.AuthFlow;
import software.amazon.awscdk.services.cognito.CfnUserPoolGroup;
import software.amazon.awscdk.services.cognito.IUserPool;
import software.amazon.awscdk.services.cognito.Mfa;
import software.amazon.awscdk.services.cognito.MfaSecondFactor;
import software.amazon.awscdk.services.cognito.PasswordPolicy;
import software.amazon.awscdk.services.cognito.SignInAliases;
import software.amazon.awscdk.services.cognito.UserPool;
import software.amazon.awscdk.services.cognito.UserPoolClientOptions;
import software.constructs.Construct;

/**
 * The Cognito user pool whose tokens the API accepts: customers sign up themselves, ops staff are
 * members of the {@value #OPS_GROUP} group (the API handler checks {@code cognito:groups}). A shop
 * that already has a pool passes its id instead and gets nothing created.
 */
public final class UserDirectory extends Construct {

  public record Props(Optional<String> existingUserPoolId, RemovalPolicy removalPolicy) {}

  public static final String OPS_GROUP = "ops";

  private final IUserPool userPool;

  public UserDirectory(Construct scope, String id, Props props) {
    super(scope, id);
    userPool =
        props
            .existingUserPoolId()
            .map(poolId -> UserPool.fromUserPoolId(this, "UserPool", poolId))
            .orElseGet(() -> create(props));
  }

  public IUserPool userPool() {
    return userPool;
  }

  private IUserPool create(Props props) {
    UserPool pool =
        UserPool.Builder.create(this, "UserPool")
            .selfSignUpEnabled(true)
            .signInAliases(SignInAliases.builder().email(true).build())
            .passwordPolicy(
                PasswordPolicy.builder()
                    .minLength(12)
                    .requireLowercase(true)
                    .requireUppercase(true)
                    .requireDigits(true)
                    .requireSymbols(true)
                    .tempPasswordValidity(Duration.days(3))
                    .build())
            .mfa(Mfa.OPTIONAL)
            .mfaSecondFactor(MfaSecondFactor.builder().otp(true).sms(false).build())
            .accountRecovery(AccountRecovery.EMAIL_ONLY)
            .removalPolicy(props.removalPolicy())
            .build();
    CfnUserPoolGroup.Builder.create(this, "OpsGroup")
        .userPoolId(pool.getUserPoolId())
        .groupName(OPS_GROUP)
        .description("orderflow operations, warehouse and customer service staff")
        .build();
    // Shop frontends sign in with SRP and send the ID token, whose claims the authorizer forwards.
    pool.addClient(
        "ShopClient",
        UserPoolClientOptions.builder()
            .authFlows(AuthFlow.builder().userSrp(true).build())
            .preventUserExistenceErrors(true)
            .build());

    Nag.suppress(
        pool,
        "COG2",
        "MFA is offered to every user (TOTP) but not forced on shop customers: requiring it at"
            + " checkout is a product decision the shop makes, not the backend.");
    Nag.suppress(
        pool,
        "COG3",
        "Threat protection needs Cognito's Plus feature plan, billed per monthly active user; a"
            + " shop enables it with its own pool (pass userPoolId) or by switching the plan.");
    return pool;
  }
}
