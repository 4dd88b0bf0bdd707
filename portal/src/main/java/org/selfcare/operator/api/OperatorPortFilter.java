package org.selfcare.operator.api;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Keeps the operator port and the customer port apart: {@code /operator/**} and the console's {@code /console/**}
 * return 404 on every port but the operator's, and every other path returns 404 on the operator's. It runs before Spring Security, so neither
 * side's access rules ever see the other side's requests.
 */
class OperatorPortFilter extends OncePerRequestFilter {

    static final String OPERATOR_PATH_PREFIX = "/operator/";

    static final String CONSOLE_PATH_PREFIX = "/console/";

    private final OperatorConnector connector;

    OperatorPortFilter(OperatorConnector connector) {
        this.connector = connector;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        int operatorPort = connector.localPort();
        boolean onOperatorPort = operatorPort > 0 && request.getLocalPort() == operatorPort;
        // The servlet path is decoded and normalised by Tomcat, so "/operator/../signin" counts as "/signin".
        String path = request.getServletPath() + ((request.getPathInfo() != null) ? request.getPathInfo() : "");
        boolean operatorPath = path.startsWith(OPERATOR_PATH_PREFIX) || path.equals("/operator")
                || path.startsWith(CONSOLE_PATH_PREFIX) || path.equals("/console");
        if (onOperatorPort != operatorPath) {
            response.sendError(HttpServletResponse.SC_NOT_FOUND);
            return;
        }
        chain.doFilter(request, response);
    }
}
