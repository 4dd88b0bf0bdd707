package org.selfcare.integrity;

import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.selfcare.support.PortalTest;
import org.selfcare.support.RequestSigner;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

@PortalTest
class NonceStoreTests {

    @Autowired
    NonceStore nonces;

    @Autowired
    ExpiredNonceCleanup cleanup;

    @Autowired
    JdbcClient jdbc;

    @Test
    void firstUseIsRecordedOnce() {
        String keyId = RequestSigner.newNonce();
        String nonce = RequestSigner.newNonce();
        Instant expiresAt = Instant.now().plusSeconds(240);

        assertThat(nonces.recordFirstUse(keyId, nonce, expiresAt)).isTrue();
        assertThat(nonces.recordFirstUse(keyId, nonce, expiresAt)).isFalse();
    }

    @Test
    void sameNonceOfOtherKeyIsFirstUse() {
        String nonce = RequestSigner.newNonce();
        Instant expiresAt = Instant.now().plusSeconds(240);

        assertThat(nonces.recordFirstUse(RequestSigner.newNonce(), nonce, expiresAt)).isTrue();
        assertThat(nonces.recordFirstUse(RequestSigner.newNonce(), nonce, expiresAt)).isTrue();
    }

    @Test
    void cleanupDeletesOnlyExpiredNonces() {
        String keyId = RequestSigner.newNonce();
        String expired = RequestSigner.newNonce();
        String current = RequestSigner.newNonce();
        nonces.recordFirstUse(keyId, expired, Instant.now().minusSeconds(1));
        nonces.recordFirstUse(keyId, current, Instant.now().plusSeconds(240));

        cleanup.deleteExpired();

        assertThat(jdbc.sql("SELECT nonce FROM request_nonce WHERE session_key_id = ?").param(keyId)
                .query(String.class).list()).containsExactly(current);
    }
}
