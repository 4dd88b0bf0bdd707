package org.selfcare.usage.cdr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.selfcare.usage.cdr.CdrInput.LONDON;
import static org.selfcare.usage.cdr.CdrInput.answeredAsteriskRecord;
import static org.selfcare.usage.cdr.CdrInput.asteriskRecord;
import static org.selfcare.usage.cdr.CdrInput.onlyCall;
import static org.selfcare.usage.cdr.CdrInput.onlyRejected;
import static org.selfcare.usage.cdr.CdrInput.readAll;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;

class AsteriskLayoutTest {

    private static final CdrReadOptions UTC = CdrReadOptions.detectLayout(ZoneOffset.UTC);
    private static final CdrReadOptions IN_LONDON = CdrReadOptions.detectLayout(LONDON);

    /** 2010-10-31 01:30:00 in London happened twice: first in BST (+01:00), then in GMT (+00:00). */
    private static final String AMBIGUOUS_LONDON_TIME = "2010-10-31 01:30:00";
    private static final Instant FIRST_PASS_BST = Instant.parse("2010-10-31T00:30:00Z");
    private static final Instant SECOND_PASS_GMT = Instant.parse("2010-10-31T01:30:00Z");

    @Test
    void answeredCallIsRead() throws IOException {
        CallLine call = onlyCall(readAll(asteriskRecord("202-555-0161", "202-555-0152", "2017-06-20 09:49:22",
                "2017-06-20 09:49:32", "524", "514", "ANSWERED", "1497952162.0") + "\n", UTC));

        assertThat(call).isEqualTo(new CallLine(1, "asterisk:1497952162.0", "202-555-0161", "202-555-0152",
                Instant.parse("2017-06-20T09:49:22Z"), 524, 514, true));
    }

    @Test
    void answerTimeQuotedEmptyMeansUnanswered() throws IOException {
        CallLine call = onlyCall(readAll(asteriskRecord("202-555-0161", "202-555-0152", "2017-06-20 09:49:22", "",
                "10", "0", "NO ANSWER", "1497952162.0"), UTC));

        assertThat(call.answered()).isFalse();
        assertThat(call.billableSeconds()).isZero();
    }

    @Test
    void answerTimeWithoutQuotesMeansUnanswered() throws IOException {
        // Stock Asterisk writes nothing at all between the commas for an empty answer time.
        String record = "\"\",\"202-555-0161\",\"202-555-0152\",\"hq\",\"\",\"SIP/100-1\",\"\",\"Dial\",\"\","
                + "\"2017-06-20 09:49:22\",,\"2017-06-20 09:49:32\",10,0,\"NO ANSWER\",\"DOCUMENTATION\","
                + "\"1497952162.0\",\"\"";

        CallLine call = onlyCall(readAll(record, UTC));

        assertThat(call.answered()).isFalse();
        assertThat(call.durationSeconds()).isEqualTo(10);
    }

    @Test
    void answeredWithZeroBillsecStaysAnswered() throws IOException {
        CallLine call = onlyCall(readAll(asteriskRecord("202-555-0161", "202-555-0152", "2017-06-20 09:49:22",
                "2017-06-20 09:49:22", "5", "0", "ANSWERED", "1497952162.0"), UTC));

        assertThat(call.answered()).isTrue();
        assertThat(call.billableSeconds()).isZero();
    }

    @Test
    void noAnswerWithBillsecIsNotBillable() throws IOException {
        CallLine call = onlyCall(readAll(asteriskRecord("202-555-0161", "202-555-0152", "2017-06-20 09:49:22",
                "2017-06-20 09:49:47", "25", "25", "NO ANSWER", "1497952162.0"), UTC));

        assertThat(call.answered()).isFalse();
        assertThat(call.billableSeconds()).isZero();
        assertThat(call.durationSeconds()).isEqualTo(25);
    }

