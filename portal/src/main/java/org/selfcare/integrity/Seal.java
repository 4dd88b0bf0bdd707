package org.selfcare.integrity;

/**
 * A record's seal as stored beside it.
 *
 * @param keyId id of the sealing key, stored in {@code seal_key_id}
 * @param value base64url HMAC-SHA256 without padding, stored in {@code seal}
 */
public record Seal(String keyId, String value) {
}
