package org.selfcare.identity;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;

import org.junit.jupiter.api.Test;

import org.springframework.mock.web.MockHttpSession;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The verification code as a unit: issued with a known answer and checked at chosen times.
 */
class CaptchaChallengesTests {

    private static final String ANSWER = "K7XMP";

    private static final String TEST_KEY = "conformance-key-0123456789";

    private static final Duration TTL = Duration.ofMinutes(2);

    private static final byte[] PNG_SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

    private final SettableClock clock = new SettableClock(Instant.parse("2026-03-01T10:00:00Z"));

    private final MockHttpSession session = new MockHttpSession();

    private final CaptchaKeys keys = new CaptchaKeys("a secret of this deployment".getBytes(StandardCharsets.UTF_8));

    @Test
    void rightAnswerIsAccepted() {
        CaptchaChallenges challenges = challenges(null);
        challenges.issue(session);

        assertThat(challenges.verify(session, ANSWER)).isEqualTo(CaptchaVerification.SOLVED);
    }

    @Test
    void answerIgnoresCaseAndSpaces() {
        CaptchaChallenges challenges = challenges(null);
        challenges.issue(session);

        assertThat(challenges.verify(session, " k7xMp ")).isEqualTo(CaptchaVerification.SOLVED);
    }

    @Test
    void wrongAnswerIsRejected() {
        CaptchaChallenges challenges = challenges(null);
        challenges.issue(session);

        assertThat(challenges.verify(session, "K7XMQ")).isEqualTo(CaptchaVerification.WRONG_ANSWER);
    }

    @Test
    void missingAnswerIsRejected() {
        CaptchaChallenges challenges = challenges(null);
        challenges.issue(session);

        assertThat(challenges.verify(session, null)).isEqualTo(CaptchaVerification.MISSING_ANSWER);
    }

    @Test
    void blankAnswerIsRejected() {
        CaptchaChallenges challenges = challenges(null);
        challenges.issue(session);

        assertThat(challenges.verify(session, "   ")).isEqualTo(CaptchaVerification.MISSING_ANSWER);
    }

    @Test
    void tooLongAnswerIsRejected() {
        CaptchaChallenges challenges = challenges(null);
        challenges.issue(session);

        assertThat(challenges.verify(session, ANSWER + " ".repeat(200))).isEqualTo(CaptchaVerification.WRONG_ANSWER);
    }

    @Test
    void answerWithoutSessionIsRejected() {
        CaptchaChallenges challenges = challenges(null);

        assertThat(challenges.verify(null, ANSWER)).isEqualTo(CaptchaVerification.NO_CHALLENGE);
    }

    @Test
    void answerWithoutIssuedCodeIsRejected() {
        CaptchaChallenges challenges = challenges(null);

        assertThat(challenges.verify(session, ANSWER)).isEqualTo(CaptchaVerification.NO_CHALLENGE);
    }

    @Test
    void usedCodeIsRejected() {
        CaptchaChallenges challenges = challenges(null);
        challenges.issue(session);
        challenges.verify(session, ANSWER);

        assertThat(challenges.verify(session, ANSWER)).isEqualTo(CaptchaVerification.NO_CHALLENGE);
    }

    @Test
    void wrongAnswerUsesUpCode() {
        CaptchaChallenges challenges = challenges(null);
        challenges.issue(session);
        challenges.verify(session, "WRONG");

        assertThat(challenges.verify(session, ANSWER)).isEqualTo(CaptchaVerification.NO_CHALLENGE);
    }

    @Test
    void missingAnswerUsesUpCode() {
        CaptchaChallenges challenges = challenges(null);
        challenges.issue(session);
        challenges.verify(session, null);

        assertThat(challenges.verify(session, ANSWER)).isEqualTo(CaptchaVerification.NO_CHALLENGE);
    }

    @Test
    void codeIsAcceptedJustBeforeExpiry() {
        CaptchaChallenges challenges = challenges(null);
        challenges.issue(session);
        clock.advance(TTL.minusSeconds(1));

        assertThat(challenges.verify(session, ANSWER)).isEqualTo(CaptchaVerification.SOLVED);
    }

