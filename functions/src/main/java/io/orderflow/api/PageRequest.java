package io.orderflow.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.orderflow.order.OrderRepository.Page;
import io.orderflow.platform.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.function.Function;

/**
 * {@code ?limit=1..100&cursor=…} of a list route. The API's cursor wraps the repository's together
 * with the list it belongs to (a customer, a status), so a cursor of one list is refused by
 * another, and a client sees one opaque token whatever the store behind it.
 */
record PageRequest(int limit, String cursor) {

  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 100;

  /**
   * Longer than any cursor this API hands out; a longer one would carry a key DynamoDB refuses
   * (a sort key is at most 1 KB), which would fail as a 5xx instead of a 400.
   */
  static final int MAX_CURSOR_LENGTH = 1_024;

  private record Token(String list, String after) {}

  static PageRequest of(ApiRequest request) {
    String limit = request.query("limit");
    return new PageRequest(limit == null ? DEFAULT_LIMIT : parseLimit(limit), request.query("cursor"));
  }

  /**
   * Fetches the page of {@code list} through {@code fetch}, which takes the repository cursor (null
   * for the first page), and answers with the API's cursor of the next.
   */
  <T> Page<T> fetch(String list, Function<String, Page<T>> fetch) {
    String after = cursor == null ? null : decode(list, cursor);
    Page<T> page;
    try {
      page = fetch.apply(after);
    } catch (IllegalArgumentException e) {
      if (after == null) {
        throw e;
      }
      // A well-formed token around a forged key: the repository refuses keys it never handed out.
      throw badCursor();
    }
    return new Page<>(page.items(), page.nextCursor() == null ? null : encode(list, page.nextCursor()));
  }

  private static int parseLimit(String limit) {
    try {
      int value = Integer.parseInt(limit);
      if (value >= 1 && value <= MAX_LIMIT) {
        return value;
      }
    } catch (NumberFormatException e) {
      // answered below, like an integer out of range
    }
    throw ApiError.invalid("limit", "must be an integer between 1 and " + MAX_LIMIT);
  }

  private static String encode(String list, String after) {
    byte[] json = Json.write(new Token(list, after)).getBytes(StandardCharsets.UTF_8);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json);
  }

  private static String decode(String list, String cursor) {
    if (cursor.length() > MAX_CURSOR_LENGTH) {
      throw badCursor();
    }
    try {
      String json = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      // "null", "[]" or "3" decode too: only an object is a token.
      Token token = Json.MAPPER.readValue(json, Token.class);
      if (token != null && list.equals(token.list()) && token.after() != null
          && FieldReader.textProblem(token.after(), false) == null) {
        return token.after();
      }
    } catch (IllegalArgumentException | JsonProcessingException e) {
      // answered below, like a cursor of another list
    }
    throw badCursor();
  }

  private static ApiError badCursor() {
    return ApiError.invalid("cursor", "is not a cursor of this list; start again without one");
  }
}
