package dev.concord.engine;

import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** The execution settings every Concord job runs with, embedded or on a cluster. */
public final class Engine {

    private Engine() {}

    /**
     * Settings that make a Kryo fallback fail at job build time instead of silently slowing state down, and that hand
     * records between chained operators without a defensive copy: every type on Concord's streams is an immutable
     * record, so no operator can see another change what it was given.
     */
    public static Configuration baseConfiguration() {
        Configuration configuration = new Configuration();
        configuration.set(PipelineOptions.GENERIC_TYPES, false);
        configuration.set(PipelineOptions.OBJECT_REUSE, true);
        configuration.set(PipelineOptions.MAX_PARALLELISM, Conventions.MAX_PARALLELISM);
        return configuration;
    }

    /** An embedded MiniCluster with the given parallelism. */
    public static StreamExecutionEnvironment embedded(int parallelism) {
        if (parallelism < 1) {
            throw new IllegalArgumentException("parallelism must be at least 1: " + parallelism);
        }
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.createLocalEnvironment(parallelism, baseConfiguration());
        env.setMaxParallelism(Conventions.MAX_PARALLELISM);
        return env;
    }

    /** The environment of the cluster the job was submitted to. */
    public static StreamExecutionEnvironment cluster() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(baseConfiguration());
        env.setMaxParallelism(Conventions.MAX_PARALLELISM);
        return env;
    }
}
