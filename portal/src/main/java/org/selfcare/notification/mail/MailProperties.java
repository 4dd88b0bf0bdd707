package org.selfcare.notification.mail;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;

/**
 * E-mail notifications. The relay itself is configured with Spring Boot's {@code spring.mail.*} properties.
 *
 * @param from sender address of every e-mail; default {@code selfcare@localhost}, which a deployment replaces
 *        with an address of its own domain
 */
@Validated
@ConfigurationProperties("selfcare.notification.mail")
public record MailProperties(
        @NotBlank @Email(message = "must be an e-mail address such as noreply@operator.example")
        @DefaultValue("selfcare@localhost") String from) {
}
