package org.selfcare.conformance.cases.authentication;

import java.util.List;

import org.selfcare.conformance.model.TestCase;

/**
 * The implemented cases of clause 8.5, user identity authentication.
 */
public final class AuthenticationCases {

    private AuthenticationCases() {
    }

    public static List<TestCase> all() {
        return List.of(new VagueErrorsCase(), new SingleSessionCase(), new HumanVerificationCase(),
                new LockoutCase(), new FirstSignInCase());
    }
}
