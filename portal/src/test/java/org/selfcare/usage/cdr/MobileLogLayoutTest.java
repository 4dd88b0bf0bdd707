package org.selfcare.usage.cdr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.selfcare.usage.cdr.CdrInput.LONDON;
import static org.selfcare.usage.cdr.CdrInput.onlyCall;
import static org.selfcare.usage.cdr.CdrInput.onlyRejected;
import static org.selfcare.usage.cdr.CdrInput.readAll;

import java.io.IOException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

class MobileLogLayoutTest {

    private static final String HEADER = "user,other,direction,duration,timestamp,antenna_id,cost\n";

    /** The mobile log's time format, such as {@code Thu Sep 09 19:51:30 +0100 2010}. */
    private static final DateTimeFormatter MOBILE_TIME =
            DateTimeFormatter.ofPattern("EEE MMM dd HH:mm:ss Z yyyy", Locale.ENGLISH);

    private static final CdrReadOptions DETECT = CdrReadOptions.detectLayout(LONDON);

    @Test
    void outgoingCallIsRead() throws IOException {
        String row = "7700900002,2079460000,Outgoing,31,Thu Sep 09 19:51:30 +0100 2010,10,12";

        CallLine call = onlyCall(readAll(HEADER + row + "\n", DETECT));

        assertThat(call).isEqualTo(new CallLine(2, "mobile:" + RecordKeys.sha256Hex("7700900002", "2079460000",
                "Outgoing", "31", "Thu Sep 09 19:51:30 +0100 2010"), "7700900002", "2079460000",
                Instant.parse("2010-09-09T18:51:30Z"), 31, 31, true));
    }

    @Test
    void incomingCallSwapsParties() throws IOException {
        String row = "7700900000,7700900001,Incoming,211,Wed Sep 15 19:17:44 +0100 2010,2,33";

        CallLine call = onlyCall(readAll(HEADER + row, DETECT));

        assertThat(call.callingNumber()).isEqualTo("7700900001");
        assertThat(call.calledNumber()).isEqualTo("7700900000");
        assertThat(call.answered()).isTrue();
    }

    @Test
    void missedCallIsUnanswered() throws IOException {
        String row = "7700900091,7700900086,Missed,0,Sun Oct 31 02:36:38 +0000 2010,22,60";

        CallLine call = onlyCall(readAll(HEADER + row, DETECT));

        assertThat(call.callingNumber()).isEqualTo("7700900086");
        assertThat(call.answered()).isFalse();
        assertThat(call.billableSeconds()).isZero();
    }

    @Test
    void outgoingWithZeroDurationIsUnanswered() throws IOException {
        String row = "7700900091,2079460049,Outgoing,0,Sun Oct 31 01:07:07 +0000 2010,15,90";

        CallLine call = onlyCall(readAll(HEADER + row, DETECT));

        assertThat(call.answered()).isFalse();
    }

    @Test
    void shortCodeIsAccepted() throws IOException {
        String row = "7700900014,452,Outgoing,39,Sat Oct 30 23:03:19 +0100 2010,23,24";

        CallLine call = onlyCall(readAll(HEADER + row, DETECT));

        assertThat(call.calledNumber()).isEqualTo("452");
    }

    @Test
    void scientificNotationIsRejected() throws IOException {
        String row = "7700900002,4.88E+31,Outgoing,31,Thu Sep 09 19:51:30 +0100 2010,10,12";

        RejectedLine rejected = onlyRejected(readAll(HEADER + row, DETECT));

        assertThat(rejected).isEqualTo(
                new RejectedLine(2, "called number \"4.88E+31\" is in scientific notation (damaged by a spreadsheet)"));
    }

    @Test
    void rowFrom1980IsRejected() throws IOException {
        String row = "7700900002,2079460000,Outgoing,31,Mon Feb 11 07:18:23 +0000 1980,10,12";

        RejectedLine rejected = onlyRejected(readAll(HEADER + row, DETECT));

        assertThat(rejected.reason()).isEqualTo("started 1980-02-11T07:18:23Z, before the earliest accepted date"
                + " 2000-01-01, so the phone's clock was probably wrong");
    }

    @Test
    void rowFromFutureIsRejected() throws IOException {
        String inTwoDays = MOBILE_TIME.format(OffsetDateTime.now(ZoneOffset.UTC).plusDays(2).withNano(0));
        String row = "7700900002,2079460000,Outgoing,31," + inTwoDays + ",10,12";

        RejectedLine rejected = onlyRejected(readAll(HEADER + row, DETECT));

        assertThat(rejected.reason()).startsWith("started ").endsWith(", more than a day after the file was read, so "
                + "the phone's clock or the year was probably wrong");
    }

    @Test
    void rowWithinDayAheadIsAccepted() throws IOException {
        String inTwelveHours = MOBILE_TIME.format(OffsetDateTime.now(ZoneOffset.UTC).plusHours(12).withNano(0));
        String row = "7700900002,2079460000,Outgoing,31," + inTwelveHours + ",10,12";

        CallLine call = onlyCall(readAll(HEADER + row, DETECT));

        assertThat(call.startedAt()).isAfter(Instant.now());
    }

    @Test
    void unknownDirectionIsRejected() throws IOException {
        String row = "7700900002,2079460000,Forwarded,31,Thu Sep 09 19:51:30 +0100 2010,10,12";

        RejectedLine rejected = onlyRejected(readAll(HEADER + row, DETECT));

        assertThat(rejected.reason()).isEqualTo("direction \"Forwarded\" is not Incoming, Outgoing or Missed");
    }

    @Test
    void malformedTimestampIsRejected() throws IOException {
        String row = "7700900002,2079460000,Outgoing,31,2010-09-09 19:51:30,10,12";

        RejectedLine rejected = onlyRejected(readAll(HEADER + row, DETECT));

        assertThat(rejected.reason()).isEqualTo("timestamp \"2010-09-09 19:51:30\" is not a valid time in the form"
                + " EEE MMM dd HH:mm:ss Z yyyy, such as Thu Sep 09 19:51:30 +0100 2010");
    }

    @Test
    void wrongColumnCountIsRejected() throws IOException {
        String row = "7700900002,2079460000,Outgoing,31,Thu Sep 09 19:51:30 +0100 2010,10";

        RejectedLine rejected = onlyRejected(readAll(HEADER + row, DETECT));

        assertThat(rejected.reason()).isEqualTo("expected 7 columns but found 6");
    }

    @Test
    void headerIsSkippedWhenLayoutIsSet() throws IOException {
        String row = "7700900002,2079460000,Outgoing,31,Thu Sep 09 19:51:30 +0100 2010,10,12";

        List<CdrLine> lines = readAll(HEADER + row, DETECT.withLayout(CdrLayout.MOBILE_LOG));

        assertThat(lines).singleElement().isInstanceOf(CallLine.class);
    }

    @Test
    void headerOnlyFileHasNoLines() throws IOException {
        assertThat(readAll(HEADER, DETECT)).isEmpty();
    }
}
