package org.selfcare.usage.cdr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.selfcare.usage.cdr.CdrInput.LONDON;
import static org.selfcare.usage.cdr.CdrInput.freeSwitchRecord;
import static org.selfcare.usage.cdr.CdrInput.onlyCall;
import static org.selfcare.usage.cdr.CdrInput.onlyRejected;
import static org.selfcare.usage.cdr.CdrInput.readAll;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

class FreeSwitchLayoutTest {

    private static final CdrReadOptions IN_LONDON = CdrReadOptions.detectLayout(LONDON);

    private static final String UUID = "a1b2c3d4-0000-4000-8000-000000000001";

    @Test
    void answeredCallIsRead() throws IOException {
        String record = freeSwitchRecord("Robin Hale", "7700900123", "2079460001", "2010-06-01 10:00:00",
                "2010-06-01 10:00:05", "300", "295", UUID);

        CallLine call = onlyCall(readAll(record + "\n", IN_LONDON));

        assertThat(call).isEqualTo(new CallLine(1, "freeswitch:" + UUID, "7700900123", "2079460001",
                Instant.parse("2010-06-01T09:00:00Z"), 300, 295, true));
    }

    @Test
    void layoutIsDetectedFromFifteenColumns() throws IOException {
        String record = freeSwitchRecord("Robin Hale", "7700900123", "2079460001", "2010-06-01 10:00:00",
                "2010-06-01 10:00:05", "300", "295", UUID);

        try (CdrReader reader = CdrReader.open(
                new ByteArrayInputStream(record.getBytes(StandardCharsets.UTF_8)), IN_LONDON)) {
            assertThat(reader.layout()).isEqualTo(CdrLayout.FREESWITCH);
        }
    }

    @Test
    void emptyAnswerStampMeansUnanswered() throws IOException {
        String record = freeSwitchRecord("Robin Hale", "7700900123", "2079460001", "2010-06-01 10:00:00", "",
                "30", "0", UUID);

        CallLine call = onlyCall(readAll(record, IN_LONDON));

        assertThat(call.answered()).isFalse();
        assertThat(call.billableSeconds()).isZero();
        assertThat(call.durationSeconds()).isEqualTo(30);
    }

    @Test
    void unescapedCommaInCallerNameIsRejected() throws IOException {
        String valid = freeSwitchRecord("Robin Hale", "7700900123", "2079460001", "2010-06-01 10:00:00",
                "2010-06-01 10:00:05", "300", "295", UUID);
        // The stock template writes "${caller_id_name}" without escaping, so the comma splits the name.
        String broken = freeSwitchRecord("Hale\",\"Robin", "7700900124", "2079460001", "2010-06-01 11:00:00",
                "2010-06-01 11:00:05", "300", "295", "a1b2c3d4-0000-4000-8000-000000000002");

        List<CdrLine> lines = readAll(valid + "\n" + broken + "\n", IN_LONDON);

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isInstanceOf(CallLine.class);
        assertThat(lines.get(1)).isEqualTo(new RejectedLine(2, "expected 15 columns but found 16 (a comma inside a"
                + " value such as the caller name? FreeSWITCH does not escape it)"));
    }

    @Test
    void emptyUuidIsRejected() throws IOException {
        String record = freeSwitchRecord("Robin Hale", "7700900123", "2079460001", "2010-06-01 10:00:00", "",
                "30", "0", "");

        RejectedLine rejected = onlyRejected(readAll(record, IN_LONDON));

        assertThat(rejected.reason()).isEqualTo("uuid is empty, so the call cannot be identified");
    }

    @Test
    void ambiguousStartUsesEarlierOffset() throws IOException {
        String record = freeSwitchRecord("Robin Hale", "7700900123", "2079460001", "2010-10-31 01:30:00",
                "2010-10-31 01:30:05", "60", "55", UUID);

        CallLine call = onlyCall(readAll(record, IN_LONDON));

        assertThat(call.startedAt()).isEqualTo(Instant.parse("2010-10-31T00:30:00Z"));
    }

    @Test
    void negativeBillsecIsRejected() throws IOException {
        String record = freeSwitchRecord("Robin Hale", "7700900123", "2079460001", "2010-06-01 10:00:00",
                "2010-06-01 10:00:05", "300", "-3600", UUID);

        RejectedLine rejected = onlyRejected(readAll(record, IN_LONDON));

        assertThat(rejected.reason()).isEqualTo("negative billsec -3600 s (clock change during the call?)");
    }
}
