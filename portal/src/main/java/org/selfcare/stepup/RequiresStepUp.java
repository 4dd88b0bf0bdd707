package org.selfcare.stepup;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a controller method that needs a valid second-authentication proof for {@link #value()} in the session.
 * Without one, API paths ({@code /api/...}) return 403 with the code {@code step_up_required}, and pages redirect to
 * the step-up page, which returns to the page after the proof.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.METHOD, ElementType.TYPE })
public @interface RequiresStepUp {

    Purpose value();
}
