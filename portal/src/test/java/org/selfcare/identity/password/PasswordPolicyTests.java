package org.selfcare.identity.password;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class PasswordPolicyTests {

    static final PasswordOwner OWNER = new PasswordOwner("07700 900123", "+447700900123", "Maria Oduya");

    static final String GOOD = "Lantern-Meadow-81#";

    private static final PasswordPolicy x1470 = new PasswordPolicy(
            new PasswordPolicyProperties(PasswordPreset.X1470, null));

    private static final PasswordPolicy asvs = new PasswordPolicy(
            new PasswordPolicyProperties(PasswordPreset.ASVS, null));

    @Test
    void goodPasswordPassesBothPresets() {
        assertThat(x1470.check(GOOD, OWNER)).isEmpty();
        assertThat(asvs.check(GOOD, OWNER)).isEmpty();
    }

    @Test
    void defaultMinimumLengths() {
        assertThat(x1470.minLength()).isEqualTo(10);
        assertThat(asvs.minLength()).isEqualTo(12);
    }

    @Test
    void shortPasswordRejected() {
        // Strong but short: only the length rule breaks.
        assertThat(x1470.check("Vq7#kP2!z", OWNER)).contains(PasswordRule.TOO_SHORT);
        assertThat(asvs.check("Vq7#kP2!zR4&", OWNER)).doesNotContain(PasswordRule.TOO_SHORT);
        assertThat(asvs.check("Vq7#kP2!zR4", OWNER)).contains(PasswordRule.TOO_SHORT);
    }

    @Test
    void configuredMinimumLengthApplies() {
        PasswordPolicy longer = new PasswordPolicy(new PasswordPolicyProperties(PasswordPreset.X1470, 20));

        assertThat(longer.check(GOOD, OWNER)).containsExactly(PasswordRule.TOO_SHORT);
    }

    @Test
    void overlongPasswordRejected() {
        String tooLong = "Ab1#".repeat(32) + "x";

        assertThat(x1470.check(tooLong, OWNER)).containsExactly(PasswordRule.TOO_LONG);
        assertThat(asvs.check(tooLong, OWNER)).containsExactly(PasswordRule.TOO_LONG);
    }

    @Test
    void x1470RequiresEachCharacterClass() {
        assertThat(x1470.check("9417-2283-6650", OWNER)).contains(PasswordRule.NO_LETTER);
        assertThat(x1470.check("Lantern-Meadow-Fox#", OWNER)).contains(PasswordRule.NO_DIGIT);
        assertThat(x1470.check("LanternMeadow81Fox", OWNER)).contains(PasswordRule.NO_SYMBOL);
    }

    @Test
    void asvsHasNoCompositionRules() {
        List<PasswordRule> rules = asvs.check("lantern meadow shovel orbit", OWNER);

        assertThat(rules).isEmpty();
    }

    @Test
    void phoneNumberRejected() {
        for (PasswordPolicy policy : List.of(x1470, asvs)) {
            assertThat(policy.check("Zq#07700900123", OWNER)).as("national format").contains(
                    PasswordRule.CONTAINS_PHONE_NUMBER);
            assertThat(policy.check("Zq#+447700900123", OWNER)).as("E.164").contains(
                    PasswordRule.CONTAINS_PHONE_NUMBER);
            assertThat(policy.check("Lantern#900123x", OWNER)).as("last six digits").contains(
                    PasswordRule.CONTAINS_PHONE_NUMBER);
            assertThat(policy.check("Lantern#7700-900-123", OWNER)).as("with separators").contains(
                    PasswordRule.CONTAINS_PHONE_NUMBER);
            assertThat(policy.check(GOOD + "90012", OWNER)).as("five digits only").doesNotContain(
                    PasswordRule.CONTAINS_PHONE_NUMBER);
        }
    }

    @Test
    void nameRejected() {
        for (PasswordPolicy policy : List.of(x1470, asvs)) {
            assertThat(policy.check("Lantern-MARIA-81#x", OWNER)).as("first name").contains(
                    PasswordRule.CONTAINS_NAME);
            assertThat(policy.check("Lantern-oduya-81#x", OWNER)).as("surname").contains(PasswordRule.CONTAINS_NAME);
        }
    }

    @Test
    void shortNamePartsIgnored() {
        PasswordOwner shortName = new PasswordOwner("07700 900123", "+447700900123", "Li Bo");

        assertThat(x1470.check("Bolt-Lime-81#xq", shortName)).doesNotContain(PasswordRule.CONTAINS_NAME);
    }

    @Test
    void commonPasswordRejected() {
        for (PasswordPolicy policy : List.of(x1470, asvs)) {
            assertThat(policy.check("password123", OWNER)).contains(PasswordRule.COMMON_PASSWORD);
            assertThat(policy.check("QWERTYUIOP", OWNER)).as("any case").contains(PasswordRule.COMMON_PASSWORD);
        }
    }

    @Test
    void easyToGuessRejected() {
        // Long, all classes, in no list, but a dictionary word with predictable substitutions and a year.
        assertThat(x1470.check("P@ssw0rd2024!", OWNER)).contains(PasswordRule.EASY_TO_GUESS);
        assertThat(asvs.check("aaaaaaaaaaaaaaaa", OWNER)).contains(PasswordRule.EASY_TO_GUESS);
    }

    @Test
    void everyBrokenRuleReported() {
        assertThat(x1470.check("123456", OWNER)).containsExactly(PasswordRule.TOO_SHORT, PasswordRule.NO_LETTER,
                PasswordRule.NO_SYMBOL, PasswordRule.COMMON_PASSWORD, PasswordRule.EASY_TO_GUESS);
    }

    @Test
    void commonListHasAtLeastTenThousandEntries() throws Exception {
        try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(
                getClass().getClassLoader().getResourceAsStream(PasswordPolicy.COMMON_PASSWORDS)))) {
            assertThat(lines.lines().count()).isGreaterThanOrEqualTo(10_000);
        }
    }

    @Test
    void minimumLengthOutOfRangeRejected() {
        ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Properties.class);

        runner.withPropertyValues("selfcare.password-policy.min-length=7")
                .run((context) -> assertThat(context).hasFailed());
        runner.withPropertyValues("selfcare.password-policy.min-length=129")
                .run((context) -> assertThat(context).hasFailed());
        runner.withPropertyValues("selfcare.password-policy.min-length=8", "selfcare.password-policy.preset=asvs")
                .run((context) -> assertThat(context.getBean(PasswordPolicyProperties.class).effectiveMinLength())
                        .isEqualTo(8));
    }

    @Test
    void unknownPresetRejected() {
        new ApplicationContextRunner().withUserConfiguration(Properties.class)
                .withPropertyValues("selfcare.password-policy.preset=none")
                .run((context) -> assertThat(context).hasFailed());
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(PasswordPolicyProperties.class)
    static class Properties {
    }
}
