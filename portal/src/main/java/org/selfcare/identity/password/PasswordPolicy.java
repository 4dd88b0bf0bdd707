package org.selfcare.identity.password;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import com.nulabinc.zxcvbn.Zxcvbn;
import org.passay.PasswordData;
import org.passay.data.EnglishCharacterData;
import org.passay.dictionary.ArrayWordList;
import org.passay.dictionary.Dictionary;
import org.passay.dictionary.WordListDictionary;
import org.passay.dictionary.sort.ArraysSort;
import org.passay.rule.CharacterRule;
import org.passay.rule.DictionaryRule;
import org.passay.rule.DictionarySubstringRule;
import org.passay.rule.LengthRule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * Decides whether a new password is acceptable, with Passay for the rules and zxcvbn for the strength estimate.
 * It returns every rule the password breaks, so the subscriber can fix all of them at once.
 */
@Component
public class PasswordPolicy {

    /** Smallest value a deployment may configure as the minimum length. */
    public static final int MIN_LENGTH_FLOOR = 8;

    /** Maximum password length, in Unicode code points. */
    public static final int MAX_LENGTH = 128;

    /** Minimum zxcvbn score, on its scale from 0 (guessed at once) to 4 (very hard to guess). */
    static final int MIN_STRENGTH_SCORE = 3;

    /** Length of the runs of the phone number's digits that may not appear in a password. */
    static final int PHONE_DIGIT_RUN = 6;

    /** Minimum length of a name part that may not appear in a password, because shorter parts match too many words. */
    static final int MIN_NAME_PART = 3;

    static final String COMMON_PASSWORDS = "password-policy/common-passwords.txt";

    private static final Logger logger = LoggerFactory.getLogger(PasswordPolicy.class);

    private final PasswordPreset preset;

    private final LengthRule length;

    private final DictionaryRule commonPasswords;

    private final Zxcvbn zxcvbn = new Zxcvbn();

    public PasswordPolicy(PasswordPolicyProperties properties) {
        this.preset = properties.preset();
        this.length = new LengthRule(properties.effectiveMinLength(), MAX_LENGTH);
        List<String> common = readCommonPasswords();
        this.commonPasswords = new DictionaryRule(caseInsensitiveDictionary(common));
        logger.info("Password policy preset={} minLength={} commonPasswords={}", preset.name().toLowerCase(),
                properties.effectiveMinLength(), common.size());
    }

    public PasswordPreset preset() {
        return preset;
    }

    public int minLength() {
        return length.getMinimumLength();
    }

    /**
     * Returns the rules {@code password} breaks for {@code owner}, in the order of {@link PasswordRule}, or an
     * empty list when the password is acceptable.
     */
    public List<PasswordRule> check(String password, PasswordOwner owner) {
        Set<PasswordRule> broken = EnumSet.noneOf(PasswordRule.class);
        int codePoints = password.codePointCount(0, password.length());
        if (codePoints > MAX_LENGTH) {
            // The other checks cost time in proportion to the length, so an oversized value gets no further.
            return List.of(PasswordRule.TOO_LONG);
        }
        PasswordData data = new PasswordData(password);
        if (!length.validate(data).isValid()) {
            broken.add(PasswordRule.TOO_SHORT);
        }
        if (preset.characterClassesRequired()) {
            checkCharacterClasses(data, broken);
        }
        if (containsPhoneNumber(password, owner)) {
            broken.add(PasswordRule.CONTAINS_PHONE_NUMBER);
        }
        List<String> nameParts = nameParts(owner.displayName());
        if (!nameParts.isEmpty()
                && !new DictionarySubstringRule(caseInsensitiveDictionary(nameParts)).validate(data).isValid()) {
            broken.add(PasswordRule.CONTAINS_NAME);
        }
        if (!commonPasswords.validate(data).isValid()) {
            broken.add(PasswordRule.COMMON_PASSWORD);
        }
        if (!password.isEmpty()
                && zxcvbn.measure(password, userInputs(owner, nameParts)).getScore() < MIN_STRENGTH_SCORE) {
            broken.add(PasswordRule.EASY_TO_GUESS);
        }
        return List.copyOf(broken);
    }

    private static void checkCharacterClasses(PasswordData data, Set<PasswordRule> broken) {
        if (!new CharacterRule(EnglishCharacterData.Alphabetical, 1).validate(data).isValid()) {
            broken.add(PasswordRule.NO_LETTER);
        }
        if (!new CharacterRule(EnglishCharacterData.Digit, 1).validate(data).isValid()) {
            broken.add(PasswordRule.NO_DIGIT);
        }
        if (!new CharacterRule(EnglishCharacterData.Special, 1).validate(data).isValid()) {
            broken.add(PasswordRule.NO_SYMBOL);
        }
    }

    /**
     * Returns whether the password contains six consecutive digits of the owner's number, in E.164 or as
     * provisioned (with its trunk prefix, such as the leading 0 of UK numbers). Separators that people type
     * inside phone numbers (space, hyphen, dot, slash, brackets, plus) are removed from the password first, so
     * {@code 07700-900000} matches too.
     */
    private static boolean containsPhoneNumber(String password, PasswordOwner owner) {
        Set<String> runs = new LinkedHashSet<>();
        for (String number : List.of(owner.msisdnE164(), owner.msisdn())) {
            String digits = number.replaceAll("[^0-9]", "");
            for (int start = 0; start + PHONE_DIGIT_RUN <= digits.length(); start++) {
                runs.add(digits.substring(start, start + PHONE_DIGIT_RUN));
            }
        }
        if (runs.isEmpty()) {
            return false;
        }
        String compact = password.replaceAll("[\\s\\-./()+]", "");
        return !new DictionarySubstringRule(caseInsensitiveDictionary(List.copyOf(runs)))
                .validate(new PasswordData(compact))
                .isValid();
    }

    /**
     * Splits a display name into its words of at least three letters.
     */
    static List<String> nameParts(String displayName) {
        List<String> parts = new ArrayList<>();
        for (String part : displayName.split("[^\\p{L}]+")) {
            if (part.codePointCount(0, part.length()) >= MIN_NAME_PART) {
                parts.add(part);
            }
        }
        return parts;
    }

    private static List<String> userInputs(PasswordOwner owner, List<String> nameParts) {
        List<String> inputs = new ArrayList<>(nameParts);
        inputs.add(owner.msisdnE164().replace("+", ""));
        inputs.add(owner.msisdn().replaceAll("[^0-9]", ""));
        return inputs;
    }

    private static Dictionary caseInsensitiveDictionary(List<String> words) {
        return new WordListDictionary(new ArrayWordList(words.toArray(String[]::new), false, new ArraysSort()));
    }

    private static List<String> readCommonPasswords() {
        List<String> words = new ArrayList<>();
        try (InputStream in = new ClassPathResource(COMMON_PASSWORDS).getInputStream();
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    words.add(line.strip());
                }
            }
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read the common password list " + COMMON_PASSWORDS, ex);
        }
        if (words.isEmpty()) {
            throw new IllegalStateException("The common password list " + COMMON_PASSWORDS + " is empty");
        }
        return words;
    }
}
