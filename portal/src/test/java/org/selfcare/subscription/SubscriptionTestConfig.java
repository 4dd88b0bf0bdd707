package org.selfcare.subscription;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import org.selfcare.identity.SubscriberDirectory;
import org.selfcare.stepup.ConfirmationRejectedException;
import org.selfcare.stepup.ConfirmationRequiredException;
import org.selfcare.stepup.ProofMethod;
import org.selfcare.support.RecordingSecurityLog;
import org.selfcare.support.TestClock;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * The context of the subscription tests: a clock they set, a security log they read, and the stand-in
 * confirmation with the contract's rendering of its exceptions.
 */
@TestConfiguration(proxyBeanMethods = false)
class SubscriptionTestConfig {

    @Bean
    @Primary
    TestClock testClock() {
        return new TestClock();
    }

    @Bean
    @Primary
    RecordingSecurityLog recordingSecurityLog() {
        return new RecordingSecurityLog();
    }

    @Bean
    TestOperationConfirmation testOperationConfirmation(SubscriberDirectory directory) {
        return new TestOperationConfirmation(directory);
    }

    @Bean
    ConfirmationRendering confirmationRendering() {
        return new ConfirmationRendering();
    }

    /** Renders the confirmation's exceptions in the contract's shape, as the step-up module will. */
    @RestControllerAdvice
    static class ConfirmationRendering {

        @ExceptionHandler(ConfirmationRequiredException.class)
        ResponseEntity<Map<String, Object>> required(ConfirmationRequiredException ex) {
            Map<String, Object> body = error(403, "step_up_required", "Confirm " + ex.operation().description());
            body.put("purpose", ex.operation().purpose().pathName());
            body.put("operation", TestOperationConfirmation.operationJson(ex));
            body.put("methods", ex.methods().stream().map(ProofMethod::pathName).sorted().toList());
            return ResponseEntity.status(HttpStatus.FORBIDDEN).body(body);
        }

        @ExceptionHandler(ConfirmationRejectedException.class)
        ResponseEntity<Map<String, Object>> rejected(ConfirmationRejectedException ex) {
            return ResponseEntity.badRequest().body(error(400, "proof_invalid", "The confirmation is not valid."));
        }

        private static Map<String, Object> error(int status, String code, String message) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", status);
            body.put("error", message);
            body.put("code", code);
            body.put("errorId", UUID.randomUUID().toString());
            return body;
        }
    }
}
