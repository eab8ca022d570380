package dev.concord.ingest.otlp;

import java.util.Locale;
import java.util.Optional;

/** The two encodings of OTLP over HTTP, by their media types. */
public enum PayloadFormat {
    PROTOBUF("application/x-protobuf"),
    JSON("application/json");

    private final String mediaType;

    PayloadFormat(String mediaType) {
        this.mediaType = mediaType;
    }

    public String mediaType() {
        return mediaType;
    }

    /** The format of a {@code Content-Type} header, ignoring parameters such as {@code charset}; empty if neither. */
    public static Optional<PayloadFormat> ofContentType(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        int semicolon = contentType.indexOf(';');
        String bare = (semicolon < 0 ? contentType : contentType.substring(0, semicolon))
                .trim()
                .toLowerCase(Locale.ROOT);
        for (PayloadFormat format : values()) {
            if (format.mediaType.equals(bare)) {
                return Optional.of(format);
            }
        }
        return Optional.empty();
    }
}
