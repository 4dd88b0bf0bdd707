package org.selfcare.operator.api;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;

/**
 * Gives the operator port a session cookie of its own. Browsers send cookies to every port of a host, so with one
 * name a staff session and a subscriber session in one browser would overwrite each other. On the operator port
 * the session id is read from and written to {@value #COOKIE_NAME} only; every other port keeps the customer
 * cookie that {@code server.servlet.session.cookie} configures. Each side therefore never even reads the other's
 * session id.
 */
final class OperatorSessionCookie implements CookieSerializer {

    /** Secure, HttpOnly, SameSite=Strict, path {@code /} and no domain, as the {@code __Host-} prefix demands. */
    static final String COOKIE_NAME = "__Host-SELFCARE-STAFF";

    private final CookieSerializer customer;

    private final DefaultCookieSerializer operator = new DefaultCookieSerializer();

    private final OperatorConnector connector;

    OperatorSessionCookie(CookieSerializer customer, OperatorConnector connector) {
        this.customer = customer;
        this.connector = connector;
        operator.setCookieName(COOKIE_NAME);
        operator.setCookiePath("/");
        operator.setUseSecureCookie(true);
        operator.setUseHttpOnlyCookie(true);
        operator.setSameSite("Strict");
    }

    @Override
    public void writeCookieValue(CookieValue cookieValue) {
        serializer(cookieValue.getRequest()).writeCookieValue(cookieValue);
    }

    @Override
    public List<String> readCookieValues(HttpServletRequest request) {
        return serializer(request).readCookieValues(request);
    }

    private CookieSerializer serializer(HttpServletRequest request) {
        int operatorPort = connector.localPort();
        return (operatorPort > 0 && request.getLocalPort() == operatorPort) ? operator : customer;
    }
}
