package org.selfcare.stepup;

import tools.jackson.databind.ObjectMapper;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Registers the check of {@link RequiresStepUp} for every handler.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class StepUpWebConfiguration implements WebMvcConfigurer {

    private final StepUpProofs proofs;

    private final StepUpResponses responses;

    private final ObjectMapper json;

    StepUpWebConfiguration(StepUpProofs proofs, StepUpResponses responses, ObjectMapper json) {
        this.proofs = proofs;
        this.responses = responses;
        this.json = json;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new StepUpInterceptor(proofs, responses, json));
    }
}
