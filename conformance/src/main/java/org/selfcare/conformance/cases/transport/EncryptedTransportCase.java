package org.selfcare.conformance.cases.transport;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.selfcare.conformance.cases.CaseCatalog;
import org.selfcare.conformance.http.ProbeResponse;
import org.selfcare.conformance.http.ProbeSession;
import org.selfcare.conformance.model.CaseContext;
import org.selfcare.conformance.model.CaseDescription;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.Findings;
import org.selfcare.conformance.model.TestCase;
import org.selfcare.conformance.model.Verdict;
import org.selfcare.conformance.profile.SignInAttempt;
import org.selfcare.conformance.profile.TargetProfile;

/**
 * T-1-7: client and server talk over encrypted protocols without known weaknesses. The case probes the TLS
 * versions and weak cipher suites the server accepts, reads its certificate, checks that plain HTTP only
 * redirects to HTTPS, that Strict-Transport-Security lasts at least a year and that every cookie is Secure.
 * A target given with an http:// URL fails at once, because its traffic is not HTTPS.
 */
public final class EncryptedTransportCase implements TestCase {

    private static final CaseDescription DESCRIPTION = CaseCatalog.get("T-1-7");

    @Override
    public CaseDescription description() {
        return DESCRIPTION;
    }

    @Override
    public CaseResult run(CaseContext context) {
        URI target = context.target();
        if (!"https".equals(target.getScheme().toLowerCase(Locale.ROOT))) {
            return context.result(DESCRIPTION, Verdict.FAIL, "the target " + target + " is plain HTTP, so its "
                    + "traffic is not encrypted; give the deployment's https URL");
        }
        TargetProfile profile = context.profile();
        // URI keeps the brackets around an IPv6 literal; sockets and certificate names want the bare address.
        String host = target.getHost().replaceAll("^\\[|\\]$", "");
        int port = (target.getPort() > 0) ? target.getPort() : 443;
        Findings findings = new Findings();

        TlsProbe probe = new TlsProbe(host, port, profile.timeout(), context.evidence(), context.clock());
        List<X509Certificate> chain = ProtocolVersionCheck.run(probe, findings);
        WeakCipherSuiteCheck.run(probe, findings);
        CertificateCheck.run(chain, host, context.clock().instant(), profile.tls().insecure(), findings);

        ProbeSession session = context.newSession();
        String signInPage = profile.signIn().page();
        ProbeResponse root = session.get("/");
        ProbeResponse signIn = session.get(signInPage);
        trust(root, profile, findings);
        HstsCheck.run(List.of(root, signIn), findings);

        List<ProbeResponse> cookieResponses = new ArrayList<>(List.of(root, signIn));
        signedInResponses(context, findings).forEach(cookieResponses::add);
        CookieCheck.run(cookieResponses, findings);

        PlainHttpCheck.run(context.newSession(), host, profile.httpPort(), List.of("/", signInPage), findings);

        return context.result(DESCRIPTION, findings, "only TLS 1.2 or 1.3 with strong cipher suites is accepted, "
                + "the certificate is sound, plain HTTP is closed or redirects to HTTPS, Strict-Transport-Security "
                + "lasts at least a year and every cookie seen is Secure");
    }

    /**
     * Records whether the kit's HTTPS client, with the profile's trust settings, accepted the server. A browser
     * rejects what the JDK's trusted authorities reject, so a rejection fails unless the profile chose to trust
     * the deployment's own authority or any certificate.
     */
    private static void trust(ProbeResponse root, TargetProfile profile, Findings findings) {
        if (root.answered()) {
            if (profile.tls().insecure()) {
                findings.note("the certificate chain's trust was not checked, because the profile sets tls.insecure");
            }
            else {
                findings.pass("the HTTPS client trusts the certificate chain"
                        + (profile.tls().caFile().isPresent() ? " (with the profile's tls.ca-file)" : ""));
            }
            return;
        }
        String error = root.error().orElse("no answer");
        if (error.startsWith("TLS failure") && !profile.tls().insecure()) {
            findings.fail("the HTTPS client rejected the server: " + error + "; for a test deployment with its own "
                    + "authority set tls.ca-file in the profile");
        }
        else {
            findings.inconclusive("GET / over HTTPS got no response (" + error + "), so headers and cookies could "
                    + "not be read");
        }
    }

    /**
     * Signs in with the profile's first account and returns the responses whose cookies a signed-in browser
     * holds: the form page, the form post and the protected path.
     */
    private static List<ProbeResponse> signedInResponses(CaseContext context, Findings findings) {
        List<TargetProfile.Account> accounts = context.profile().accounts();
        if (accounts.isEmpty()) {
            findings.note("the profile has no account, so cookies set at sign-in were not checked; add one under "
                    + "accounts to check the session cookie");
            return List.of();
        }
        ProbeSession session = context.newSession();
        SignInAttempt attempt = context.signIn().attempt(session, accounts.get(0));
        if (!attempt.succeeded()) {
            findings.inconclusive("signing in as " + accounts.get(0).username() + " gave " + attempt.result()
                    + " (status " + attempt.response().status() + "), so the session cookie could not be checked; "
                    + "check the account and the sign-in rules in the profile");
            return List.of(attempt.formPage(), attempt.response());
        }
        ProbeResponse account = session.get(context.profile().protectedPath());
        return List.of(attempt.formPage(), attempt.response(), account);
    }
}
