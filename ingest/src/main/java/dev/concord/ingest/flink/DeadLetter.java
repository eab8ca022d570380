package dev.concord.ingest.flink;

/**
 * A message that could not be decoded, kept for inspection instead of failing the job.
 *
 * @param signal the signal the message was read as ({@code traces}, {@code logs}, {@code metrics})
 * @param reason why it could not be decoded
 * @param payloadBytes the message's size
 * @param payloadPrefix the start of the message in hex, enough to recognise it without storing it whole
 */
public record DeadLetter(String signal, String reason, int payloadBytes, String payloadPrefix) {}
