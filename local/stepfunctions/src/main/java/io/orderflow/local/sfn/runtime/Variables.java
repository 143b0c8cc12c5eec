package io.orderflow.local.sfn.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.orderflow.local.sfn.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The workflow variables of one scope. A Parallel branch or Map iteration is a child scope: it
 * reads the variables of its parents and assigns its own, which its parents never see (data
 * leaves a branch only through its output), as AWS scopes them. AWS's limits apply: a value of
 * at most 256 KiB, at most 256 KiB assigned by one state, at most 10 MiB in a scope.
 */
final class Variables {

  static final int MAX_VALUE_BYTES = 256 * 1024;
  static final int MAX_ASSIGN_BYTES = 256 * 1024;
  static final int MAX_SCOPE_BYTES = 10 * 1024 * 1024;

  private final Variables parent;
  private final Map<String, JsonNode> own = new ConcurrentHashMap<>();

  Variables(Variables parent, JsonNode initial) {
    this.parent = parent;
    if (initial != null && initial.isObject()) {
      initial.fields().forEachRemaining(e -> own.put(e.getKey(), e.getValue()));
    }
  }

  Variables child() {
    return new Variables(this, null);
  }

  /** Every variable this scope can read, the innermost value of a name winning. */
  ObjectNode visible() {
    ObjectNode all = parent == null ? Json.object() : parent.visible();
    own.forEach(all::set);
    return all;
  }

  /** The variables this scope assigned itself (what a checkpoint saves). */
  ObjectNode own() {
    ObjectNode out = Json.object();
    own.forEach(out::set);
    return out;
  }

  /** Assigns {@code values} at once, or none of them if a limit is exceeded (States.DataLimitExceeded). */
  synchronized void assign(ObjectNode values) {
    int total = 0;
    for (var it = values.fields(); it.hasNext(); ) {
      var entry = it.next();
      int size = bytes(entry.getValue());
      if (size > MAX_VALUE_BYTES) {
        throw new StatesError(StatesError.DATA_LIMIT_EXCEEDED,
            "The variable '" + entry.getKey() + "' has a size of " + size + " bytes, more than the limit of " + MAX_VALUE_BYTES + " bytes.");
      }
      total += size;
    }
    if (total > MAX_ASSIGN_BYTES) {
      throw new StatesError(StatesError.DATA_LIMIT_EXCEEDED,
          "The variables assigned by one state have a size of " + total + " bytes, more than the limit of " + MAX_ASSIGN_BYTES + " bytes.");
    }
    Map<String, JsonNode> after = new java.util.HashMap<>(own);
    values.fields().forEachRemaining(e -> after.put(e.getKey(), e.getValue()));
    int scope = after.values().stream().mapToInt(Variables::bytes).sum();
    if (scope > MAX_SCOPE_BYTES) {
      throw new StatesError(StatesError.DATA_LIMIT_EXCEEDED,
          "The variables of this scope would have a size of " + scope + " bytes, more than the limit of " + MAX_SCOPE_BYTES + " bytes.");
    }
    values.fields().forEachRemaining(e -> own.put(e.getKey(), e.getValue()));
  }

  private static int bytes(JsonNode value) {
    return Json.write(value).getBytes(StandardCharsets.UTF_8).length;
  }
}
