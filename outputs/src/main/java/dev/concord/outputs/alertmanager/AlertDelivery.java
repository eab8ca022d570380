package dev.concord.outputs.alertmanager;

/** How one kind of record becomes alerts: made once per sink writer, so it may remember what it has fired. */
interface AlertDelivery<T> {

    /** @throws RuntimeException when the record cannot be made an alert (an invalid label name, for example) */
    void deliver(T record, AlertmanagerClient client);

    /** Names the record in a log line. */
    String describe(T record);
}
