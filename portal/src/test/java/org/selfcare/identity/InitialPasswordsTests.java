package org.selfcare.identity;

import org.junit.jupiter.api.Test;
import org.selfcare.identity.password.PasswordOwner;
import org.selfcare.identity.password.PasswordPolicy;
import org.selfcare.identity.password.PasswordPolicyProperties;
import org.selfcare.identity.password.PasswordPreset;

import static org.assertj.core.api.Assertions.assertThat;

class InitialPasswordsTests {

    private static final PasswordOwner OWNER = new PasswordOwner("07700 900123", "+447700900123", "Ada Lovelace");

    @Test
    void initialPasswordMeetsDefaultPolicy() {
        PasswordPolicy policy = new PasswordPolicy(new PasswordPolicyProperties(PasswordPreset.X1470, null));
        InitialPasswords passwords = new InitialPasswords(policy);

        for (int i = 0; i < 20; i++) {
            String password = passwords.initialPassword(OWNER.msisdn(), OWNER.msisdnE164(), OWNER.displayName());
            assertThat(policy.check(password, OWNER)).as(password).isEmpty();
            assertThat(password).as(password).matches("[A-Za-z2-9]{4}(-[A-Za-z2-9]{4}){2}");
        }
    }

    @Test
    void initialPasswordReachesLongMinimum() {
        for (int minLength : new int[] { 20, 64, PasswordPolicy.MAX_LENGTH }) {
            PasswordPolicy policy = new PasswordPolicy(new PasswordPolicyProperties(PasswordPreset.ASVS, minLength));

            String password = new InitialPasswords(policy).initialPassword(OWNER.msisdn(), OWNER.msisdnE164(),
                    OWNER.displayName());

            assertThat(policy.check(password, OWNER)).as("minimum " + minLength).isEmpty();
        }
    }

    @Test
    void servicePasswordHasEightDigits() {
        PasswordPolicy policy = new PasswordPolicy(new PasswordPolicyProperties(PasswordPreset.X1470, null));

        assertThat(new InitialPasswords(policy).servicePassword()).matches("[0-9]{8}");
    }
}
