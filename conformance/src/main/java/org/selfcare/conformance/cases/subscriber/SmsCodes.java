package org.selfcare.conformance.cases.subscriber;

import java.security.SecureRandom;
import java.util.Optional;

import org.selfcare.conformance.inbox.SmsInbox;
import org.selfcare.conformance.model.CaseContext;
import org.selfcare.conformance.model.Findings;
import org.selfcare.sandbox.smsc.ReceivedSms;

/**
 * Waits for an SMS code at the kit's SMSC and records what arrived, redacted, as evidence.
 */
public final class SmsCodes {

    private static final SecureRandom random = new SecureRandom();

    private SmsCodes() {
    }

    /**
     * Returns a random code of the same length as {@code rightCode} that differs from it.
     */
    public static String wrongCode(String rightCode) {
        while (true) {
            String candidate = String.format("%0" + rightCode.length() + "d",
                    random.nextInt((int) Math.pow(10, Math.min(rightCode.length(), 9))));
            if (!candidate.equals(rightCode)) {
                return candidate;
            }
        }
    }

    /**
     * Waits for the first message to {@code number} beyond the first {@code seen} and reads its code. When
     * nothing arrives or no code is found, records an INCONCLUSIVE finding that names what to check.
     */
    public static Optional<String> receive(CaseContext context, SmsInbox inbox, String number, int seen,
            Findings findings) {
        Optional<ReceivedSms> message = inbox.awaitNew(number, seen);
        if (message.isEmpty()) {
            findings.inconclusive("no SMS to " + number + " arrived at the kit's SMSC within " + inbox.waitTime()
                    + "; check that the deployment sends SMS to the kit's SMSC (sms.port"
                    + context.profile().sms().map((sms) -> " " + sms.port() + ", system id " + sms.systemId())
                            .orElse("") + ")");
            return Optional.empty();
        }
        Optional<String> code = inbox.code(message.get());
        context.evidence().note(inbox.describe(message.get()));
        if (code.isEmpty()) {
            findings.inconclusive("the SMS to " + number + " held no code that sms.code-pattern matches; set "
                    + "sms.code-pattern to a regular expression whose first group is the code");
        }
        return code;
    }

    /**
     * Returns the reason a case gives when the profile has no {@code sms:} section.
     */
    public static String missingSmsSection(String what) {
        return "the profile has no sms: section, so the kit cannot read " + what + "; add sms: with the port the "
                + "kit's SMSC listens on, system-id and password-file, and configure the deployment to send SMS "
                + "there";
    }
}
