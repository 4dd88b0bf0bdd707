package org.selfcare.operator.api;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/**
 * Settings of the operator API's own HTTPS connector.
 *
 * @param port TCP port; default 8444, 0 picks a free port at each start
 * @param address IP address to listen on; default {@code 127.0.0.1}, so only this machine reaches the API
 * @param tokenFile file with the bearer token; unset means {@code selfcare.data-dir}/operator-token.txt, which
 *        the portal creates with a random token when it does not exist. A configured file must exist.
 */
@Validated
@ConfigurationProperties("selfcare.operator")
record OperatorProperties(
        @Min(0) @Max(65535) @DefaultValue("8444") int port,
        @NotBlank @DefaultValue("127.0.0.1") String address,
        Path tokenFile) {
}
