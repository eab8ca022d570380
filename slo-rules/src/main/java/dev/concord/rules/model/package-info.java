/**
 * The rules as immutable records. A field is {@code null} only when the loader could not read it, in which case it
 * has already reported why; the validator skips what is missing rather than repeating that report.
 */
package dev.concord.rules.model;
