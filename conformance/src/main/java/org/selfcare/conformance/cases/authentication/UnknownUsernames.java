package org.selfcare.conformance.cases.authentication;

import java.security.SecureRandom;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;

import org.selfcare.conformance.profile.ProfileType;
import org.selfcare.conformance.profile.TargetProfile;

/**
 * Makes user names that belong to no account but look like real ones, so that a site cannot tell them apart by
 * their format and the kit compares like with like.
 */
final class UnknownUsernames {

    private static final String LETTERS = "abcdefghijkmnpqrstuvwxyz";

    private final TargetProfile profile;

    private final Random random;

    UnknownUsernames(TargetProfile profile) {
        this(profile, new SecureRandom());
    }

    UnknownUsernames(TargetProfile profile, Random random) {
        this.profile = profile;
        this.random = random;
    }

    /**
     * Returns the profile's {@code sign-in.unknown-username} when it gives one, otherwise a generated name.
     */
    String configuredOrNew() {
        return profile.signIn().unknownUsername().orElseGet(this::generate);
    }

    /**
     * Returns a new generated name, different on every call and from every account of the profile.
     *
     * <p>NOTE: a generated phone number keeps the first third of the account's digits, so it stays in the same
     * number range and may belong to a real subscriber of a live deployment; set {@code sign-in.unknown-username}
     * there.
     */
    String generate() {
        Set<String> taken = profile.accounts().stream().map(TargetProfile.Account::username).collect(Collectors.toSet());
        String template = profile.accounts().isEmpty() ? defaultTemplate() : profile.accounts().get(0).username();
        String candidate;
        do {
            candidate = shapedLike(template);
        } while (taken.contains(candidate));
        return candidate;
    }

    /**
     * Returns {@code count} different generated names.
     */
    List<String> generate(int count) {
        return java.util.stream.Stream.generate(this::generate).distinct().limit(count).toList();
    }

    private String defaultTemplate() {
        return (profile.type() == ProfileType.SELFCARE) ? "+447700900000" : "x1470-user";
    }

    private String shapedLike(String template) {
        int at = template.indexOf('@');
        if (at > 0) {
            return "x1470-" + letters(8) + template.substring(at);
        }
        long digits = template.chars().filter(Character::isDigit).count();
        if (digits >= 6 && digits * 2 >= template.length()) {
            return phoneLike(template, (int) digits);
        }
        return "x1470-" + letters(10);
    }

    private String phoneLike(String template, int digitCount) {
        int kept = digitCount / 3;
        StringBuilder result = new StringBuilder();
        int seen = 0;
        for (char character : template.toCharArray()) {
            if (!Character.isDigit(character)) {
                result.append(character);
                continue;
            }
            result.append(seen < kept ? character : (char) ('0' + random.nextInt(10)));
            seen++;
        }
        return result.toString();
    }

    private String letters(int count) {
        StringBuilder result = new StringBuilder();
        for (int i = 0; i < count; i++) {
            result.append(LETTERS.charAt(random.nextInt(LETTERS.length())));
        }
        return result.toString();
    }
}
