package org.selfcare.usage.cdr;

/**
 * Turns the values of one record of a particular layout into a call.
 */
interface CdrRecordParser {

    /**
     * Returns the call that {@code record} describes.
     *
     * @throws InvalidRecordException when a value is missing or invalid, with a message that names the value
     */
    CallLine parse(SourceRecord record) throws InvalidRecordException;
}
