package org.selfcare.identity.firstsignin;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.selfcare.identity.AccountLockout;
import org.selfcare.identity.ProofAttempt;
import org.selfcare.identity.Subscriber;
import org.selfcare.identity.SubscriberDirectory;

import org.springframework.stereotype.Service;

/**
 * The identity check of the first sign-in: picks the method by name, counts the attempt toward the account
 * lockout before the secret is checked, and reports the result. Wrong entries share the counter with wrong
 * sign-in passwords, so the third wrong entry of either kind locks the account.
 */
@Service
class FirstSignIn {

    private final Map<String, IdentityCheckMethod> methods = new LinkedHashMap<>();

    private final SubscriberDirectory directory;

    private final AccountLockout lockout;

    FirstSignIn(List<IdentityCheckMethod> methods, SubscriberDirectory directory, AccountLockout lockout) {
        for (IdentityCheckMethod method : methods) {
            this.methods.put(method.name(), method);
        }
        this.directory = directory;
        this.lockout = lockout;
    }

    /**
     * Returns the names of the offered methods, such as {@code identity-data}.
     */
    List<String> methodNames() {
        return List.copyOf(methods.keySet());
    }

    /**
     * Returns the method that sends a one-time code, when one is offered.
     */
    Optional<CodeSendingIdentityCheck> codeMethod() {
        return methods.values()
                .stream()
                .filter(CodeSendingIdentityCheck.class::isInstance)
                .map(CodeSendingIdentityCheck.class::cast)
                .findFirst();
    }

    Optional<IdentityCheckMethod> method(String name) {
        return Optional.ofNullable((name != null) ? methods.get(name) : null);
    }

    Subscriber subscriber(long subscriberId) {
        return directory.findById(subscriberId)
                .orElseThrow(() -> new IllegalStateException("Subscriber " + subscriberId + " does not exist"));
    }

    /**
     * Checks an identity proof of {@code subscriberId} with the named method.
     *
     * @param fields the request's values of the method's {@link IdentityCheckMethod#fields()}
     * @param clientAddress the client's IP address, for the security log
     */
    Verification verify(long subscriberId, String methodName, Map<String, String> fields, String clientAddress) {
        Optional<IdentityCheckMethod> found = method(methodName);
        if (found.isEmpty()) {
            return new Verification.UnknownMethod();
        }
        IdentityCheckMethod method = found.get();
        Optional<String> inputError = method.inputError(fields);
        if (inputError.isPresent()) {
            return new Verification.InvalidInput(inputError.get());
        }

        Subscriber subscriber = subscriber(subscriberId);
        ProofAttempt attempt = lockout.begin(subscriber, clientAddress, method.name());
        if (attempt.refused()) {
            return new Verification.Locked(attempt.lockedUntil());
        }
        if (method.verify(subscriber, fields)) {
            lockout.succeeded(attempt);
            return new Verification.Verified();
        }
        return lockout.failed(attempt)
                .<Verification>map(Verification.Locked::new)
                .orElseGet(Verification.Wrong::new);
    }
}
