package org.selfcare.platform.web;

import org.apache.catalina.Context;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardHost;
import org.apache.tomcat.util.descriptor.web.SecurityCollection;
import org.apache.tomcat.util.descriptor.web.SecurityConstraint;
import org.selfcare.platform.SelfcareProperties;

import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Makes HTTPS the only way in: a plain HTTP connector on {@code selfcare.http-port} responds to every request with
 * a redirect to the HTTPS port and serves nothing itself. Tomcat's own error pages are replaced by ones that
 * name neither the server nor its version.
 */
@Component
class HttpsOnlyWebServerCustomizer implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final SelfcareProperties properties;

    private Connector redirecting;

    HttpsOnlyWebServerCustomizer(SelfcareProperties properties) {
        this.properties = properties;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        redirecting = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
        redirecting.setScheme("http");
        redirecting.setSecure(false);
        redirecting.setPort(properties.httpPort());
        redirecting.setRedirectPort(factory.getPort());
        redirecting.setXpoweredBy(false);
        if (factory.getAddress() != null) {
            // Listen where the HTTPS connector listens, so server.address restricts both ports.
            redirecting.setProperty("address", factory.getAddress().getHostAddress());
        }
        factory.addAdditionalConnectors(redirecting);

        factory.addContextCustomizers(this::requireConfidentialTransport);
        factory.addContextCustomizers(HttpsOnlyWebServerCustomizer::hideServerDetails);
    }

    /**
     * Points the redirect at the HTTPS port the server really bound, which differs from the configured one when
     * that is 0 (a free port, as in tests).
     */
    @EventListener
    void onStarted(WebServerInitializedEvent event) {
        if (redirecting != null) {
            redirecting.setRedirectPort(event.getWebServer().getPort());
        }
    }

    /**
     * Declares every path confidential, so Tomcat redirects any request on the plain connector before it reaches
     * the application.
     */
    private void requireConfidentialTransport(Context context) {
        SecurityCollection everything = new SecurityCollection();
        everything.addPattern("/*");
        SecurityConstraint constraint = new SecurityConstraint();
        constraint.setUserConstraint("CONFIDENTIAL");
        constraint.addCollection(everything);
        context.addConstraint(constraint);
    }

    private static void hideServerDetails(Context context) {
        if (context.getParent() instanceof StandardHost host) {
            host.setErrorReportValveClass(PlainErrorReportValve.class.getName());
        }
    }
}
