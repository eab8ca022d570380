package dev.concord.ingest.receiver.grpc;

import dev.concord.ingest.receiver.Authenticator;
import dev.concord.ingest.receiver.Principal;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.Optional;

/** Authenticates every call from its {@code authorization} metadata before the message is even read. */
final class BearerInterceptor implements ServerInterceptor {

    static final Context.Key<Principal> PRINCIPAL = Context.key("concord-principal");
    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final Authenticator authenticator;

    BearerInterceptor(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
            ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        Optional<Principal> principal = authenticator.authenticate(headers.get(AUTHORIZATION));
        if (principal.isEmpty()) {
            call.close(Status.UNAUTHENTICATED.withDescription("missing or invalid bearer token"), new Metadata());
            return new ServerCall.Listener<>() {};
        }
        return Contexts.interceptCall(Context.current().withValue(PRINCIPAL, principal.get()), call, headers, next);
    }
}
