package org.selfcare.identity;

import java.security.SecureRandom;

import org.selfcare.identity.password.PasswordOwner;
import org.selfcare.identity.password.PasswordPolicy;

import org.springframework.stereotype.Component;

/**
 * Generates the secrets a provisioned subscriber receives by SMS: an initial password that meets the portal's
 * password policy, and a service password of 8 digits for second authentication.
 */
@Component
public class InitialPasswords {

    /**
     * Characters of the initial password: letters and digits without the look-alikes 0, O, 1, l and I, because
     * the subscriber copies the password from an SMS.
     */
    static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

    /** Characters per group; groups are joined with hyphens, which also satisfy the symbol rule. */
    static final int GROUP_LENGTH = 4;

    /** Minimum number of groups: 3 groups of 4 from 57 characters give about 70 bits. */
    static final int MIN_GROUPS = 3;

    static final int SERVICE_PASSWORD_DIGITS = 8;

    /** Attempts before giving up; a random password fails the policy very rarely, by chance containing a name. */
    private static final int MAX_ATTEMPTS = 20;

    private final SecureRandom random = new SecureRandom();

    private final PasswordPolicy policy;

    InitialPasswords(PasswordPolicy policy) {
        this.policy = policy;
    }

    /**
     * Returns a random initial password for the subscriber, such as {@code Kp7x-Rm3q-Zt9w}, that meets the
     * policy's length and every other rule for this subscriber's number and name.
     *
     * @throws IllegalStateException when no generated password met the policy, which means the policy is
     *         configured so that no password of this form can pass
     */
    public String initialPassword(String msisdn, String msisdnE164, String displayName) {
        PasswordOwner owner = new PasswordOwner(msisdn, msisdnE164, displayName);
        // Groups of 4 and their hyphens: the smallest count whose length reaches the policy's minimum.
        int groups = Math.max(MIN_GROUPS, (policy.minLength() + GROUP_LENGTH + 1) / (GROUP_LENGTH + 1));
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            String candidate = grouped(groups);
            if (candidate.length() > PasswordPolicy.MAX_LENGTH) {
                candidate = candidate.substring(0, PasswordPolicy.MAX_LENGTH);
            }
            if (policy.check(candidate, owner).isEmpty()) {
                return candidate;
            }
        }
        throw new IllegalStateException("No generated initial password met the password policy in " + MAX_ATTEMPTS
                + " attempts; check selfcare.password-policy");
    }

    /**
     * Returns a random service password of {@value #SERVICE_PASSWORD_DIGITS} digits.
     */
    public String servicePassword() {
        StringBuilder digits = new StringBuilder(SERVICE_PASSWORD_DIGITS);
        for (int i = 0; i < SERVICE_PASSWORD_DIGITS; i++) {
            digits.append((char) ('0' + random.nextInt(10)));
        }
        return digits.toString();
    }

    private String grouped(int groups) {
        StringBuilder password = new StringBuilder();
        for (int group = 0; group < groups; group++) {
            if (group > 0) {
                password.append('-');
            }
            for (int i = 0; i < GROUP_LENGTH; i++) {
                password.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
            }
        }
        return password.toString();
    }
}
