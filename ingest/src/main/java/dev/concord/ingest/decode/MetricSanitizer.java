package dev.concord.ingest.decode;

import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import java.util.List;
import java.util.Optional;

/**
 * Counts data points as the items of a metrics request, rejects gauge and sum points from the future, and makes
 * resources trustworthy. Histograms and summaries pass through as sent.
 */
final class MetricSanitizer {

    private final ResourceSanitizer resources;
    private final TimeChecks times;

    MetricSanitizer(AttributeSanitizer attributes, TimeChecks times) {
        this.resources = new ResourceSanitizer(attributes);
        this.times = times;
    }

    ExportMetricsServiceRequest sanitize(
            ExportMetricsServiceRequest request, Optional<String> tenant, DecodeReport report) {
        long latest = times.latestAcceptableNanos();
        ExportMetricsServiceRequest.Builder out = ExportMetricsServiceRequest.newBuilder();
        for (ResourceMetrics resourceMetrics : request.getResourceMetricsList()) {
            ResourceMetrics.Builder resourceOut =
                    ResourceMetrics.newBuilder().setSchemaUrl(resourceMetrics.getSchemaUrl());
            int kept = 0;
            for (ScopeMetrics scopeMetrics : resourceMetrics.getScopeMetricsList()) {
                ScopeMetrics.Builder scopeOut = scopeMetrics.toBuilder().clearMetrics();
                for (Metric metric : scopeMetrics.getMetricsList()) {
                    Metric clean = sanitize(metric, latest, report);
                    int points = points(clean);
                    if (points > 0) {
                        scopeOut.addMetrics(clean);
                        kept += points;
                    }
                }
                if (scopeOut.getMetricsCount() > 0) {
                    resourceOut.addScopeMetrics(scopeOut);
                }
            }
            if (kept > 0) {
                resourceOut.setResource(resources.sanitize(resourceMetrics.getResource(), tenant, kept, report));
                out.addResourceMetrics(resourceOut);
            }
        }
        return out.build();
    }

    private static Metric sanitize(Metric metric, long latestNanos, DecodeReport report) {
        return switch (metric.getDataCase()) {
            case GAUGE -> {
                List<NumberDataPoint> points = keep(metric.getGauge().getDataPointsList(), latestNanos, report);
                yield points == metric.getGauge().getDataPointsList()
                        ? metric
                        : metric.toBuilder()
                                .setGauge(metric.getGauge().toBuilder()
                                        .clearDataPoints()
                                        .addAllDataPoints(points))
                                .build();
            }
            case SUM -> {
                List<NumberDataPoint> points = keep(metric.getSum().getDataPointsList(), latestNanos, report);
                yield points == metric.getSum().getDataPointsList()
                        ? metric
                        : metric.toBuilder()
                                .setSum(metric.getSum().toBuilder()
                                        .clearDataPoints()
                                        .addAllDataPoints(points))
                                .build();
            }
            default -> {
                for (int i = 0; i < points(metric); i++) {
                    report.accept();
                }
                yield metric;
            }
        };
    }

    private static List<NumberDataPoint> keep(List<NumberDataPoint> points, long latestNanos, DecodeReport report) {
        boolean allGood = true;
        for (NumberDataPoint point : points) {
            if (point.getTimeUnixNano() > latestNanos) {
                allGood = false;
                report.reject(
                        RejectReason.FUTURE_TIMESTAMP,
                        "a data point has a timestamp more than the allowed skew in the future");
            } else {
                report.accept();
            }
        }
        return allGood
                ? points
                : points.stream()
                        .filter(p -> p.getTimeUnixNano() <= latestNanos)
                        .toList();
    }

    static int points(Metric metric) {
        return switch (metric.getDataCase()) {
            case GAUGE -> metric.getGauge().getDataPointsCount();
            case SUM -> metric.getSum().getDataPointsCount();
            case HISTOGRAM -> metric.getHistogram().getDataPointsCount();
            case EXPONENTIAL_HISTOGRAM -> metric.getExponentialHistogram().getDataPointsCount();
            case SUMMARY -> metric.getSummary().getDataPointsCount();
            default -> 0;
        };
    }
}
