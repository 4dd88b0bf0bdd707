package org.selfcare.notification.sms;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

/**
 * The SMPP link to the operator's SMSC. Lengths follow the C-octet string limits of SMPP 3.4 section 4.1, which
 * include the terminating NUL.
 *
 * @param host SMSC host name or address; default 127.0.0.1
 * @param port SMSC port; default 2775, the port IANA registered for SMPP
 * @param systemId system_id of the bind, at most 15 characters; default {@code selfcare}
 * @param password bind password, at most 8 characters; set this or {@code passwordFile}, not both
 * @param passwordFile file whose first line is the bind password, so it stays out of the environment and the
 *        process list
 * @param systemType system_type of the bind, at most 12 characters; default empty
 * @param bindType {@code TRANSCEIVER} (default) receives delivery receipts on the same link;
 *        {@code TRANSMITTER} only sends, so receipts reach the portal only if the SMSC sends them elsewhere
 * @param sourceAddress sender shown on the handset: up to 11 GSM characters when {@code sourceTon} is
 *        {@code ALPHANUMERIC}, otherwise up to 20 digits; default {@code Selfcare}
 * @param sourceTon type of number of the sender; default {@code ALPHANUMERIC}
 * @param sourceNpi numbering plan of the sender; default {@code UNKNOWN}
 * @param window submit_sm requests that may await their response at the same time; default 10
 * @param enquireLinkInterval idle time after which an enquire_link checks the link; default 30 seconds
 * @param responseTimeout time to wait for a bind or submit_sm response; default 10 seconds
 * @param reconnectMinDelay delay before the first reconnect after the link drops or a bind fails; it doubles for
 *        each further failure; default 1 second
 * @param reconnectMaxDelay upper bound of the reconnect delay; default 1 minute
 */
@Validated
@ConfigurationProperties("selfcare.notification.sms")
public record SmsProperties(
        @NotBlank @DefaultValue("127.0.0.1") String host,
        @Min(value = 1, message = "must be between 1 and 65535") @Max(value = 65535, message = "must be between 1 and 65535")
        @DefaultValue("2775") int port,
        @NotBlank @Size(max = 15, message = "must be at most 15 characters, the SMPP 3.4 limit")
        @DefaultValue("selfcare") String systemId,
        @Size(max = 8, message = "must be at most 8 characters, the SMPP 3.4 limit") String password,
        Path passwordFile,
        @NotNull @Size(max = 12, message = "must be at most 12 characters, the SMPP 3.4 limit")
        @DefaultValue("") String systemType,
        @NotNull @DefaultValue("TRANSCEIVER") BindType bindType,
        @NotBlank @Size(max = 20, message = "must be at most 20 characters") @DefaultValue("Selfcare")
        String sourceAddress,
        @NotNull @DefaultValue("ALPHANUMERIC") SourceTon sourceTon,
        @NotNull @DefaultValue("UNKNOWN") SourceNpi sourceNpi,
        @Min(value = 1, message = "must be between 1 and 100") @Max(value = 100, message = "must be between 1 and 100")
        @DefaultValue("10") int window,
        @NotNull @DurationMin(seconds = 1, message = "must be between PT1S and PT10M (1 second to 10 minutes)")
        @DurationMax(minutes = 10, message = "must be between PT1S and PT10M (1 second to 10 minutes)")
        @DefaultValue("PT30S") Duration enquireLinkInterval,
        @NotNull @DurationMin(millis = 100, message = "must be between PT0.1S and PT1M (100 milliseconds to 1 minute)")
        @DurationMax(minutes = 1, message = "must be between PT0.1S and PT1M (100 milliseconds to 1 minute)")
        @DefaultValue("PT10S") Duration responseTimeout,
        @NotNull @DurationMin(millis = 10, message = "must be between PT0.01S and PT1H (10 milliseconds to 1 hour)")
        @DurationMax(hours = 1, message = "must be between PT0.01S and PT1H (10 milliseconds to 1 hour)")
        @DefaultValue("PT1S") Duration reconnectMinDelay,
        @NotNull @DurationMin(millis = 10, message = "must be between PT0.01S and PT1H (10 milliseconds to 1 hour)")
        @DurationMax(hours = 1, message = "must be between PT0.01S and PT1H (10 milliseconds to 1 hour)")
        @DefaultValue("PT1M") Duration reconnectMaxDelay) {

    /** The bind operations the portal can use; it always submits, so a receiver-only bind is not offered. */
    public enum BindType { TRANSCEIVER, TRANSMITTER }

    /** SMPP 3.4 type of number values for the source address. */
    public enum SourceTon { UNKNOWN, INTERNATIONAL, NATIONAL, NETWORK_SPECIFIC, SUBSCRIBER_NUMBER, ALPHANUMERIC, ABBREVIATED }

    /** SMPP 3.4 numbering plan indicator values for the source address. */
    public enum SourceNpi { UNKNOWN, ISDN, DATA, TELEX, LAND_MOBILE, NATIONAL, PRIVATE, ERMES, INTERNET, WAP }

    @AssertTrue(message = "selfcare.notification.sms.password and password-file must not both be set; keep one")
    boolean isOnePasswordSource() {
        return password == null || passwordFile == null;
    }

    @AssertTrue(message = "selfcare.notification.sms.source-address must be at most 11 characters of the GSM 7-bit "
            + "alphabet when source-ton is ALPHANUMERIC, and only digits otherwise")
    boolean isSourceAddressValid() {
        if (sourceAddress == null || sourceTon == null) {
            return true;
        }
        if (sourceTon == SourceTon.ALPHANUMERIC) {
            return sourceAddress.length() <= 11 && GsmAlphabet.canEncode(sourceAddress);
        }
        return sourceAddress.chars().allMatch((character) -> character >= '0' && character <= '9');
    }

    @AssertTrue(message = "selfcare.notification.sms.reconnect-max-delay must not be shorter than reconnect-min-delay")
    boolean isReconnectDelayRangeValid() {
        return reconnectMinDelay == null || reconnectMaxDelay == null
                || reconnectMaxDelay.compareTo(reconnectMinDelay) >= 0;
    }

    @Override
    public String toString() {
        // A record's generated toString would print the password.
        return "SmsProperties[host=" + host + ", port=" + port + ", systemId=" + systemId + ", password="
                + (password == null ? "null" : "[PROTECTED]") + ", passwordFile=" + passwordFile + ", bindType="
                + bindType + ", window=" + window + "]";
    }

    /**
     * Returns the bind password: {@code password}, the first line of {@code passwordFile}, or empty when neither
     * is set.
     *
     * @throws UncheckedIOException when the file cannot be read
     * @throws IllegalArgumentException when the file's password is longer than SMPP allows
     */
    String resolvePassword() {
        if (passwordFile == null) {
            return password == null ? "" : password;
        }
        String firstLine;
        try {
            firstLine = Files.readAllLines(passwordFile, StandardCharsets.UTF_8).stream().findFirst().orElse("");
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read selfcare.notification.sms.password-file " + passwordFile
                    + ": check that it exists and the portal may read it", ex);
        }
        if (firstLine.length() > 8) {
            throw new IllegalArgumentException("The password in selfcare.notification.sms.password-file "
                    + passwordFile + " is " + firstLine.length() + " characters long, but SMPP 3.4 allows at most 8");
        }
        return firstLine;
    }
}
