package dev.concord.services;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Marks a test class that needs real services. Before the class runs, each service is checked for readiness. When
 * one is missing the class fails under {@code CI=true} and is skipped otherwise, with a message saying how to start
 * it. Test methods and constructors may take a {@link ServiceEndpoints} parameter.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RealServicesExtension.class)
public @interface RequiresServices {
    Service[] value();
}
