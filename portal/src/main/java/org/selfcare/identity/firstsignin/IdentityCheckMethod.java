package org.selfcare.identity.firstsignin;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.selfcare.identity.Subscriber;

/**
 * One way for a provisioned subscriber to prove their identity at the first sign-in. Each implementation is a
 * Spring bean, and the first-sign-in API and page offer every bean by its {@link #name()}. The caller counts each
 * attempt toward the account lockout before it calls {@link #verify}, so an implementation only checks the secret.
 */
public interface IdentityCheckMethod {

    /**
     * Returns the name that requests use in {@code "method"} and the security log shows, such as
     * {@code identity-data}.
     */
    String name();

    /**
     * Returns the names of the request fields this method reads, such as {@code identityDocumentDigits}. The API
     * reads them from the JSON body and the page from the form.
     */
    List<String> fields();

    /**
     * Returns the message key of the first missing or malformed field, or empty when {@link #verify} can run.
     * Input errors do not count toward the lockout, so this must not look at any secret.
     */
    Optional<String> inputError(Map<String, String> fields);

    /**
     * Returns whether the fields prove the subscriber's identity.
     */
    boolean verify(Subscriber subscriber, Map<String, String> fields);
}
