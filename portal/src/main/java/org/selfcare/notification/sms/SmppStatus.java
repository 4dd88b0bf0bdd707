package org.selfcare.notification.sms;

import java.util.Map;

import org.jsmpp.SMPPConstant;

/**
 * Sorts SMPP command_status values (SMPP 3.4 section 5.1.3) of a rejected submit_sm into errors that may pass
 * and errors that will not.
 */
final class SmppStatus {

    /** Statuses after which the same submit_sm may succeed later. */
    private static final Map<Integer, String> TEMPORARY = Map.of(
            SMPPConstant.STAT_ESME_RTHROTTLED, "ESME_RTHROTTLED, throttling error",
            SMPPConstant.STAT_ESME_RMSGQFUL, "ESME_RMSGQFUL, message queue full",
            SMPPConstant.STAT_ESME_RSYSERR, "ESME_RSYSERR, system error",
            SMPPConstant.STAT_ESME_RX_T_APPN, "ESME_RX_T_APPN, temporary application error",
            SMPPConstant.STAT_ESME_RINVBNDSTS, "ESME_RINVBNDSTS, incorrect bind status",
            SMPPConstant.STAT_ESME_RSUBMITFAIL, "ESME_RSUBMITFAIL, submit failed",
            SMPPConstant.STAT_ESME_RDELIVERYFAILURE, "ESME_RDELIVERYFAILURE, delivery failure",
            SMPPConstant.STAT_ESME_RUNKNOWNERR, "ESME_RUNKNOWNERR, unknown error");

    /** Statuses that reject this message for good, because sending it again gets the same response. */
    private static final Map<Integer, String> PERMANENT = Map.ofEntries(
            Map.entry(SMPPConstant.STAT_ESME_RINVDSTADR, "ESME_RINVDSTADR, invalid destination address"),
            Map.entry(SMPPConstant.STAT_ESME_RINVDSTTON, "ESME_RINVDSTTON, invalid destination type of number"),
            Map.entry(SMPPConstant.STAT_ESME_RINVDSTNPI, "ESME_RINVDSTNPI, invalid destination numbering plan"),
            Map.entry(SMPPConstant.STAT_ESME_RINVSRCADR, "ESME_RINVSRCADR, invalid source address"),
            Map.entry(SMPPConstant.STAT_ESME_RINVSRCTON, "ESME_RINVSRCTON, invalid source type of number"),
            Map.entry(SMPPConstant.STAT_ESME_RINVSRCNPI, "ESME_RINVSRCNPI, invalid source numbering plan"),
            Map.entry(SMPPConstant.STAT_ESME_RINVMSGLEN, "ESME_RINVMSGLEN, invalid message length"),
            Map.entry(SMPPConstant.STAT_ESME_RINVESMCLASS, "ESME_RINVESMCLASS, invalid esm_class"),
            Map.entry(SMPPConstant.STAT_ESME_RINVDCS, "ESME_RINVDCS, invalid data coding scheme"),
            Map.entry(SMPPConstant.STAT_ESME_RX_P_APPN, "ESME_RX_P_APPN, permanent application error"),
            Map.entry(SMPPConstant.STAT_ESME_RX_R_APPN, "ESME_RX_R_APPN, rejected by the SMSC"),
            Map.entry(SMPPConstant.STAT_ESME_RPROHIBITED, "ESME_RPROHIBITED, prohibited"),
            Map.entry(SMPPConstant.STAT_ESME_RSERTYPDENIED, "ESME_RSERTYPDENIED, service type denied"));

    private SmppStatus() {
    }

    /**
     * Returns whether the status rejects the message for good. Statuses that neither list names count as
     * temporary, so a message that gets a new or vendor-specific status is retried until its attempts run out.
     */
    static boolean isPermanent(int commandStatus) {
        return PERMANENT.containsKey(commandStatus);
    }

    /** Returns the status name and meaning in brackets, such as " (ESME_RTHROTTLED, throttling error)", or "". */
    static String describe(int commandStatus) {
        String known = TEMPORARY.getOrDefault(commandStatus, PERMANENT.get(commandStatus));
        return known == null ? "" : " (" + known + ")";
    }
}
