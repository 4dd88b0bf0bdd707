package org.selfcare.operator.console;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authentication.AuthenticationDetailsSource;

/**
 * What the sign-in form sends beside the username and password: the TOTP code, and the client's address for
 * the security log.
 */
record StaffSignInDetails(String clientAddress, String code) {

    static final String CODE_PARAMETER = "code";

    static AuthenticationDetailsSource<HttpServletRequest, StaffSignInDetails> source() {
        return (request) -> new StaffSignInDetails(request.getRemoteAddr(), request.getParameter(CODE_PARAMETER));
    }

    @Override
    public String toString() {
        return "StaffSignInDetails[clientAddress=" + clientAddress + ", code=[PROTECTED]]";
    }
}
