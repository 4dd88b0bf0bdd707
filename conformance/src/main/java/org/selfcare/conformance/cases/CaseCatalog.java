package org.selfcare.conformance.cases;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.selfcare.conformance.model.CaseDescription;

/**
 * The descriptions of all 27 test cases of ITU-T X.1470, in the Recommendation's order and shape, written in
 * this project's own words. Every case has the precondition that the system's security configuration document
 * is available and the tester's client can reach the server.
 */
public final class CaseCatalog {

    private static final String DOCUMENT = "The security configuration document of the deployment is available";

    private static final String REACHABLE = "The kit can reach the target over the network";

    private static final Map<String, CaseDescription> cases = new LinkedHashMap<>();

    static {
        // Clause 8.1: fundamental components.
        add("T-1-1", "No known web vulnerabilities; anti-virus and patch routine", "8.1",
                List.of("Probe for information disclosure: versions in Server and X-Powered-By headers, stack traces "
                        + "and versions on error pages, directory listings, open management endpoints",
                        "Send a script marker in every sign-in field and query parameter, and check that HTML pages "
                                + "have a Content-Security-Policy without 'unsafe-inline' scripts",
                        "Send SQL injection payloads in the sign-in user name and password, including time delays",
                        "Post the sign-in form without its CSRF token and with a foreign Origin, and check the "
                                + "other POST forms for a token or SameSite cookies",
                        "Signed in, upload HTML named .jpg and the EICAR test file named .txt, and fetch them back",
                        "Try default and weak passwords, below the lockout threshold of each account",
                        "Read the configuration document for the patch and anti-virus routine"),
                "No known web vulnerability is found, and the document sets a patch and anti-virus routine");
        add("T-1-2", "Unneeded services, processes and remote access are off", "8.1",
                List.of("List the services, processes and listening ports of the server host",
                        "Compare them with the services the configuration document declares"),
                "Only declared services run and no remote access beyond the declared one is open");
        add("T-1-3", "Database and operating system logging on, and logs audited", "8.1",
                List.of("Check that the operating system and the database log security events",
                        "Read the configuration document for a periodic audit of the logs"),
                "Logging is enabled and a periodic audit is scheduled");
        add("T-1-4", "System accounts have least privilege", "8.1",
                List.of("List the operating system and database accounts the service uses",
                        "Compare each account's rights with what its job needs"),
                "Every account has only the rights it needs");
        add("T-1-5", "Firewall with a correct access control list", "8.1",
                List.of("Read the firewall rules", "Try the ports the rules should block"),
                "The rules match the document and unneeded services cannot be reached");
        add("T-1-6", "Internal network split into isolated security domains", "8.1",
                List.of("Read the network topology and the rules between domains",
                        "Try connections that cross domains without permission"),
                "The domains exist and only declared traffic crosses between them");
        add("T-1-7", "Encrypted transport without known weaknesses", "8.1",
                List.of("Offer each TLS version from 1.0 to 1.3 alone and record which the server accepts",
                        "Offer weak cipher suites one group per handshake at TLS 1.2 and below: CBC (non-AEAD), "
                                + "3DES, RC4, export and single DES, NULL, anonymous",
                        "Read the certificate: validity dates, key sizes, signature algorithms, host name, and "
                                + "whether the kit's HTTPS client trusts it",
                        "Request the root and the sign-in page over plain HTTP on the profile's http-port "
                                + "(default 80)",
                        "Read the Strict-Transport-Security header and the attributes of every cookie, including "
                                + "those set at sign-in"),
                "TLS 1.0, 1.1 and weak suites are refused while TLS 1.2 or 1.3 is accepted, the certificate is "
                        + "current with a strong key and signature, plain HTTP is closed or only redirects to "
                        + "HTTPS, HSTS lasts at least a year and every cookie is Secure");

        // Clause 8.2: information inquiry.
        add("T-2-1", "Integrity label on client-server messages", "8.2",
                List.of("Query as a normal subscriber", "Send the same request with a changed parameter or body"),
                "The server discards the changed message");
        add("T-2-2", "Second authentication before call records", "8.2",
                List.of("Sign in as a normal subscriber and read the balance and payments",
                        "Ask for the call records through the API and the page",
                        "Request an SMS code, read it at the kit's SMSC and verify it, then ask for the call records "
                                + "again",
                        "Sign in again and ask for the call records in the fresh session, then with a proof for "
                                + "payments"),
                "An SMS code, a service password or another prepared second factor is demanded first, no call "
                        + "record is shown before it, and the proof opens call records only in its own session");
        add("T-2-3", "Lock after repeated second-authentication failures", "8.2",
                List.of("Sign in with the account the profile lets this case lock and request an SMS code",
                        "Enter a wrong code up to five times",
                        "Sign in with the right password"),
                "The account locks by the third failure and refuses the right password");
        add("T-2-4", "Key data protected against tampering", "8.2",
                List.of("Read the document's anti-tamper measures",
                        "Change and replay messages that carry user id, amounts, call records, business type, user "
                                + "information and authentication results"),
                "Changed or replayed messages are detected on both the server and the client side");

        // Clause 8.3: commodity purchase.
        add("T-3-1", "Transaction information encrypted", "8.3",
                List.of("Read the encryption keys the server publishes and their sizes",
                        "Make a normal purchase with the order encrypted to the published key and capture its "
                                + "message",
                        "Look for the user id, commodity type and amount in the captured message",
                        "Send the same order as plain JSON, with weak or direct key wrapping, and under a key id "
                                + "the server never published"),
                "User id, commodity type and amount are encrypted inside the captured messages, the keys are "
                        + "strong, and orders that are not properly encrypted are refused");
        add("T-3-2", "Abnormal purchase behaviour monitored", "8.3",
                List.of("For each pattern, create a fresh subscriber with credit and pay one order with store "
                        + "credit as a control",
                        "Simulate sudden mass purchases, repeated pay-and-cancel and many unpaid orders by sending, "
                                + "altering and replaying signed purchase messages",
                        "Pay the next order with store credit, and read the subscriber's alerts through the "
                                + "operator API"),
                "The system detects the pattern and re-verifies the transaction");
        add("T-3-3", "Second verification when purchases look abnormal", "8.3",
                List.of("Make a purchase while an abnormal pattern is flagged",
                        "Request an SMS code for that payment and read it",
                        "Send the code with the payment of other orders, then with the payment it was sent for"),
                "The subscriber's identity is verified by a further method before the order proceeds, with a "
                        + "code that confirms only that order and amount");
        add("T-3-4", "Notification when payment completes", "8.3",
                List.of("Make a purchase and pay for it",
                        "Wait for an SMS, voice message or e-mail that names the order and the amount"),
                "An SMS, voice message or e-mail about the payment arrives");
        add("T-3-5", "Total recalculated on the server (client change)", "8.3",
                List.of("Change the total and the line prices in the client before the order is encrypted and sent",
                        "Read the total of the order the server created, in its response and stored"),
                "The server prices the order itself and ignores the changed total");
        add("T-3-6", "Total recalculated on the server (change in transit)", "8.3",
                List.of("Capture a signed, encrypted order message",
                        "Change bytes of its ciphertext and send it again re-signed",
                        "Replay the captured message unchanged",
                        "Encrypt an order with a changed total to the published key, as a man in the middle could, "
                                + "and send it re-signed"),
                "Changed and replayed messages are refused, and the server prices the order itself and ignores "
                        + "the changed total");
        add("T-3-7", "Payment confirmed with the financial system", "8.3",
                List.of("Pay an order through the payment provider sandbox the kit runs",
                        "Watch the traffic between the server and the payment provider until the order is paid",
                        "Send the server a payment notification with a forged signature"),
                "The server confirms completion with the provider before it treats the order as paid, and "
                        + "ignores forged notifications");

        // Clause 8.4: subscription service.
        add("T-4-1", "Identity confirmed for every subscription change", "8.4",
                List.of("Subscribe to and unsubscribe from a value-added service without confirmation",
                        "Request an SMS code for the subscription and read the service and fee in it",
                        "Send a wrong code, the code with another service, the right code, and the confirmed "
                                + "request again",
                        "Unsubscribe with the used code, then with the service password"),
                "Each change needs an SMS code or the service password, bound to that change");
        add("T-4-2", "Notification of subscription details", "8.4",
                List.of("Complete a subscription",
                        "Read the SMS and e-mail that follow it"),
                "A message with the service content, fee, effective time and expiry time arrives");
        add("T-4-3", "Abnormal subscription behaviour monitored", "8.4",
                List.of("Simulate a sudden rise in one subscriber's subscriptions, an abnormal volume for one service "
                        + "and repeated subscribe-unsubscribe cycles",
                        "Try the next change, and read the alerts through the operator API"),
                "The system flags each pattern");

        // Clause 8.5: user identity authentication.
        add("T-5-1", "Vague authentication errors without software details", "8.5",
                List.of("Sign in with unknown identities, wrong passwords, special characters, very long and "
                        + "malformed input",
                        "Scan every response, error pages included, for stack traces, exception names, SQL errors, "
                                + "file paths and server or framework names and versions",
                        "Compare the responses for an unknown user and a known user with a wrong password",
                        "Compare their response times"),
                "Every failure shows the same message and no response reveals software details");
        add("T-5-2", "Lockout after repeated failures, for long enough", "8.5",
                List.of("Fail to sign in as often as the profile's limit", "Sign in with the right password while locked",
                        "Compare the locked account's responses to the right and a wrong password, and to an unknown "
                                + "user failed as often",
                        "Where the profile allows, wait out the lock and sign in again"),
                "The account locks at the limit and refuses even the right password for at least the promised time");
        add("T-5-3", "No parallel sessions", "8.5",
                List.of("Sign in from one client", "Sign in with the same account from a second client",
                        "Use the first client's session"),
                "The first session is no longer valid");
        add("T-5-4", "Static passwords must be complex", "8.5",
                List.of("Try to set simple passwords: short, one character class, the user name, common passwords"),
                "Only complex passwords are accepted");
        add("T-5-5", "Identity verified and password changed at first sign-in", "8.5",
                List.of("Create a subscriber through the operator API and read the initial password at the kit's "
                        + "SMSC",
                        "Sign in with it and open other pages and APIs: /, /calls, /account/password, "
                                + "/api/v1/balance, /api/v1/me",
                        "Set a password before the identity check, verify with a wrong SMS code, then the right one",
                        "Set a weak password, then a strong one",
                        "Open the portal, and sign in again with the initial password"),
                "The identity is verified and a password change is forced before anything else");
        add("T-5-6", "Machine sign-ins recognised", "8.5",
                List.of("Open the sign-in page and look for a human-verification challenge",
                        "Sign in with the right password but without answering the challenge, then with a wrong answer",
                        "Sign in with the profile's CAPTCHA test key to confirm the account was usable"),
                "A challenge is present and a sign-in without its answer is refused");
    }

    private CaseCatalog() {
    }

    private static void add(String id, String title, String clause, List<String> steps, String expected) {
        cases.put(id, new CaseDescription(id, title, clause, List.of(DOCUMENT, REACHABLE), steps, expected));
    }

    public static List<CaseDescription> all() {
        return List.copyOf(cases.values());
    }

    public static CaseDescription get(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("No test case " + id));
    }

    public static Optional<CaseDescription> find(String id) {
        return Optional.ofNullable(cases.get(id));
    }
}
