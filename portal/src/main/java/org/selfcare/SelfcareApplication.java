package org.selfcare;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Starts the Selfcare portal, or runs one of its commands when the first argument names one.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SelfcareApplication {

    public static void main(String[] args) {
        SpringApplication.run(SelfcareApplication.class, args);
    }
}
