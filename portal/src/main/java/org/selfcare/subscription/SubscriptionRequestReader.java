package org.selfcare.subscription;

import java.io.IOException;
import java.io.InputStream;
import java.util.Iterator;
import java.util.Set;

import org.selfcare.stepup.Confirmation;
import org.selfcare.stepup.ProofMethod;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Reads the JSON body of a subscribe or cancel request strictly: at most {@value #MAX_BODY_BYTES} bytes, one JSON
 * object, no key twice, no member the request does not define, and every member of its own type. Anything else is
 * rejected with {@code invalid_request} and a reason in plain words, rather than coerced or ignored.
 */
@Component
class SubscriptionRequestReader {

    /** Largest body read; a valid request fits many times over. */
    static final int MAX_BODY_BYTES = 4 * 1024;

    /** Maximum length of a confirmation secret, which is the maximum service password length. */
    static final int MAX_SECRET_LENGTH = 128;

    private static final Set<String> CONFIRMATION_MEMBERS = Set.of("method", "secret");

    private final JsonMapper json = JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

    /**
     * Reads {@code {"service": code, "confirmation": {...}}}; the confirmation may be absent or null.
     */
    SubscriptionRequest readSubscribe(HttpServletRequest request) throws IOException {
        JsonNode root = object(request, Set.of("service", "confirmation"));
        JsonNode service = root.get("service");
        if (service == null || service.isNull()) {
            throw SubscriptionRefusedException.invalid("service-missing");
        }
        if (!service.isString()) {
            throw SubscriptionRefusedException.invalid("not-text", "service");
        }
        if (!JdbcServiceCatalogue.CODE.matcher(service.stringValue()).matches()) {
            throw SubscriptionRefusedException.unknownService();
        }
        return new SubscriptionRequest(service.stringValue(), confirmation(root.get("confirmation")));
    }

    /**
     * Reads {@code {"confirmation": {...}}}; an empty body or a missing or null confirmation is a request without
     * one.
     */
    SubscriptionRequest readCancel(HttpServletRequest request) throws IOException {
        byte[] body = body(request);
        if (body.length == 0) {
            return new SubscriptionRequest(null, null);
        }
        JsonNode root = object(body, Set.of("confirmation"));
        return new SubscriptionRequest(null, confirmation(root.get("confirmation")));
    }

    private JsonNode object(HttpServletRequest request, Set<String> members) throws IOException {
        return object(body(request), members);
    }

    private JsonNode object(byte[] body, Set<String> members) {
        JsonNode root;
        try {
            root = json.readTree(body);
        }
        catch (JacksonException ex) {
            throw SubscriptionRefusedException.invalid("not-json");
        }
        if (root == null || !root.isObject()) {
            throw SubscriptionRefusedException.invalid("not-json");
        }
        onlyKnownMembers(root, members);
        return root;
    }

    private static byte[] body(HttpServletRequest request) throws IOException {
        byte[] body;
        try (InputStream in = request.getInputStream()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            throw SubscriptionRefusedException.invalid("too-large", MAX_BODY_BYTES);
        }
        return body;
    }

    private static Confirmation confirmation(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw SubscriptionRefusedException.invalid("confirmation");
        }
        onlyKnownMembers(node, CONFIRMATION_MEMBERS);
        JsonNode method = node.get("method");
        JsonNode secret = node.get("secret");
        if (method == null || !method.isString() || secret == null || !secret.isString()) {
            throw SubscriptionRefusedException.invalid("confirmation");
        }
        ProofMethod proof = ProofMethod.fromPathName(method.stringValue())
                .orElseThrow(() -> SubscriptionRefusedException.invalid("confirmation"));
        String value = secret.stringValue();
        if (value.isEmpty() || value.length() > MAX_SECRET_LENGTH) {
            throw SubscriptionRefusedException.invalid("secret-length", MAX_SECRET_LENGTH);
        }
        return new Confirmation(proof, value);
    }

    private static void onlyKnownMembers(JsonNode node, Set<String> members) {
        Iterator<String> names = node.propertyNames().iterator();
        while (names.hasNext()) {
            String name = names.next();
            if (!members.contains(name)) {
                throw SubscriptionRefusedException.invalid("unknown-member", name.length() > 40
                        ? name.substring(0, 40) + "..." : name);
            }
        }
    }
}
