package io.orderflow.infrastructure;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Template;

/** Builds the stack the way the app does, and reads the synthesized template. */
final class SynthesizedStack {

  private SynthesizedStack() {}

  static OrderflowStack build(App app) {
    return new OrderflowStack(
        app,
        OrderflowApp.STACK_NAME,
        StackProps.builder().build(),
        RepositoryLayout.locate(),
        OrderflowStack.Settings.fromContext(app));
  }

  /** Every resource of {@code type}, by logical id. */
  static Map<String, Map<String, Object>> resources(Template template, String type) {
    return template.findResources(type);
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> properties(Map<String, Object> resource) {
    return (Map<String, Object>) resource.getOrDefault("Properties", Map.of());
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object value) {
    return (Map<String, Object>) value;
  }

  /** An IAM or CloudFormation value that is either one item or a list of them. */
  static List<Object> oneOrMany(Object value) {
    return value instanceof List<?> list ? List.copyOf(list) : List.of(value);
  }

  /** The path of the API Gateway resource a method's {@code ResourceId} points to. */
  static String resourcePath(Template template, Object resourceReference) {
    Map<String, Object> reference = map(resourceReference);
    if (reference.containsKey("Fn::GetAtt")) {
      return ""; // the API's root resource
    }
    Map<String, Object> resource =
        properties(resources(template, "AWS::ApiGateway::Resource").get(referencedId(reference)));
    return resourcePath(template, resource.get("ParentId")) + "/" + resource.get("PathPart");
  }

  /** The logical id a {@code {"Ref": id}} or {@code {"Fn::GetAtt": [id, attribute]}} points to. */
  static String referencedId(Object reference) {
    Map<String, Object> intrinsic = map(reference);
    if (intrinsic.containsKey("Ref")) {
      return (String) intrinsic.get("Ref");
    }
    return (String) ((List<?>) intrinsic.get("Fn::GetAtt")).get(0);
  }
}
