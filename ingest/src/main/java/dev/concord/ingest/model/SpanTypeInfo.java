package dev.concord.ingest.model;

import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** Flink's type information for {@link Span}: an opaque record serialized by {@link SpanSerializer}. */
public final class SpanTypeInfo extends TypeInformation<Span> {

    private static final long serialVersionUID = 1L;

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<Span> getTypeClass() {
        return Span.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<Span> createSerializer(SerializerConfig config) {
        return new SpanSerializer();
    }

    @Override
    public String toString() {
        return "Span";
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SpanTypeInfo;
    }

    @Override
    public int hashCode() {
        return SpanTypeInfo.class.hashCode();
    }

    @Override
    public boolean canEqual(Object other) {
        return other instanceof SpanTypeInfo;
    }

    /** Named by {@code @TypeInfo} on {@link Span}, so every {@code TypeInformation.of(Span.class)} finds it. */
    public static final class Factory extends TypeInfoFactory<Span> {
        @Override
        public TypeInformation<Span> createTypeInfo(Type type, Map<String, TypeInformation<?>> parameters) {
            return new SpanTypeInfo();
        }
    }
}
