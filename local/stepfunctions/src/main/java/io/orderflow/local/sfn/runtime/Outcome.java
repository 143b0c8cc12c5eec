package io.orderflow.local.sfn.runtime;

import com.fasterxml.jackson.databind.JsonNode;

/** What a state produced and where control goes next (null: the end of its block). */
record Outcome(JsonNode output, String next) {}