    @Test
    void busyIsUnanswered() throws IOException {
        CallLine call = onlyCall(readAll(asteriskRecord("202-555-0161", "202-555-0152", "2017-06-20 09:49:22", "",
                "3", "0", "BUSY", "1497952162.0"), UTC));

        assertThat(call.answered()).isFalse();
    }

    @Test
    void commaInsideQuotedCallerNameIsAccepted() throws IOException {
        String record = "\"\",\"202-555-0113\",\"202-555-0171\",\"hq\",\"\"\"Hale, Robin\"\" <202-555-0113>\","
                + "\"SIP/100-1\",\"SIP/200-2\",\"Dial\",\"SIP/200,30\",\"2017-06-20 10:07:41\",\"2017-06-20 10:07:50\","
                + "\"2017-06-20 10:08:26\",45,36,\"ANSWERED\",\"DOCUMENTATION\",\"1497953261.5\",\"\"";

        CallLine call = onlyCall(readAll(record, UTC));

        assertThat(call.callingNumber()).isEqualTo("202-555-0113");
        assertThat(call.billableSeconds()).isEqualTo(36);
    }

    @Test
    void sixteenColumnsAreReadWithHashedKey() throws IOException {
        String record = "\"\",\"202-555-0161\",\"202-555-0152\",\"hq\",\"\",\"SIP/100-1\",\"SIP/200-2\",\"Dial\","
                + "\"\",\"2017-06-20 09:49:22\",\"2017-06-20 09:49:32\",\"2017-06-20 09:58:06\",524,514,\"ANSWERED\","
                + "\"DOCUMENTATION\"";

        CallLine call = onlyCall(readAll(record, UTC));

        assertThat(call.recordKey()).isEqualTo("asterisk:"
                + RecordKeys.sha256Hex("202-555-0161", "202-555-0152", "2017-06-20 09:49:22", "SIP/100-1", "SIP/200-2"));
        assertThat(call.recordKey()).matches("asterisk:[0-9a-f]{64}");
        assertThat(call.billableSeconds()).isEqualTo(514);
    }

    @Test
    void twentyOneColumnsAreRead() throws IOException {
        String record = "\"\",\"202-555-0161\",\"202-555-0152\",\"hq\",\"\",\"SIP/100-1\",\"SIP/200-2\",\"Dial\","
                + "\"\",\"2017-06-20 09:49:22\",\"2017-06-20 09:49:32\",\"2017-06-20 09:58:06\",524,514,\"ANSWERED\","
                + "\"DOCUMENTATION\",\"1497952162.0\",\"\",\"\",\"1497952162.0\",3";

        CallLine call = onlyCall(readAll(record, UTC));

        assertThat(call.recordKey()).isEqualTo("asterisk:1497952162.0");
        assertThat(call.answered()).isTrue();
    }

    @Test
    void wrongColumnCountIsRejected() throws IOException {
        String valid = answeredAsteriskRecord("2017-06-20 09:49:22", "1497952162.0");
        String seventeenColumns = valid.substring(0, valid.lastIndexOf(','));

        List<CdrLine> lines = readAll(valid + "\n" + seventeenColumns + "\n", UTC);

        assertThat(lines).hasSize(2);
        assertThat(lines.get(1)).isEqualTo(new RejectedLine(2, "expected 16, 18 or 21 columns but found 17"));
    }

    @Test
    void columnCountMayChangeWithinFile() throws IOException {
        String eighteen = answeredAsteriskRecord("2017-06-20 09:49:22", "1497952162.0");
        String sixteen = "\"\",\"202-555-0161\",\"202-555-0152\",\"hq\",\"\",\"SIP/100-1\",\"SIP/200-2\",\"Dial\","
                + "\"\",\"2017-06-20 09:49:22\",\"\",\"2017-06-20 09:58:06\",524,0,\"NO ANSWER\",\"DOCUMENTATION\"";

        List<CdrLine> lines = readAll(eighteen + "\n" + sixteen + "\n", UTC);

        assertThat(lines).hasSize(2).allMatch(CallLine.class::isInstance);
    }

