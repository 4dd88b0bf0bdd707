package org.selfcare.notification.sms;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.jsmpp.InvalidResponseException;
import org.jsmpp.PDUException;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.session.SMPPSession;
import org.selfcare.notification.Channel;
import org.selfcare.notification.Delivery;
import org.selfcare.notification.NotificationSender;
import org.selfcare.notification.OutboxEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Sends SMS as submit_sm over the {@link SmppLink}, one per part, each asking for a delivery receipt. At most
 * {@code selfcare.notification.sms.window} submit_sm requests of this node await their response at a time.
 *
 * <p>NOTE: a submit_sm whose response times out may still have been accepted by the SMSC, and the retry then
 * sends the message a second time. That is the only way this sender sends a duplicate. A link that drops while a
 * response is awaited ends the same way, because jSMPP reports it as a timeout. A concatenated message
 * whose later part fails temporarily is sent again whole, under a new reference, so the parts that were accepted
 * stay an incomplete message that handsets do not show.
 */
@Component
@Profile("!command")
class SmsSender implements NotificationSender {

    private static final Logger logger = LoggerFactory.getLogger(SmsSender.class);

    /** The UDHI bit of esm_class: the short message starts with a user data header. */
    private static final byte ESM_CLASS_UDHI = 0x40;

    private final SmppLink link;

    private final SmsProperties properties;

    private final Semaphore window;

    private final AtomicInteger nextReference = new AtomicInteger();

    SmsSender(SmppLink link, SmsProperties properties) {
        this.link = link;
        this.properties = properties;
        this.window = new Semaphore(properties.window(), true);
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    /** Returns whether the SMPP link is bound. */
    @Override
    public boolean isReady() {
        return link.boundSession().isPresent();
    }

    @Override
    public Delivery deliver(OutboxEntry entry) {
        if (entry.body() == null) {
            return new Delivery.Rejected("the body was erased before the SMS was sent");
        }
        EncodedSms encoded;
        try {
            encoded = SmsEncoder.encode(entry.body(), nextReference.getAndIncrement() & 0xFF);
        }
        catch (IllegalArgumentException ex) {
            return new Delivery.Rejected(ex.getMessage());
        }

        Optional<SMPPSession> session = link.awaitBoundSession(properties.responseTimeout());
        if (session.isEmpty()) {
            return new Delivery.RetryLater("the SMPP link to " + properties.host() + ":" + properties.port()
                    + " is not bound");
        }

        List<String> messageIds = new ArrayList<>(encoded.shortMessages().size());
        for (byte[] shortMessage : encoded.shortMessages()) {
            Submission submission = submit(session.get(), entry, encoded, shortMessage);
            if (submission.outcome() != null) {
                return submission.outcome();
            }
            messageIds.add(submission.messageId());
        }
        return new Delivery.Sent(messageIds);
    }

    /** The SMSC message id of an accepted part, or the outcome that ends the attempt. */
    private record Submission(String messageId, Delivery outcome) {
    }

    private Submission submit(SMPPSession session, OutboxEntry entry, EncodedSms encoded, byte[] shortMessage) {
        try {
            if (!window.tryAcquire(properties.responseTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
                return new Submission(null, new Delivery.RetryLater("all " + properties.window()
                        + " submit_sm window slots stayed busy for " + properties.responseTimeout()));
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return new Submission(null, new Delivery.RetryLater("interrupted while waiting for a window slot"));
        }

        try {
            String messageId = session.submitShortMessage("",
                    TypeOfNumber.valueOf(properties.sourceTon().name()),
                    NumberingPlanIndicator.valueOf(properties.sourceNpi().name()), properties.sourceAddress(),
                    TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, destination(entry.recipient()),
                    new ESMClass(encoded.concatenated() ? ESM_CLASS_UDHI : 0), (byte) 0, (byte) 0, null, null,
                    new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE), (byte) 0,
                    DataCodings.newInstance(encoded.encoding().dataCoding()), (byte) 0, shortMessage)
                    .getMessageId();
            return new Submission(messageId, null);
        }
        catch (NegativeResponseException ex) {
            int status = ex.getCommandStatus();
            String reason = "the SMSC rejected submit_sm with status 0x" + Integer.toHexString(status)
                    + SmppStatus.describe(status);
            return new Submission(null, SmppStatus.isPermanent(status) ? new Delivery.Rejected(reason)
                    : new Delivery.RetryLater(reason));
        }
        catch (ResponseTimeoutException ex) {
            logger.warn("No submit_sm response for notification {} within {}; the retry may send it twice",
                    entry.id(), properties.responseTimeout());
            return new Submission(null, new Delivery.RetryLater("the submit_sm response timed out after "
                    + properties.responseTimeout() + "; the SMSC may have accepted it"));
        }
        catch (PDUException ex) {
            return new Submission(null, new Delivery.Rejected("invalid submit_sm: " + ex.getMessage()));
        }
        catch (InvalidResponseException | IOException ex) {
            return new Submission(null, new Delivery.RetryLater("submit_sm failed: " + ex.getMessage()));
        }
        finally {
            window.release();
        }
    }

    /** SMPP carries international numbers without the leading '+' of E.164, with TON international. */
    private static String destination(String e164) {
        return e164.startsWith("+") ? e164.substring(1) : e164;
    }
}
