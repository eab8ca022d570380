package dev.concord.simulator;

import java.util.Map;

/**
 * The services of the four business transactions and the dependencies they call, with the versions they usually
 * run. Names are {@code service.name} values and what fault targets name.
 */
public final class Services {

    public static final String ORDER_API = "order-api";
    public static final String WAREHOUSE_API = "warehouse-api";
    public static final String SHIPPING_SERVICE = "shipping-service";
    public static final String ERP_CONNECTOR = "erp-connector";
    public static final String PROCUREMENT_API = "procurement-api";
    public static final String SUPPLIER_GATEWAY = "supplier-gateway";
    public static final String RECEIVING_SERVICE = "receiving-service";
    public static final String PLANNING_SERVICE = "planning-service";
    public static final String INVENTORY_SERVICE = "inventory-service";
    public static final String MES_GATEWAY = "mes-gateway";
    public static final String COSTING_SERVICE = "costing-service";

    // dependencies: called through client spans, never the root of a transaction
    public static final String IDENTITY_PROVIDER = "identity-provider";
    public static final String MESSAGE_BROKER = "message-broker";
    public static final String ERP_DB = "erp-db";
    /** The load balancer in front of a cloud: down only when the whole cloud is. */
    public static final String EDGE = "edge";

    // reporters of guard metrics and health checks
    public static final String HEALTH_CHECKER = "health-checker";
    public static final String SYNTHETIC_PROBER = "synthetic-prober";

    private static final Map<String, String> VERSIONS = Map.ofEntries(
            Map.entry(ORDER_API, "3.12.0"),
            Map.entry(WAREHOUSE_API, "2.4.1"),
            Map.entry(SHIPPING_SERVICE, "1.9.3"),
            Map.entry(ERP_CONNECTOR, "5.0.2"),
            Map.entry(PROCUREMENT_API, "1.22.0"),
            Map.entry(SUPPLIER_GATEWAY, "0.9.8"),
            Map.entry(RECEIVING_SERVICE, "2.1.0"),
            Map.entry(PLANNING_SERVICE, "4.3.1"),
            Map.entry(INVENTORY_SERVICE, "2.4.1"),
            Map.entry(MES_GATEWAY, "1.2.7"),
            Map.entry(COSTING_SERVICE, "3.0.4"),
            Map.entry(ERP_DB, "15.6"),
            Map.entry(MESSAGE_BROKER, "3.8.0"),
            Map.entry(HEALTH_CHECKER, "1.0.0"),
            Map.entry(SYNTHETIC_PROBER, "1.0.0"));

    private Services() {}

    static String usualVersion(String service) {
        return VERSIONS.getOrDefault(service, "1.0.0");
    }
}
