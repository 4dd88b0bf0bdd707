package org.selfcare.notification.sms;

import java.util.List;

/**
 * An SMS text encoded for submit_sm: one short_message per part, each starting with the concatenation user data
 * header when there is more than one part.
 *
 * @param encoding the alphabet of every part
 * @param shortMessages the short_message octets of each part, in order
 */
record EncodedSms(SmsEncoding encoding, List<byte[]> shortMessages) {

    EncodedSms {
        shortMessages = List.copyOf(shortMessages);
    }

    boolean concatenated() {
        return shortMessages.size() > 1;
    }
}
