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
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import cn.hutool.captcha.ShearCaptcha;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;
import org.springframework.web.util.WebUtils;

import jakarta.servlet.http.HttpSession;

/**
 * Issues and checks the verification codes of the sign-in page. Each session has at most one pending code. The
 * session stores an HMAC of the answer, never the answer in clear, under a key that every node derives from one
 * key file ({@link CaptchaKeys}). A code is consumed by the first check, right or wrong, expires after
 * {@code selfcare.captcha.ttl}, and is compared without regard to case.
 *
 * <p>The picture is drawn when the browser requests it, not when the code is issued. Drawing and encoding one
 * takes about a millisecond of CPU, which a client that loads the page without its picture, as scripts that
 * flood the page do, should not cost. Until then the session keeps the answer sealed with AES-GCM under a second
 * key.
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

    private static final String SEAL_TRANSFORMATION = "AES/GCM/NoPadding";

    private static final int SEAL_IV_BYTES = 12;

    private static final int SEAL_TAG_BITS = 128;

    /**
     * The PNG writer's compression quality, which the JDK maps to a deflate level lower than its default. The
     * picture is noise by design and shrinks little at higher levels: in one measurement, 0.9 took half the
     * encoding time of the default for a picture a tenth larger.
     */
    private static final float PNG_COMPRESSION_QUALITY = 0.9f;

    private static final int ID_BYTES = 16;

    /** Thickness in pixels of the line ShearCaptcha draws across the characters. */
    private static final int INTERFERENCE_THICKNESS = 3;

    private final CaptchaAnswers answers;

    private final Clock clock;

    private final Duration ttl;

    private final byte[] testKey;

    private final SecretKey hashKey;

    private final SecretKey sealKey;

    private final SecureRandom random = new SecureRandom();

    CaptchaChallenges(CaptchaProperties properties, CaptchaAnswers answers, CaptchaKeys keys, Clock clock) {
        this.answers = answers;
        this.clock = clock;
        this.ttl = properties.ttl();
        this.testKey = (properties.testKey() == null) ? null : properties.testKey().getBytes(StandardCharsets.UTF_8);
        this.hashKey = keys.hashKey();
        this.sealKey = keys.sealKey();
        if (this.testKey != null) {
            logger.warn("A CAPTCHA test key is configured (selfcare.captcha.test-key): a sign-in that sends it "
                    + "is accepted without solving the code. Configure it only for automated conformance runs.");
        }
    }

    /**
     * Issues a new code for the session, replacing any pending one. Its image is drawn when the browser
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
        return takeImage(session, SESSION_ATTRIBUTE).png();
    }

    /**
     * Returns the picture of the pending code under {@code attribute}, as {@link #takeImage(HttpSession)} does.
     */
    CaptchaService.Picture takeImage(HttpSession session, String attribute) {
        String answer;
        Challenge pending;
        synchronized (WebUtils.getSessionMutex(session)) {
            pending = (Challenge) session.getAttribute(attribute);
            answer = (pending == null || pending.isExpiredAt(clock.instant())) ? null : unseal(pending.sealedAnswer());
            if (answer == null) {
                answer = answers.next();
                pending = newChallenge(answer);
            }
            session.setAttribute(attribute, pending.withoutAnswer());
        }
        // Drawn outside the session's lock, which other requests of the session may be waiting for.
        return new CaptchaService.Picture(pending.id(), png(answer));
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
        return newChallenge(answers.next());
    }

    private Challenge newChallenge(String answer) {
        return new Challenge(HexFormat.of().formatHex(idBytes()), hash(answer), clock.instant().plus(ttl),
                seal(answer));
    }

    private byte[] seal(String answer) {
        byte[] iv = new byte[SEAL_IV_BYTES];
        random.nextBytes(iv);
        try {
            Cipher cipher = Cipher.getInstance(SEAL_TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, sealKey, new GCMParameterSpec(SEAL_TAG_BITS, iv));
            byte[] sealed = cipher.doFinal(answer.getBytes(StandardCharsets.UTF_8));
            byte[] ivAndSealed = Arrays.copyOf(iv, SEAL_IV_BYTES + sealed.length);
            System.arraycopy(sealed, 0, ivAndSealed, SEAL_IV_BYTES, sealed.length);
            return ivAndSealed;
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("Failed to encrypt the verification code for its picture", ex);
        }
    }

    /**
     * Returns the sealed answer in clear, or {@code null} when there is none or it was sealed under another key,
     * such as that of a process that has since restarted.
     */
    private String unseal(byte[] ivAndSealed) {
        if (ivAndSealed == null || ivAndSealed.length <= SEAL_IV_BYTES) {
            return null;
        }
        try {
            Cipher cipher = Cipher.getInstance(SEAL_TRANSFORMATION);
            GCMParameterSpec iv = new GCMParameterSpec(SEAL_TAG_BITS, ivAndSealed, 0, SEAL_IV_BYTES);
            cipher.init(Cipher.DECRYPT_MODE, sealKey, iv);
            byte[] answer = cipher.doFinal(ivAndSealed, SEAL_IV_BYTES, ivAndSealed.length - SEAL_IV_BYTES);
            return new String(answer, StandardCharsets.UTF_8);
        }
        catch (AEADBadTagException ex) {
            return null;
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalStateException("Failed to decrypt the verification code for its picture", ex);
        }
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
        random.nextBytes(id);
        return id;
    }

    private static byte[] png(String answer) {
        ShearCaptcha drawing = new ShearCaptcha(IMAGE_WIDTH, IMAGE_HEIGHT, answer.length(), INTERFERENCE_THICKNESS);
        RenderedImage image = (RenderedImage) drawing.createImage(answer);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        ImageWriteParam parameters = writer.getDefaultWriteParam();
        parameters.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        parameters.setCompressionQuality(PNG_COMPRESSION_QUALITY);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        // In memory: ImageIO.write would buffer through a temporary file for every picture.
        try (ImageOutputStream stream = new MemoryCacheImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.write(null, new IIOImage(image, null, null), parameters);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot encode the verification code image", ex);
        }
        finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /**
     * A pending code.
     *
     * @param id random identifier that a client sends back with its answer where a page may show several codes
     * @param answerHash HMAC-SHA256 of the answer in upper case
     * @param expiresAt first instant at which the code is no longer accepted
     * @param sealedAnswer the answer sealed for drawing its picture, until the browser fetched it, then
     *        {@code null}
     */
    record Challenge(String id, byte[] answerHash, Instant expiresAt, byte[] sealedAnswer) implements Serializable {

        boolean isExpiredAt(Instant now) {
            return !now.isBefore(expiresAt);
        }

        Challenge withoutAnswer() {
            return new Challenge(id, answerHash, expiresAt, null);
        }
    }
}
