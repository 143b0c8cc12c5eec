package io.orderflow.aftersales;

import io.orderflow.aftersales.returns.ProductReturn;
import io.orderflow.aftersales.returns.ProductReturn.HistoryEntry;
import io.orderflow.aftersales.returns.Resolution;
import io.orderflow.aftersales.returns.ReturnLine;
import io.orderflow.aftersales.returns.ReturnReason;
import io.orderflow.aftersales.returns.ReturnStatus;
import io.orderflow.order.Money;
import java.util.List;

/** A return as API.md shows it; task tokens and internal ids stay inside. */
record ReturnView(
    String returnId,
    String orderId,
    ReturnStatus status,
    List<ReturnLine> lines,
    ReturnReason reason,
    Resolution resolution,
    Money refund,
    String replacementOrderId,
    List<HistoryEntry> history) {

  static ReturnView of(ProductReturn r) {
    return new ReturnView(r.returnId(), r.orderId(), r.status(), r.lines(), r.reason(), r.resolution(), r.refund(),
        r.replacementOrderId(), r.history());
  }

  /** {@code GET /orders/{orderId}/returns}. */
  record ReturnList(List<ReturnView> returns) {
    static ReturnList of(List<ProductReturn> returns) {
      return new ReturnList(returns.stream().map(ReturnView::of).toList());
    }
  }

  /** The answer to a new return: API.md promises the id and status only. */
  record Requested(String returnId, ReturnStatus status) {}
}