    @Test
    void expiredCodeIsRejected() {
        CaptchaChallenges challenges = challenges(null);
        challenges.issue(session);
        clock.advance(TTL);

        assertThat(challenges.verify(session, ANSWER)).isEqualTo(CaptchaVerification.EXPIRED);
    }

    @Test
    void newCodeReplacesPendingOne() {
        CaptchaChallenges challenges = challenges(null, "AAAAA", ANSWER);
        challenges.issue(session);
        challenges.issue(session);

        assertThat(challenges.verify(session, "AAAAA")).isEqualTo(CaptchaVerification.WRONG_ANSWER);
    }

    @Test
    void configuredTestKeyIsAccepted() {
        CaptchaChallenges challenges = challenges(TEST_KEY);
        challenges.issue(session);

        assertThat(challenges.verify(session, TEST_KEY)).isEqualTo(CaptchaVerification.TEST_KEY_ACCEPTED);
    }

    @Test
    void testKeyIsCaseSensitive() {
        CaptchaChallenges challenges = challenges(TEST_KEY);
        challenges.issue(session);

        assertThat(challenges.verify(session, TEST_KEY.toUpperCase())).isEqualTo(CaptchaVerification.WRONG_ANSWER);
    }

    @Test
    void testKeyNeedsIssuedCode() {
        CaptchaChallenges challenges = challenges(TEST_KEY);

        assertThat(challenges.verify(session, TEST_KEY)).isEqualTo(CaptchaVerification.NO_CHALLENGE);
    }

    @Test
    void testKeyUsesUpCode() {
        CaptchaChallenges challenges = challenges(TEST_KEY);
        challenges.issue(session);
        challenges.verify(session, TEST_KEY);

        assertThat(challenges.verify(session, TEST_KEY)).isEqualTo(CaptchaVerification.NO_CHALLENGE);
    }

    @Test
    void testKeyIsRejectedAfterExpiry() {
        CaptchaChallenges challenges = challenges(TEST_KEY);
        challenges.issue(session);
        clock.advance(TTL);

        assertThat(challenges.verify(session, TEST_KEY)).isEqualTo(CaptchaVerification.EXPIRED);
    }

    @Test
    void guessedTestKeyIsRejectedWithoutConfiguredKey() {
        CaptchaChallenges challenges = challenges(null);
        challenges.issue(session);

        assertThat(challenges.verify(session, TEST_KEY)).isEqualTo(CaptchaVerification.WRONG_ANSWER);
    }

    @Test
    void imageIsPng() {
        CaptchaChallenges challenges = challenges(null);
        challenges.issue(session);

        byte[] image = challenges.takeImage(session);

        assertThat(Arrays.copyOf(image, PNG_SIGNATURE.length)).isEqualTo(PNG_SIGNATURE);
    }

    @Test
    void imageOfIssuedCodeIsServedOnce() {
        CaptchaChallenges challenges = challenges(null, ANSWER, "AAAAA");
        challenges.issue(session);
        challenges.takeImage(session);
        challenges.takeImage(session);

        assertThat(challenges.verify(session, ANSWER)).isEqualTo(CaptchaVerification.WRONG_ANSWER);
    }

    @Test
    void imageRequestIssuesCodeWhenNonePending() {
        CaptchaChallenges challenges = challenges(null);
        challenges.takeImage(session);

        assertThat(challenges.verify(session, ANSWER)).isEqualTo(CaptchaVerification.SOLVED);
    }

    @Test
    void imageRequestReplacesExpiredCode() {
        CaptchaChallenges challenges = challenges(null, "AAAAA", ANSWER);
        challenges.issue(session);
        clock.advance(TTL);
        challenges.takeImage(session);

        assertThat(challenges.verify(session, ANSWER)).isEqualTo(CaptchaVerification.SOLVED);
    }

    @Test
    void sessionStoresNoAnswerInClear() throws IOException {
        CaptchaChallenges challenges = challenges(null);
        challenges.issue(session);

        assertThat(serializedChallenge()).doesNotContain(ANSWER);
    }

