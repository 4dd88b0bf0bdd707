package org.selfcare.platform.web;

import java.util.Map;
import java.util.UUID;

import org.selfcare.platform.KeysetCursor.InvalidCursorException;
import jakarta.validation.ConstraintViolationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Turns a client's mistake in an API request into a 400 response that states, in plain words, which parameter
 * was wrong and what it should look like.
 */
@RestControllerAdvice(basePackages = "org.selfcare")
class ApiErrorHandler {

    private static final Logger logger = LoggerFactory.getLogger(ApiErrorHandler.class);

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Map<String, Object>> typeMismatch(MethodArgumentTypeMismatchException ex) {
        String expected = switch (ex.getName()) {
            case "month" -> "a month such as 2010-10";
            case "limit" -> "a whole number";
            default -> "a valid value";
        };
        return badRequest("Parameter '" + ex.getName() + "' must be " + expected + ".");
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Map<String, Object>> missing(MissingServletRequestParameterException ex) {
        return badRequest("Parameter '" + ex.getParameterName() + "' is missing.");
    }

    @ExceptionHandler(HandlerMethodValidationException.class)
    ResponseEntity<Map<String, Object>> invalid(HandlerMethodValidationException ex) {
        return badRequest("A parameter is out of range: " + ex.getParameterValidationResults()
                .stream()
                .map((result) -> result.getMethodParameter().getParameterName() + " "
                        + result.getResolvableErrors().get(0).getDefaultMessage())
                .findFirst()
                .orElse("check the request") + ".");
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Map<String, Object>> outOfRange(ConstraintViolationException ex) {
        return badRequest("A parameter is out of range: " + ex.getConstraintViolations()
                .stream()
                .map((violation) -> lastNode(violation.getPropertyPath().toString()) + " " + violation.getMessage())
                .findFirst()
                .orElse("check the request") + ".");
    }

    @ExceptionHandler(InvalidCursorException.class)
    ResponseEntity<Map<String, Object>> invalidCursor(InvalidCursorException ex) {
        return badRequest(ex.getMessage() + ".");
    }

    private static String lastNode(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    private static ResponseEntity<Map<String, Object>> badRequest(String message) {
        String errorId = UUID.randomUUID().toString();
        logger.debug("Bad API request errorId={}: {}", errorId, message);
        return ResponseEntity.status(HttpStatus.BAD_REQUEST)
                .body(Map.of("status", 400, "error", message, "errorId", errorId));
    }
}
