package io.orderflow.local.sfn.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One element of a Catch array; {@code resultPath} follows the three-valued convention of
 * {@link State}; {@code assign} and (JSONata) {@code output} are null when absent.
 */
public record Catcher(List<String> errorEquals, String next, JsonNode resultPath, JsonNode assign, JsonNode output) {}