    @Test
    void takenImageLeavesNoSealedAnswer() throws IOException {
        CaptchaChallenges challenges = challenges(null);
        challenges.issue(session);
        challenges.takeImage(session);

        assertThat(storedChallenge().sealedAnswer()).isNull();
        assertThat(serializedChallenge()).doesNotContain(ANSWER);
    }

    @Test
    void tamperedSealedAnswerIsNotDrawn() {
        CaptchaChallenges challenges = challenges(null, ANSWER, "AAAAA");
        challenges.issue(session);
        CaptchaChallenges.Challenge stored = storedChallenge();
        byte[] tampered = stored.sealedAnswer().clone();
        tampered[tampered.length - 1] ^= 1;
        session.setAttribute(CaptchaChallenges.SESSION_ATTRIBUTE,
                new CaptchaChallenges.Challenge(stored.id(), stored.answerHash(), stored.expiresAt(), tampered));

        challenges.takeImage(session);

        assertThat(challenges.verify(session, "AAAAA")).isEqualTo(CaptchaVerification.SOLVED);
    }

    @Test
    void codeIssuedByOtherNodeIsAccepted() {
        challenges(null, "AAAAA").issue(session);
        CaptchaChallenges otherNode = challenges(null, "BBBBB");

        otherNode.takeImage(session);

        assertThat(otherNode.verify(session, "AAAAA")).isEqualTo(CaptchaVerification.SOLVED);
    }

    @Test
    void answerHashedUnderOtherKeyIsRejected() {
        challenges(null).issue(session);
        CaptchaChallenges otherKey = challengesUnder(otherKeys(), null);

        assertThat(otherKey.verify(session, ANSWER)).isEqualTo(CaptchaVerification.WRONG_ANSWER);
    }

    @Test
    void codeSealedUnderOtherKeyIsReplaced() {
        challenges(null).issue(session);
        CaptchaChallenges otherKey = challengesUnder(otherKeys(), null, "AAAAA");

        otherKey.takeImage(session);

        assertThat(otherKey.verify(session, "AAAAA")).isEqualTo(CaptchaVerification.SOLVED);
    }

    @Test
    void generatedAnswersUseAlphabet() {
        CaptchaAnswers answers = new CaptchaAnswers();

        String answer = answers.next();

        assertThat(answer).hasSize(CaptchaAnswers.LENGTH);
        assertThat(answer.chars()).allMatch((character) -> CaptchaAnswers.ALPHABET.indexOf(character) >= 0);
    }

    private CaptchaChallenges.Challenge storedChallenge() {
        return (CaptchaChallenges.Challenge) session.getAttribute(CaptchaChallenges.SESSION_ATTRIBUTE);
    }

    /** Serialises the pending code as the JDBC session store does, read as Latin-1 so every byte is a character. */
    private String serializedChallenge() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(storedChallenge());
        }
        return bytes.toString(StandardCharsets.ISO_8859_1);
    }

    private CaptchaChallenges challenges(String testKey, String... answers) {
        return challengesUnder(keys, testKey, answers);
    }

    /** Keys of a deployment whose key file contains another secret, or of a node that was given the wrong file. */
    private static CaptchaKeys otherKeys() {
        return new CaptchaKeys("another secret".getBytes(StandardCharsets.UTF_8));
    }

    private CaptchaChallenges challengesUnder(CaptchaKeys keys, String testKey, String... answers) {
        String[] sequence = (answers.length == 0) ? new String[] { ANSWER } : answers;
        CaptchaAnswers fixed = new CaptchaAnswers() {

            private int next;

            @Override
            String next() {
                return sequence[Math.min(next++, sequence.length - 1)];
            }
        };
        return new CaptchaChallenges(new CaptchaProperties(TTL, testKey), fixed, keys, clock);
    }

    /** A clock whose time changes only when a test advances it. */
    static final class SettableClock extends Clock {

        private Instant now;

        SettableClock(Instant start) {
            this.now = start;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("the test clock has only UTC");
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
