package org.selfcare.usage.cdr;

/**
 * The export layouts the reader understands.
 */
public enum CdrLayout {

    /** Asterisk {@code cdr-csv} (Master.csv) with 16, 18 or 21 columns and no header. */
    ASTERISK,

    /** FreeSWITCH {@code mod_cdr_csv} with the stock 15-column template. */
    FREESWITCH,

    /** A mobile operator's call log with the header {@code user,other,direction,duration,timestamp,antenna_id,cost}. */
    MOBILE_LOG
}
