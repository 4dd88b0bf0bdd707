package org.selfcare.conformance.profile;

import org.selfcare.conformance.http.ProbeResponse;

/**
 * One sign-in through the form and how the profile's rules read its outcome.
 *
 * @param result the outcome
 * @param formPage the response that carried the form
 * @param response the response to the form post
 */
public record SignInAttempt(Result result, ProbeResponse formPage, ProbeResponse response) {

    public enum Result {

        SUCCEEDED, FAILED, UNRECOGNISED, NO_RESPONSE
    }

    public boolean succeeded() {
        return result == Result.SUCCEEDED;
    }
}
