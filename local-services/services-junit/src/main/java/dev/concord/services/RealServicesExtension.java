package dev.concord.services;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;
import org.opentest4j.TestAbortedException;

/**
 * Checks the services a {@link RequiresServices} class names. A missing service fails the class when the environment
 * variable {@code CI} is {@code true}, so a CI run never passes without its services; elsewhere the class is skipped.
 */
public final class RealServicesExtension implements ExecutionCondition, BeforeAllCallback, ParameterResolver {

    private final Readiness readiness = new Readiness();
    private final boolean failWhenMissing;

    /** Set to {@code true} or {@code false} to override what the {@code CI} environment variable says. */
    static final String FAIL_WHEN_MISSING_PROPERTY = "concord.services.failWhenMissing";

    public RealServicesExtension() {
        String override = System.getProperty(FAIL_WHEN_MISSING_PROPERTY);
        this.failWhenMissing = Boolean.parseBoolean(override != null ? override : System.getenv("CI"));
    }

    /** Skips, with the reason, a class whose services are missing, unless missing services must fail the run. */
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        if (failWhenMissing || context.getTestClass().isEmpty()) {
            return ConditionEvaluationResult.enabled("missing services fail the run");
        }
        String missing = missing(context);
        return missing.isEmpty()
                ? ConditionEvaluationResult.enabled("every required service is ready")
                : ConditionEvaluationResult.disabled("Skipped: " + missing);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        String missing = missing(context);
        if (missing.isEmpty()) {
            return;
        }
        if (failWhenMissing) {
            throw new IllegalStateException("CI=true and a required service is missing:\n" + missing);
        }
        throw new TestAbortedException("Skipped: " + missing);
    }

    private String missing(ExtensionContext context) {
        Service[] required = AnnotationSupport.findAnnotation(context.getRequiredTestClass(), RequiresServices.class)
                .map(RequiresServices::value)
                .orElse(new Service[0]);
        List<String> missing = new ArrayList<>();
        for (Service service : required) {
            Optional<String> problem = readiness.check(service);
            problem.ifPresent(why -> missing.add(service.scriptName() + " is not ready at " + service.endpoint() + " ("
                    + why + "); " + service.howToStart()));
        }
        return String.join("\n", missing);
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
