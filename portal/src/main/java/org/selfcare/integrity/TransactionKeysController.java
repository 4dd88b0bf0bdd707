package org.selfcare.integrity;

import java.time.Duration;
import java.util.Map;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Publishes the public half of the current transaction-encryption key as a JWK set, with its key id, use and
 * algorithm, so browsers and other clients know what to encrypt purchase requests to. The set is public: it
 * holds no secret, and clients fetch it before they build a request.
 */
@RestController
class TransactionKeysController {

    static final String PATH = "/.well-known/jwks.json";

    private final TransactionKeys keys;

    TransactionKeysController(TransactionKeys keys) {
        this.keys = keys;
    }

    @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<Map<String, Object>> jwks() {
        return ResponseEntity.ok()
                .cacheControl(CacheControl.maxAge(Duration.ofMinutes(5)).cachePublic())
                .body(keys.publicKeys().toJSONObject(true));
    }
}
