package org.selfcare.operator;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.selfcare.account.Accounts;
import org.selfcare.audit.SecurityEvent;
import org.selfcare.audit.SecurityEventType;
import org.selfcare.audit.SecurityLog;
import org.selfcare.identity.InitialPasswords;
import org.selfcare.identity.NewSubscriber;
import org.selfcare.identity.Subscriber;
import org.selfcare.identity.SubscriberDirectory;
import org.selfcare.notification.Message;
import org.selfcare.notification.Notifications;
import org.selfcare.usage.Tariff;

import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Provisions a subscriber for the operator: checks the request, generates the initial password and the service
 * password, creates the subscriber in status PROVISIONED with a prepaid account, queues one SMS with both
 * secrets and records the event. All of it commits together or not at all, so the SMS goes out only for a
 * subscriber that exists.
 */
@Service
public class SubscriberProvisioning {

    /** Date of the initial password's end as the SMS shows it, in the subscriber's zone. */
    private static final DateTimeFormatter EXPIRY_DATE = DateTimeFormatter.ISO_LOCAL_DATE;

    private final ProvisioningRequestCheck check;

    private final SubscriberDirectory directory;

    private final InitialPasswords passwords;

    private final Accounts accounts;

    private final Tariff tariff;

    private final Notifications notifications;

    private final SecurityLog securityLog;

    private final ProvisioningProperties properties;

    private final Clock clock;

    SubscriberProvisioning(ProvisioningRequestCheck check, SubscriberDirectory directory, InitialPasswords passwords,
            Accounts accounts, Tariff tariff, Notifications notifications, SecurityLog securityLog,
            ProvisioningProperties properties, Clock clock) {
        this.check = check;
        this.directory = directory;
        this.passwords = passwords;
        this.accounts = accounts;
        this.tariff = tariff;
        this.notifications = notifications;
        this.securityLog = securityLog;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * Provisions the subscriber of {@code request}.
     *
     * @param clientAddress the operator's IP address, or {@code null} on the command line
     * @param channel how the request arrived, such as {@code operator API}, for the security log
     * @throws InvalidProvisioningRequestException when a field is invalid
     * @throws DuplicateSubscriberException when the phone number belongs to a subscriber already
     */
    @Transactional
    public ProvisionedSubscriber provision(ProvisioningRequest request, String clientAddress, String channel) {
        List<String> problems = check.problems(request);
        if (!problems.isEmpty()) {
            throw new InvalidProvisioningRequestException(problems);
        }
        String e164 = ProvisioningRequestCheck.e164(request).orElseThrow();
        if (directory.findByE164(e164).isPresent()) {
            throw duplicate(e164);
        }

        ZoneId zone = ProvisioningRequestCheck.zone(request.timeZone()).orElseThrow();
        String displayName = request.displayName().strip();
        String initialPassword = passwords.initialPassword(request.msisdn(), e164, displayName);
        String servicePassword = passwords.servicePassword();
        Instant expiresAt = clock.instant().plus(properties.initialPasswordValidity());
        NewSubscriber newSubscriber = new NewSubscriber(request.msisdn(), request.region(), displayName, zone,
                initialPassword, servicePassword, request.contactEmail().strip(),
                request.identityDocumentDigits().toUpperCase(Locale.ROOT));

        Subscriber subscriber;
        try {
            subscriber = directory.provision(newSubscriber, expiresAt);
        }
        catch (DuplicateKeyException ex) {
            // Another request provisioned the same number between the check above and the insert.
            throw duplicate(e164);
        }
        accounts.open(subscriber.id(), tariff.currency());

        notifications.sms(e164, LocaleContextHolder.getLocale(), Message.confidential("notification.sms.provisioned",
                initialPassword, servicePassword, EXPIRY_DATE.withZone(zone).format(expiresAt)));
        securityLog.record(new SecurityEvent(SecurityEventType.SUBSCRIBER_PROVISIONED, clock.instant(),
                subscriber.id(), e164, clientAddress, "success", "provisioned through the " + channel
                        + "; initial password valid until " + expiresAt));
        return new ProvisionedSubscriber(subscriber.id(), e164, expiresAt);
    }

    private static DuplicateSubscriberException duplicate(String e164) {
        return new DuplicateSubscriberException(e164);
    }
}
