package org.selfcare.identity;

import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.KeyGenerator;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.imageio.ImageIO;

import cn.hutool.captcha.ShearCaptcha;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.web.util.WebUtils;

import jakarta.servlet.http.HttpSession;

/**
 * Issues and checks the verification codes of the sign-in page. Each session has at most one pending code. The
 * session stores an HMAC of the answer under a key that lives only in this process, never the answer itself.
 * A code is consumed by the first check, right or wrong, expires after {@code selfcare.captcha.ttl}, and is
 * compared without regard to case.
 */
@Component
class CaptchaChallenges {

    static final String SESSION_ATTRIBUTE = CaptchaChallenges.class.getName() + ".PENDING";

    static final int IMAGE_WIDTH = 200;

    static final int IMAGE_HEIGHT = 64;

    /** Maximum length of an answer that is compared at all, which is also the maximum test key length. */
    static final int MAX_ANSWER_LENGTH = 128;

    private static final Logger logger = LoggerFactory.getLogger(CaptchaChallenges.class);

    private static final String HASH_ALGORITHM = "HmacSHA256";

    private static final int ID_BYTES = 16;

    /** Thickness in pixels of the line ShearCaptcha draws across the characters. */
    private static final int INTERFERENCE_THICKNESS = 3;

    private final CaptchaAnswers answers;

    private final Clock clock;

    private final Duration ttl;

    private final byte[] testKey;

    private final SecretKey hashKey;

    private final SecureRandom idRandom = new SecureRandom();

    CaptchaChallenges(CaptchaProperties properties, CaptchaAnswers answers, Clock clock) {
        this.answers = answers;
        this.clock = clock;
        this.ttl = properties.ttl();
        this.testKey = (properties.testKey() == null) ? null : properties.testKey().getBytes(StandardCharsets.UTF_8);
        try {
            this.hashKey = KeyGenerator.getInstance(HASH_ALGORITHM).generateKey();
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("The JDK provides no " + HASH_ALGORITHM, ex);
        }
        if (this.testKey != null) {
            logger.warn("A CAPTCHA test key is configured (selfcare.captcha.test-key): a sign-in that sends it "
                    + "is accepted without solving the code. Configure it only for automated conformance runs.");
        }
    }

    /**
     * Issues a new code for the session, replacing any pending one. Its image is kept until the browser
     * fetches it with {@link #takeImage}.
     */
    void issue(HttpSession session) {
        issue(session, SESSION_ATTRIBUTE);
    }

    /**
     * Issues a new code under {@code attribute}, replacing any pending one there.
     *
     * @return the id of the new code
     */
    String issue(HttpSession session, String attribute) {
        Challenge challenge = newChallenge();
        synchronized (WebUtils.getSessionMutex(session)) {
            session.setAttribute(attribute, challenge);
        }
        return challenge.id();
    }

    /**
     * Returns the PNG image of the pending code and drops it from the session. When the image was already
     * taken, or no unexpired code is pending, a new code is issued first, so the image shown is always the
     * code that the next sign-in is checked against.
     */
    byte[] takeImage(HttpSession session) {
        return takeImage(session, SESSION_ATTRIBUTE).image();
    }

    /**
     * Returns the pending code under {@code attribute} with its image, as {@link #takeImage(HttpSession)} does.
     */
    Challenge takeImage(HttpSession session, String attribute) {
        synchronized (WebUtils.getSessionMutex(session)) {
            Challenge pending = (Challenge) session.getAttribute(attribute);
            if (pending == null || pending.image() == null || pending.isExpiredAt(clock.instant())) {
                pending = newChallenge();
            }
            session.setAttribute(attribute, pending.withoutImage());
            return pending;
        }
    }

    /**
     * Checks a sign-in's answer against the session's pending code and consumes that code whatever the
     * outcome. The configured test key is accepted in place of the answer, but only while a code is pending,
     * so a replayed sign-in fails with it too.
     *
     * @param session the sign-in's session, or {@code null} when it has none
     * @param answer the answer as typed, or {@code null} when the field is missing
     */
    CaptchaVerification verify(HttpSession session, String answer) {
        return verify(session, SESSION_ATTRIBUTE, null, answer);
    }

    /**
     * Checks an answer against the pending code under {@code attribute}, as {@link #verify(HttpSession, String)}
     * does. When {@code expectedId} is given, the pending code must have that id, so an answer typed for an older
     * picture fails.
     */
    CaptchaVerification verify(HttpSession session, String attribute, String expectedId, String answer) {
        Challenge pending = (session == null) ? null : take(session, attribute);
        if (answer == null || answer.isBlank()) {
            return CaptchaVerification.MISSING_ANSWER;
        }
        if (pending == null) {
            return CaptchaVerification.NO_CHALLENGE;
        }
        if (expectedId != null && !MessageDigest.isEqual(pending.id().getBytes(StandardCharsets.UTF_8),
                expectedId.getBytes(StandardCharsets.UTF_8))) {
            return CaptchaVerification.OTHER_CHALLENGE;
        }
        if (pending.isExpiredAt(clock.instant())) {
            return CaptchaVerification.EXPIRED;
        }
        if (answer.length() > MAX_ANSWER_LENGTH) {
            return CaptchaVerification.WRONG_ANSWER;
        }
        if (testKey != null && MessageDigest.isEqual(testKey, answer.getBytes(StandardCharsets.UTF_8))) {
            return CaptchaVerification.TEST_KEY_ACCEPTED;
        }
        if (MessageDigest.isEqual(pending.answerHash(), hash(answer))) {
            return CaptchaVerification.SOLVED;
        }
        return CaptchaVerification.WRONG_ANSWER;
    }

    private Challenge take(HttpSession session, String attribute) {
        synchronized (WebUtils.getSessionMutex(session)) {
            Challenge pending = (Challenge) session.getAttribute(attribute);
            session.removeAttribute(attribute);
            return pending;
        }
    }

    private Challenge newChallenge() {
        String answer = answers.next();
        return new Challenge(HexFormat.of().formatHex(idBytes()), hash(answer), clock.instant().plus(ttl), png(answer));
    }

    /** Hashes the answer as the user could type it: surrounding spaces removed, letters in upper case. */
    private byte[] hash(String answer) {
        try {
            Mac mac = Mac.getInstance(HASH_ALGORITHM);
            mac.init(hashKey);
            return mac.doFinal(answer.strip().toUpperCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("Cannot compute " + HASH_ALGORITHM, ex);
        }
    }

    private byte[] idBytes() {
        byte[] id = new byte[ID_BYTES];
        idRandom.nextBytes(id);
        return id;
    }

    private static byte[] png(String answer) {
        ShearCaptcha drawing = new ShearCaptcha(IMAGE_WIDTH, IMAGE_HEIGHT, answer.length(), INTERFERENCE_THICKNESS);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write((RenderedImage) drawing.createImage(answer), "png", out);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot encode the verification code image", ex);
        }
        return out.toByteArray();
    }

    /**
     * A pending code.
     *
     * @param id random identifier that a client sends back with its answer where a page may show several codes
     * @param answerHash HMAC-SHA256 of the answer in upper case
     * @param expiresAt first instant at which the code is no longer accepted
     * @param image the PNG until the browser fetched it, then {@code null}
     */
    record Challenge(String id, byte[] answerHash, Instant expiresAt, byte[] image) implements Serializable {

        boolean isExpiredAt(Instant now) {
            return !now.isBefore(expiresAt);
        }

        Challenge withoutImage() {
            return new Challenge(id, answerHash, expiresAt, null);
        }
    }
}