    @Test
    void negativeDurationIsRejected() throws IOException {
        RejectedLine rejected = onlyRejected(readAll(asteriskRecord("202-555-0161", "202-555-0152",
                "2010-10-31 01:50:00", "", "-3600", "0", "NO ANSWER", "1288489800.1"), IN_LONDON));

        assertThat(rejected).isEqualTo(new RejectedLine(1, "negative duration -3600 s (clock change during the call?)"));
    }

    @Test
    void negativeBillsecIsRejected() throws IOException {
        RejectedLine rejected = onlyRejected(readAll(asteriskRecord("202-555-0161", "202-555-0152",
                "2017-06-20 09:49:22", "2017-06-20 09:49:32", "20", "-5", "ANSWERED", "1497952162.0"), UTC));

        assertThat(rejected.reason()).isEqualTo("negative billsec -5 s (clock change during the call?)");
    }

    @Test
    void nonNumericDurationIsRejected() throws IOException {
        RejectedLine rejected = onlyRejected(readAll(asteriskRecord("202-555-0161", "202-555-0152",
                "2017-06-20 09:49:22", "", "ten", "0", "NO ANSWER", "1497952162.0"), UTC));

        assertThat(rejected.reason()).isEqualTo("duration \"ten\" is not a whole number of seconds");
    }

    @Test
    void malformedStartTimeIsRejected() throws IOException {
        RejectedLine rejected = onlyRejected(readAll(asteriskRecord("202-555-0161", "202-555-0152",
                "20/06/2017 09:49", "", "10", "0", "NO ANSWER", "1497952162.0"), UTC));

        assertThat(rejected.reason())
                .isEqualTo("start time \"20/06/2017 09:49\" is not a valid time in the form yyyy-MM-dd HH:mm:ss");
    }

    @Test
    void duplicateUniqueIdGivesSameKey() throws IOException {
        String ringing = asteriskRecord("202-555-0161", "202-555-0152", "2017-06-20 09:49:22", "", "10", "0",
                "NO ANSWER", "1497952162.0");
        String answered = answeredAsteriskRecord("2017-06-20 09:49:22", "1497952162.0");

        List<CdrLine> lines = readAll(ringing + "\n" + answered + "\n", UTC);

        assertThat(lines).hasSize(2).allMatch(CallLine.class::isInstance);
        assertThat(((CallLine) lines.get(0)).recordKey()).isEqualTo("asterisk:1497952162.0");
        assertThat(((CallLine) lines.get(1)).recordKey()).isEqualTo("asterisk:1497952162.0");
    }

    @Test
    void overlapWithBstEpochUsesBst() throws IOException {
        long firstPassEpoch = FIRST_PASS_BST.getEpochSecond();

        CallLine call = onlyCall(readAll(answeredAsteriskRecord(AMBIGUOUS_LONDON_TIME, firstPassEpoch + ".7"),
                IN_LONDON));

        assertThat(call.startedAt()).isEqualTo(FIRST_PASS_BST);
    }

    @Test
    void overlapWithGmtEpochUsesGmt() throws IOException {
        long secondPassEpoch = SECOND_PASS_GMT.getEpochSecond();

        CallLine call = onlyCall(readAll(answeredAsteriskRecord(AMBIGUOUS_LONDON_TIME, secondPassEpoch + ".8"),
                IN_LONDON));

        assertThat(call.startedAt()).isEqualTo(SECOND_PASS_GMT);
    }

    @Test
    void overlapReadsEpochAfterSystemName() throws IOException {
        long secondPassEpoch = SECOND_PASS_GMT.getEpochSecond();

        CallLine call = onlyCall(readAll(answeredAsteriskRecord(AMBIGUOUS_LONDON_TIME, "pbx1-" + secondPassEpoch + ".8"),
                IN_LONDON));

        assertThat(call.startedAt()).isEqualTo(SECOND_PASS_GMT);
    }

