package org.selfcare.purchase.provider;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Clock;
import java.util.Collection;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import com.stripe.StripeClient;
import org.selfcare.purchase.PayableOrders;
import tools.jackson.databind.ObjectMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The payment provider, active when {@code selfcare.payment.provider.api-base} is set: the stripe-java client,
 * the {@link org.selfcare.purchase.PaymentProvider} orders use, the webhook endpoint's filter chain and the
 * poller. Secrets are read from their files once, at start.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "selfcare.payment.provider", name = "api-base")
class PaymentProviderConfiguration {

    @Bean
    StripeClient paymentProviderClient(PaymentProviderProperties properties) {
        SSLContext tls = trustContext(properties);
        return StripeClient.builder()
                .setApiKey(PaymentProviderProperties.readSecret(properties.secretKeyFile(), "secret-key-file"))
                .setApiBase(properties.apiBaseUrl())
                // The poller and the provider's webhook retries take over; a request fails fast instead.
                .setMaxNetworkRetries(0)
                .setHttpClient(new TrustingStripeHttpClient(tls, properties.connectTimeout(),
                        properties.readTimeout()))
                .build();
    }

    @Bean
    StripePaymentProvider stripePaymentProvider(StripeClient paymentProviderClient, ProviderPayments payments,
            PaymentProviderProperties properties, Clock clock) {
        return new StripePaymentProvider(paymentProviderClient, payments, properties, clock);
    }

    @Bean
    PaymentConfirmation paymentConfirmation(StripeClient paymentProviderClient, ProviderPayments payments,
            ObjectProvider<PayableOrders> orders, TransactionTemplate transactions, Clock clock) {
        return new PaymentConfirmation(paymentProviderClient, payments, orders, transactions, clock);
    }

    @Bean
    PaymentNotifications paymentNotifications(PaymentProviderProperties properties, ProviderPayments payments,
            PaymentConfirmation confirmation, ObjectMapper json, Clock clock) {
        return new PaymentNotifications(
                PaymentProviderProperties.readSecret(properties.webhookSecretFile(), "webhook-secret-file"), payments,
                confirmation, json, clock);
    }

    @Bean
    PaymentPoller paymentPoller(ProviderPayments payments, PaymentConfirmation confirmation,
            PaymentProviderProperties properties, org.selfcare.audit.SecurityLog securityLog, Clock clock) {
        return new PaymentPoller(payments, confirmation, properties, securityLog, clock);
    }

    /**
     * Builds the webhook endpoint's own chain, checked before the portal's. It has no session, no CSRF token and
     * no sign-in, because the provider's signature, which the controller checks, is the authentication.
     */
    @Bean
    @Order(2)
    SecurityFilterChain paymentWebhookSecurity(HttpSecurity http) throws Exception {
        http.securityMatcher(PaymentWebhookController.PATH);
        http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll());
        http.sessionManagement((session) -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS));
        http.csrf((csrf) -> csrf.disable());
        http.requestCache((cache) -> cache.disable());
        http.securityContext((context) -> context.disable());
        http.formLogin((form) -> form.disable());
        http.httpBasic((basic) -> basic.disable());
        http.logout((logout) -> logout.disable());
        http.headers((headers) -> headers
                .contentSecurityPolicy((csp) -> csp.policyDirectives("default-src 'none'; frame-ancestors 'none'")));
        return http.build();
    }

    private static SSLContext trustContext(PaymentProviderProperties properties) {
        try {
            if (properties.trustCertificate() == null) {
                return SSLContext.getDefault();
            }
            KeyStore trustStore = KeyStore.getInstance("PKCS12");
            trustStore.load(null, null);
            Collection<? extends Certificate> certificates;
            try (InputStream in = Files.newInputStream(properties.trustCertificate())) {
                certificates = CertificateFactory.getInstance("X.509").generateCertificates(in);
            }
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("selfcare.payment.provider.trust-certificate "
                        + properties.trustCertificate() + " contains no PEM certificate");
            }
            int index = 0;
            for (Certificate certificate : certificates) {
                trustStore.setCertificateEntry("provider-" + index++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trustStore);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read selfcare.payment.provider.trust-certificate "
                    + properties.trustCertificate() + ": check that it exists and the portal may read it", ex);
        }
        catch (GeneralSecurityException ex) {
            throw new IllegalArgumentException("selfcare.payment.provider.trust-certificate "
                    + properties.trustCertificate() + " is not a valid PEM certificate", ex);
        }
    }
}
