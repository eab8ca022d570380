package dev.concord.ingest.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttributeMapTest {

    private static final String[] KEYS = {"http.route", null, "url.scheme", "cloud.availability_zone"};
    private static final String[] VALUES = {"/stock/{sku}", "removed", "https", "us-east-1b"};

    @Test
    void holdsThePairsWhoseKeyIsSetAndEqualsTheSameEntriesInAnyMap() {
        Map<String, String> attributes = AttributeMap.of(KEYS, VALUES, KEYS.length);
        Map<String, String> expected = new HashMap<>();
        expected.put("http.route", "/stock/{sku}");
        expected.put("url.scheme", "https");
        expected.put("cloud.availability_zone", "us-east-1b");

        assertThat(attributes).isEqualTo(expected).hasSize(3);
        assertThat(expected).isEqualTo(attributes);
        assertThat(attributes.hashCode()).isEqualTo(Map.copyOf(expected).hashCode());
        assertThat(attributes.get("url.scheme")).isEqualTo("https");
        assertThat(attributes.get(new String("url.scheme".toCharArray()))).isEqualTo("https");
        assertThat(attributes.get("url.path")).isNull();
        assertThat(attributes.containsKey("cloud.availability_zone")).isTrue();
        assertThat(attributes.containsValue("removed")).isFalse();
    }

    @Test
    void onlyTheFirstCountPairsAreTaken() {
        assertThat(AttributeMap.of(KEYS, VALUES, 1)).isEqualTo(Map.of("http.route", "/stock/{sku}"));
        assertThat(AttributeMap.of(KEYS, VALUES, 0)).isEmpty();
    }

    @Test
    void rejectsChangesAndNullLookupsAsMapCopyOfDoes() {
        Map<String, String> attributes = AttributeMap.of(KEYS, VALUES, KEYS.length);

        assertThatThrownBy(() -> attributes.put("k", "v")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> attributes.remove("http.route")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(attributes::clear).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> attributes.entrySet().iterator().next().setValue("x"))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> attributes.get(null)).isInstanceOf(NullPointerException.class);
        assertThat(attributes).hasSize(3);
    }

    @Test
    void aSpanKeepsTheMapAsGivenAndCopiesAnyOther() {
        Map<String, String> attributes = AttributeMap.of(KEYS, VALUES, KEYS.length);
        ResourceIdentity resource =
                new ResourceIdentity("warehouse-api", "1.4.2", "aws", "us-east-1", "production", "acme");
        Span span = new Span(
                resource,
                "4bf92f3577b34da6a3ce929d0e0e4736",
                "00f067aa0ba902b7",
                "",
                "GET /stock/{sku}",
                SpanKind.SERVER,
                1L,
                2L,
                StatusCode.UNSET,
                "",
                "",
                "",
                "",
                attributes,
                1.0);
        Map<String, String> mutable = new HashMap<>(attributes);
        Span copied = new Span(
                resource,
                span.traceId(),
                span.spanId(),
                "",
                span.name(),
                span.kind(),
                1L,
                2L,
                StatusCode.UNSET,
                "",
                "",
                "",
                "",
                mutable,
                1.0);
        mutable.put("late", "change");

        assertThat(span.attributes()).isSameAs(attributes);
        assertThat(copied).isEqualTo(span);
    }

    @Test
    void aMapOverABaseHoldsBothWithItsOwnKeysWinningAndEqualsTheMergedMap() {
        AttributeMap resource = AttributeMap.of(
                new String[] {"host.name", "k8s.pod.name", "shared"}, new String[] {"h", "p", "resource"}, 3);
        AttributeMap disjoint = AttributeMap.over(resource, KEYS, VALUES, KEYS.length);
        AttributeMap clashing = AttributeMap.over(
                resource, new String[] {"shared", null, "url.scheme"}, new String[] {"span", "removed", "https"}, 3);
        Map<String, String> merged = new HashMap<>(resource);
        merged.put("http.route", "/stock/{sku}");
        merged.put("url.scheme", "https");
        merged.put("cloud.availability_zone", "us-east-1b");

        assertThat(disjoint).isEqualTo(merged).hasSize(6);
        assertThat(merged).isEqualTo(disjoint);
        assertThat(disjoint.hashCode()).isEqualTo(Map.copyOf(merged).hashCode());
        assertThat(disjoint.get("k8s.pod.name")).isEqualTo("p");
        assertThat(disjoint.containsKey("host.name")).isTrue();
        assertThat(disjoint.containsValue("resource")).isTrue();
        assertThat(disjoint.entrySet())
                .hasSize(6)
                .contains(Map.entry("host.name", "h"), Map.entry("url.scheme", "https"));
        assertThat(clashing)
                .isEqualTo(Map.of("host.name", "h", "k8s.pod.name", "p", "shared", "span", "url.scheme", "https"))
                .hasSize(4);
        assertThat(clashing.get("shared")).isEqualTo("span");
        assertThat(clashing.containsValue("resource")).isFalse();
        assertThat(AttributeMap.over(resource, KEYS, VALUES, 0)).isEqualTo(resource);
        assertThat(AttributeMap.over(AttributeMap.of(KEYS, VALUES, 0), KEYS, VALUES, 1))
                .isEqualTo(Map.of("http.route", "/stock/{sku}"));
        Map<String, String> overMerged = new HashMap<>(merged);
        overMerged.put("host.name", "other");
        assertThat(AttributeMap.over(disjoint, new String[] {"host.name"}, new String[] {"other"}, 1))
                .isEqualTo(overMerged);
        assertThatThrownBy(() -> disjoint.put("k", "v")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> disjoint.get(null)).isInstanceOf(NullPointerException.class);
    }
}
