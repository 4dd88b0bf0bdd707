package org.selfcare.operator.api;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.web.http.CookieSerializer;

/**
 * Wraps the session cookie serializer that Spring Boot builds from {@code server.servlet.session.cookie} in
 * {@link OperatorSessionCookie}, so the customer cookie keeps every setting it has and the operator port gets its
 * own.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnWebApplication
class OperatorSessionCookieConfiguration {

    @Bean
    static BeanPostProcessor operatorSessionCookie(ObjectProvider<OperatorConnector> connector) {
        return new BeanPostProcessor() {

            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof CookieSerializer customer && !(bean instanceof OperatorSessionCookie)) {
                    return new OperatorSessionCookie(customer, connector.getObject());
                }
                return bean;
            }
        };
    }
}
