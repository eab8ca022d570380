package dev.concord.simulator;

/** The services and stages of the order-to-fulfillment business transaction as the simulator runs it. */
final class OrderToFulfillment {

    static final String TRANSACTION = "order-to-fulfillment";

    static final String ORDER_API = "order-api";
    static final String WAREHOUSE_API = "warehouse-api";
    static final String FULFILLMENT_SERVICE = "fulfillment-service";

    static final String STAGE_ORDER_CAPTURE = "order-capture";
    static final String STAGE_WAREHOUSE_RESERVATION = "warehouse-reservation";
    static final String STAGE_FULFILLMENT = "fulfillment";

    private OrderToFulfillment() {}
}
