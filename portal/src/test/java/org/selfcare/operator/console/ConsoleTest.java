package org.selfcare.operator.console;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.selfcare.support.PortalTest;

import org.springframework.context.annotation.Import;

/**
 * A {@link PortalTest} with the stand-ins of {@link ConsoleTestBeans}. Every console test class uses this one
 * annotation, so they share one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@PortalTest
@Import(ConsoleTestBeans.class)
public @interface ConsoleTest {
}
