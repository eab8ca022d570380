package dev.concord.ingest.receiver;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads a tokens file: one {@code TENANT sha256:HEX} per line, where HEX is the SHA-256 of the bearer token;
 * {@code #} starts a comment. Only hashes are stored, so the file never holds a usable credential.
 */
final class TokenFile {

    private static final Pattern LINE = Pattern.compile("([A-Za-z0-9._-]+)\\s+sha256:([0-9a-fA-F]{64})");

    private TokenFile() {}

    /** Token hash (hex, lowercase) to tenant. Every bad line is reported, by number, in one exception. */
    static Map<String, String> read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        Map<String, String> tenantsByHash = new HashMap<>();
        StringBuilder errors = new StringBuilder();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            int comment = line.indexOf('#');
            if (comment >= 0) {
                line = line.substring(0, comment).strip();
            }
            if (line.isEmpty()) {
                continue;
            }
            var match = LINE.matcher(line);
            if (!match.matches()) {
                errors.append("\n  line ").append(i + 1).append(": expected 'TENANT sha256:<64 hex digits>'");
                continue;
            }
            String hash = match.group(2).toLowerCase(java.util.Locale.ROOT);
            if (tenantsByHash.putIfAbsent(hash, match.group(1)) != null) {
                errors.append("\n  line ").append(i + 1).append(": the same token hash appears twice");
            }
        }
        if (!errors.isEmpty()) {
            throw new IllegalArgumentException("invalid tokens file " + file + ":" + errors);
        }
        return Map.copyOf(tenantsByHash);
    }

    static String hash(String token) {
        try {
            byte[] digest =
                    java.security.MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
