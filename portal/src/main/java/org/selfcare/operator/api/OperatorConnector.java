package org.selfcare.operator.api;

import java.util.Map;

import org.apache.catalina.connector.Connector;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.tomcat.SslConnectorCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.WebServerSslBundle;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.stereotype.Component;

/**
 * Adds the operator API's HTTPS connector on {@code selfcare.operator.address}:{@code selfcare.operator.port},
 * with the same keystore, protocols and cipher suites as the customer port. {@link OperatorPortFilter} keeps
 * the two ports' paths apart.
 */
@Component
@ConditionalOnWebApplication
class OperatorConnector implements WebServerFactoryCustomizer<TomcatServletWebServerFactory>, Ordered {

    static final String LOCAL_PORT_PROPERTY = "local.operator.port";

    private static final Logger logger = LoggerFactory.getLogger(OperatorConnector.class);

    private static final Log tomcatLog = LogFactory.getLog(OperatorConnector.class);

    private final OperatorProperties properties;

    private volatile Connector connector;

    OperatorConnector(OperatorProperties properties) {
        this.properties = properties;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        Ssl ssl = factory.getSsl();
        if (ssl == null || !ssl.isEnabled()) {
            // The customer port is HTTPS only, so this state is a configuration error, not a reason for plain HTTP.
            throw new IllegalStateException("The operator API needs TLS, but server.ssl is not enabled");
        }
        Connector operator = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
        operator.setPort(properties.port());
        operator.setProperty("address", properties.address());
        operator.setXpoweredBy(false);
        SslBundle bundle = WebServerSslBundle.get(ssl, factory.getSslBundles());
        new SslConnectorCustomizer(tomcatLog, operator, ssl.getClientAuth()).customize(bundle, Map.of());
        factory.addAdditionalConnectors(operator);
        this.connector = operator;
    }

    /**
     * Runs after the customizer that applies {@code server.ssl}, so the TLS settings are there to copy.
     */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }

    /**
     * Returns the port the connector listens on, or -1 before the server has started.
     */
    int localPort() {
        Connector current = connector;
        return (current != null) ? current.getLocalPort() : -1;
    }

    /**
     * Logs the bound port and publishes it as {@code local.operator.port}, like {@code local.server.port} for
     * the customer port, for tests and tools that start the portal on a free port.
     */
    @EventListener
    void onStarted(WebServerInitializedEvent event) {
        if (event.getApplicationContext().getEnvironment() instanceof ConfigurableEnvironment environment) {
            environment.getPropertySources().addFirst(new MapPropertySource("operatorServerPort",
                    Map.of(LOCAL_PORT_PROPERTY, localPort())));
        }
        logger.info("Operator API listening on https://{}:{}/operator/api/v1/", properties.address(), localPort());
    }
}
