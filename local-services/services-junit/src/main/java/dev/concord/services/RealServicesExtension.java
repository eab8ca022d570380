package dev.concord.services;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.TestAbortedException;

/**
 * Checks the services a {@link RequiresServices} class names. A missing service fails the class when the environment
 * variable {@code CI} is {@code true}, so a CI run never passes without its services; elsewhere the class is skipped.
 */
public final class RealServicesExtension implements BeforeAllCallback, ParameterResolver {

    private final Readiness readiness = new Readiness();
    private final boolean failWhenMissing;

    public RealServicesExtension() {
        this("true".equalsIgnoreCase(System.getenv("CI")));
    }

    RealServicesExtension(boolean failWhenMissing) {
        this.failWhenMissing = failWhenMissing;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Service[] required = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), RequiresServices.class)
                .map(RequiresServices::value)
                .orElse(new Service[0]);
        List<String> missing = new ArrayList<>();
        for (Service service : required) {
            Optional<String> problem = readiness.check(service);
            problem.ifPresent(why -> missing.add(service.scriptName() + " is not ready at " + service.endpoint() + " ("
                    + why + "); " + service.howToStart()));
        }
        if (missing.isEmpty()) {
            return;
        }
        String message = String.join("\n", missing);
        if (failWhenMissing) {
            throw new IllegalStateException("CI=true and a required service is missing:\n" + message);
        }
        throw new TestAbortedException("Skipped: " + message);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == ServiceEndpoints.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return ServiceEndpoints.INSTANCE;
    }
}
