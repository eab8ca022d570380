package dev.concord.ingest.decode;

import dev.concord.ingest.model.MetricKind;
import dev.concord.ingest.model.MetricSample;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import java.util.List;

/**
 * Maps gauges and sums point by point. A histogram or summary point becomes two samples, {@code NAME.count} and
 * {@code NAME.sum}, which is all a guard needs (rates and means); its buckets stay in the raw OTLP on Kafka.
 */
final class MetricMapper {

    private MetricMapper() {}

    static void map(ExportMetricsServiceRequest request, List<MetricSample> samples) {
        for (ResourceMetrics resourceMetrics : request.getResourceMetricsList()) {
            FlatResource resource = FlatResource.of(resourceMetrics.getResource());
            for (ScopeMetrics scopeMetrics : resourceMetrics.getScopeMetricsList()) {
                for (Metric metric : scopeMetrics.getMetricsList()) {
                    map(resource, metric, samples);
                }
            }
        }
    }

    private static void map(FlatResource resource, Metric metric, List<MetricSample> samples) {
        switch (metric.getDataCase()) {
            case GAUGE ->
                metric.getGauge()
                        .getDataPointsList()
                        .forEach(p -> samples.add(number(resource, metric, MetricKind.GAUGE, p)));
            case SUM -> {
                MetricKind kind =
                        metric.getSum().getIsMonotonic() ? MetricKind.MONOTONIC_SUM : MetricKind.NON_MONOTONIC_SUM;
                metric.getSum().getDataPointsList().forEach(p -> samples.add(number(resource, metric, kind, p)));
            }
            case HISTOGRAM -> {
                for (HistogramDataPoint p : metric.getHistogram().getDataPointsList()) {
                    countAndSum(
                            resource,
                            metric,
                            p.getTimeUnixNano(),
                            p.getCount(),
                            p.getSum(),
                            p.getAttributesList(),
                            samples);
                }
            }
            case EXPONENTIAL_HISTOGRAM -> {
                for (ExponentialHistogramDataPoint p :
                        metric.getExponentialHistogram().getDataPointsList()) {
                    countAndSum(
                            resource,
                            metric,
                            p.getTimeUnixNano(),
                            p.getCount(),
                            p.getSum(),
                            p.getAttributesList(),
                            samples);
                }
            }
            case SUMMARY -> {
                for (SummaryDataPoint p : metric.getSummary().getDataPointsList()) {
                    countAndSum(
                            resource,
                            metric,
                            p.getTimeUnixNano(),
                            p.getCount(),
                            p.getSum(),
                            p.getAttributesList(),
                            samples);
                }
            }
            default -> {
                // a metric without data carries nothing to map
            }
        }
    }

    private static MetricSample number(FlatResource resource, Metric metric, MetricKind kind, NumberDataPoint point) {
        double value =
                point.getValueCase() == NumberDataPoint.ValueCase.AS_INT ? point.getAsInt() : point.getAsDouble();
        return new MetricSample(
                resource.identity(),
                metric.getName(),
                metric.getUnit(),
                kind,
                point.getTimeUnixNano(),
                value,
                resource.with(point.getAttributesList()));
    }

    private static void countAndSum(
            FlatResource resource,
            Metric metric,
            long time,
            long count,
            double sum,
            List<KeyValue> attributes,
            List<MetricSample> samples) {
        var flat = resource.with(attributes);
        samples.add(new MetricSample(
                resource.identity(), metric.getName() + ".count", "1", MetricKind.MONOTONIC_SUM, time, count, flat));
        samples.add(new MetricSample(
                resource.identity(),
                metric.getName() + ".sum",
                metric.getUnit(),
                MetricKind.MONOTONIC_SUM,
                time,
                sum,
                flat));
    }
}
