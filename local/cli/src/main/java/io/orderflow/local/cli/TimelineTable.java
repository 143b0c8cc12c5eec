package io.orderflow.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/** An order's timeline as an aligned text table: time, event, status, details. */
final class TimelineTable {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneId.systemDefault());
  private static final int MAX_DETAIL = 70;
  private static final String[] HEADER = {"TIME", "EVENT", "STATUS", "DETAIL"};

  private TimelineTable() {}

  static String render(List<JsonNode> events) {
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    for (JsonNode event : events) {
      rows.add(new String[] {
          time(event.path("at").asText()), event.path("type").asText(), event.path("status").asText(),
          detail(event.path("detail"))});
    }
    int[] widths = new int[HEADER.length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    StringBuilder table = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder("  ");
      for (int i = 0; i < row.length; i++) {
        line.append(i == row.length - 1 ? row[i] : pad(row[i], widths[i] + 2));
      }
      table.append(line.toString().stripTrailing()).append('\n');
    }
    return table.toString();
  }

  private static String time(String iso) {
    try {
      return TIME.format(Instant.parse(iso));
    } catch (RuntimeException e) {
      return iso;
    }
  }

  private static String detail(JsonNode detail) {
    List<String> parts = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> fields = detail.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      JsonNode value = field.getValue();
      parts.add(field.getKey() + "=" + (value.isValueNode() ? value.asText() : value.toString()));
    }
    String text = String.join(", ", parts);
    return text.length() > MAX_DETAIL ? text.substring(0, MAX_DETAIL - 1) + "…" : text;
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(Math.max(0, width - text.length()));
  }
}
