package org.selfcare.notification.sms;

import java.time.Clock;

import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.Session;
import org.jsmpp.util.InvalidDeliveryReceiptException;
import org.selfcare.notification.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.annotation.Profile;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Stores the delivery receipts the SMSC sends as deliver_sm. Mobile-originated messages are acknowledged and
 * dropped, because the portal offers no service that replies to them.
 */
@Component
@Profile("!command")
class DeliveryReceiptListener implements MessageReceiverListener {

    private static final Logger logger = LoggerFactory.getLogger(DeliveryReceiptListener.class);

    private final Outbox outbox;

    private final Clock clock;

    DeliveryReceiptListener(Outbox outbox, Clock clock) {
        this.outbox = outbox;
        this.clock = clock;
    }

    @Override
    public void onAcceptDeliverSm(DeliverSm deliverSm) throws ProcessRequestException {
        if (!MessageType.SMSC_DEL_RECEIPT.containedIn(deliverSm.getEsmClass())) {
            logger.debug("Dropped a mobile-originated deliver_sm");
            return;
        }

        DeliveryReceipt receipt;
        try {
            receipt = deliverSm.getShortMessageAsDeliveryReceipt();
        }
        catch (InvalidDeliveryReceiptException ex) {
            logger.warn("Dropped a delivery receipt whose text is not in the SMPP 3.4 appendix B form: {}",
                    ex.getMessage());
            return;
        }

        // SMPP 3.4 puts the id in receipted_message_id; the text's id field is the fallback some SMSCs rely on.
        OptionalParameter.Receipted_message_id receipted =
                deliverSm.getOptionalParameter(OptionalParameter.Receipted_message_id.class);
        String messageId = receipted != null ? receipted.getValueAsString() : receipt.getId();
        String state = receipt.getFinalStatus() == null ? "UNKNOWN" : receipt.getFinalStatus().name();
        try {
            outbox.recordReceipt(messageId, state, receipt.getError(), clock.instant());
        }
        catch (DataAccessException ex) {
            logger.error("Storing the delivery receipt for SMSC message {} failed; asking the SMSC to send it again",
                    messageId, ex);
            // A temporary error makes the SMSC send the receipt again later.
            throw new ProcessRequestException("Storing the receipt failed", SMPPConstant.STAT_ESME_RX_T_APPN);
        }
    }

    @Override
    public void onAcceptAlertNotification(AlertNotification alertNotification) {
    }

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session source) throws ProcessRequestException {
        throw new ProcessRequestException("data_sm is not supported", SMPPConstant.STAT_ESME_RINVCMDID);
    }
}