    @Test
    void overlapWithoutUniqueIdUsesBst() throws IOException {
        String sixteenColumns = "\"\",\"202-555-0161\",\"202-555-0152\",\"hq\",\"\",\"SIP/100-1\",\"SIP/200-2\","
                + "\"Dial\",\"\",\"" + AMBIGUOUS_LONDON_TIME + "\",\"\",\"2010-10-31 01:30:10\",10,0,\"NO ANSWER\","
                + "\"DOCUMENTATION\"";

        CallLine call = onlyCall(readAll(sixteenColumns, IN_LONDON));

        assertThat(call.startedAt()).isEqualTo(FIRST_PASS_BST);
    }

    @Test
    void overlapWithOtherUniqueIdUsesBst() throws IOException {
        CallLine call = onlyCall(readAll(answeredAsteriskRecord(AMBIGUOUS_LONDON_TIME, "not-an-epoch"), IN_LONDON));

        assertThat(call.startedAt()).isEqualTo(FIRST_PASS_BST);
        assertThat(call.recordKey()).isEqualTo("asterisk:not-an-epoch");
    }

    @Test
    void timeSkippedByDaylightSavingIsRejected() throws IOException {
        // London clocks jumped from 01:00 GMT to 02:00 BST on 2010-03-28.
        RejectedLine rejected = onlyRejected(readAll(answeredAsteriskRecord("2010-03-28 01:30:00", "1269739800.1"),
                IN_LONDON));

        assertThat(rejected.reason()).isEqualTo("start time \"2010-03-28 01:30:00\" does not exist in Europe/London"
                + " because the clocks were put forward at that time (is the source zone right?)");
    }

    @Test
    void emptySrcIsRejected() throws IOException {
        RejectedLine rejected = onlyRejected(readAll(asteriskRecord("", "202-555-0152", "2017-06-20 09:49:22", "",
                "10", "0", "NO ANSWER", "1497952162.0"), UTC));

        assertThat(rejected.reason()).isEqualTo("calling number is empty");
    }

    @Test
    void withheldCallerIsRejected() throws IOException {
        RejectedLine rejected = onlyRejected(readAll(asteriskRecord("anonymous", "202-555-0152",
                "2017-06-20 09:49:22", "", "10", "0", "NO ANSWER", "1497952162.0"), UTC));

        assertThat(rejected.reason()).isEqualTo("calling number \"anonymous\" contains 'a', but a number may contain"
                + " only digits, spaces and + - ( ) . * #");
    }

    @Test
    void dialledCodesWithStarAndHashAreAccepted() throws IOException {
        CallLine call = onlyCall(readAll(asteriskRecord("+1 (202) 555-0161", "*72#", "2017-06-20 09:49:22",
                "2017-06-20 09:49:23", "2", "1", "ANSWERED", "1497952162.0"), UTC));

        assertThat(call.callingNumber()).isEqualTo("+1 (202) 555-0161");
        assertThat(call.calledNumber()).isEqualTo("*72#");
    }

    @Test
    void callBeforeEarliestAcceptedIsRejected() throws IOException {
        RejectedLine rejected = onlyRejected(readAll(answeredAsteriskRecord("1999-12-31 23:59:59", "946684799.0"),
                UTC));

        assertThat(rejected.reason()).isEqualTo("started 1999-12-31T23:59:59Z, before the earliest accepted date"
                + " 2000-01-01, so the switch's clock was probably wrong");
    }

    @Test
    void earliestAcceptedCanBeChanged() throws IOException {
        CdrReadOptions options = new CdrReadOptions(ZoneOffset.UTC, Instant.parse("2017-06-20T09:50:00Z"), null);

        RejectedLine rejected = onlyRejected(readAll(answeredAsteriskRecord("2017-06-20 09:49:22", "1497952162.0"),
                options));

        assertThat(rejected.reason()).isEqualTo("started 2017-06-20T09:49:22Z, before the earliest accepted date"
                + " 2017-06-20T09:50:00Z, so the switch's clock was probably wrong");
    }
}
