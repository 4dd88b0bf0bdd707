package org.selfcare.sandbox.smsc;

import java.time.Instant;
import java.util.List;

/**
 * One logical short message as the SMSC received it. A concatenated message is one entry whose text joins its
 * parts in sequence order; its message ids are those the SMSC returned for each part, in the same order.
 *
 * @param messageIds the submit_sm_resp message id of each part
 * @param systemId the system id of the session that submitted it
 * @param source source_addr
 * @param destination destination_addr
 * @param dataCoding data_coding of the first part
 * @param esmClass esm_class of the first part
 * @param userDataHeader whether the parts started with a user data header (esm_class UDHI bit)
 * @param parts the number of submit_sm PDUs the message arrived in
 * @param text the decoded text, or null for a binary data coding
 * @param receivedAt when the last part arrived
 */
public record ReceivedSms(
        List<String> messageIds,
        String systemId,
        String source,
        String destination,
        int dataCoding,
        int esmClass,
        boolean userDataHeader,
        int parts,
        String text,
        Instant receivedAt) {

    public ReceivedSms {
        messageIds = List.copyOf(messageIds);
    }
}
