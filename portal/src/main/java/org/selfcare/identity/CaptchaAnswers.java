package org.selfcare.identity;

import java.security.SecureRandom;

import org.springframework.stereotype.Component;

/**
 * Generates the characters of verification codes from a {@link SecureRandom}, so that one code cannot be
 * predicted from earlier ones.
 */
@Component
class CaptchaAnswers {

    /** Upper-case letters and digits without the pairs that look alike: 0 and O, 1, I and L. */
    static final String ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    static final int LENGTH = 5;

    private final SecureRandom random = new SecureRandom();

    String next() {
        StringBuilder answer = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            answer.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        }
        return answer.toString();
    }
}
