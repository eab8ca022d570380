package dev.concord.ingest.decode;

import com.google.protobuf.Message;
import dev.concord.ingest.otlp.OtlpSignal;

/** An OTLP request cleaned for forwarding, with the report of what was accepted, rejected and adjusted. */
public record SanitizedRequest(OtlpSignal signal, Message request, DecodeReport report) {}
