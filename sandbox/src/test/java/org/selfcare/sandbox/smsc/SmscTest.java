package org.selfcare.sandbox.smsc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.AlertNotification;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.SMSCDeliveryReceipt;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.MessageReceiverListener;
import org.jsmpp.session.SMPPSession;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.DeliveryReceiptState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SmscTest {

    private static final String SYSTEM_ID = "selfcare";
    private static final String PASSWORD = "s3cret";
    private static final String SENDER = "Selfcare";
    private static final String SUBSCRIBER = "447700900000";

    private Smsc smsc;
    private SMPPSession client;

    @BeforeEach
    void startSmsc() throws IOException {
        smsc = Smsc.builder().systemId(SYSTEM_ID).password(PASSWORD).port(0).httpPort(0).build();
        smsc.start();
    }

    @AfterEach
    void stopSmsc() {
        if (client != null) {
            client.unbindAndClose();
        }
        smsc.stop();
    }

    @Test
    void gsm7MessageIsStoredDecoded() throws Exception {
        client = bind(BindType.BIND_TX, PASSWORD);
        String text = "Your code is 123456. Price: £0 {free} €";

        SubmitSmResult result = submit(client, SUBSCRIBER, new ESMClass(), (byte) 0x00, GsmAlphabet.encode(text),
                new RegisteredDelivery(0));

        assertThat(result.getMessageId()).isNotBlank();
        assertThat(smsc.messages()).hasSize(1);
        ReceivedSms received = smsc.messages().get(0);
        assertThat(received.text()).isEqualTo(text);
        assertThat(received.parts()).isEqualTo(1);
        assertThat(received.dataCoding()).isZero();
        assertThat(received.userDataHeader()).isFalse();
        assertThat(received.source()).isEqualTo(SENDER);
        assertThat(received.destination()).isEqualTo(SUBSCRIBER);
        assertThat(received.messageIds()).containsExactly(result.getMessageId());
        assertThat(received.systemId()).isEqualTo(SYSTEM_ID);
    }

    @Test
    void concatenatedUcs2PartsAreReassembled() throws Exception {
        client = bind(BindType.BIND_TRX, PASSWORD);
        String text = "Ваш баланс: 12,50 £. 您的余额已更新。".repeat(5);
        byte[] ucs2 = text.getBytes(StandardCharsets.UTF_16BE);
        // 6 octets of UDH leave 134 octets of user data, 67 UCS-2 characters, so 205 characters need 3 parts.
        assertThat(text).hasSizeBetween(135, 201);
        int partLength = 134;
        int parts = (ucs2.length + partLength - 1) / partLength;
        assertThat(parts).isEqualTo(3);

        ESMClass udhi = new ESMClass(0x40);
        String[] messageIds = new String[parts];
        for (int part = 0; part < parts; part++) {
            int from = part * partLength;
            int to = Math.min(ucs2.length, from + partLength);
            ByteArrayOutputStream shortMessage = new ByteArrayOutputStream();
            shortMessage.write(new byte[] {0x05, 0x00, 0x03, 0x2A, (byte) parts, (byte) (part + 1)});
            shortMessage.write(ucs2, from, to - from);
            messageIds[part] = submit(client, SUBSCRIBER, udhi, (byte) 0x08, shortMessage.toByteArray(),
                    new RegisteredDelivery(0)).getMessageId();
            if (part < parts - 1) {
                assertThat(smsc.messages()).as("listed before its last part arrived").isEmpty();
            }
        }

        assertThat(smsc.messages()).hasSize(1);
        ReceivedSms received = smsc.messages().get(0);
        assertThat(received.text()).isEqualTo(text);
        assertThat(received.parts()).isEqualTo(3);
        assertThat(received.dataCoding()).isEqualTo(0x08);
        assertThat(received.userDataHeader()).isTrue();
        assertThat(received.esmClass() & 0x40).isEqualTo(0x40);
        assertThat(received.messageIds()).containsExactly(messageIds);
        assertThat(received.messageIds()).doesNotHaveDuplicates();
    }

    @Test
    void configuredRejectionAnswersSubmitWithStatus() throws Exception {
        client = bind(BindType.BIND_TX, PASSWORD);
        smsc.rejectSubmits("+" + SUBSCRIBER, SMPPConstant.STAT_ESME_RTHROTTLED, 2);

        for (int attempt = 1; attempt <= 2; attempt++) {
            assertThatThrownBy(() -> submit(client, SUBSCRIBER, new ESMClass(), (byte) 0x00,
                    GsmAlphabet.encode("throttled"), new RegisteredDelivery(0)))
                    .isInstanceOfSatisfying(NegativeResponseException.class,
                            rejection -> assertThat(rejection.getCommandStatus())
                                    .isEqualTo(SMPPConstant.STAT_ESME_RTHROTTLED));
        }
        submit(client, SUBSCRIBER, new ESMClass(), (byte) 0x00, GsmAlphabet.encode("accepted"),
                new RegisteredDelivery(0));

        assertThat(smsc.messages()).extracting(ReceivedSms::text).containsExactly("accepted");
    }

    @Test
    void permanentRejectionLastsUntilCleared() throws Exception {
        client = bind(BindType.BIND_TX, PASSWORD);
        smsc.rejectSubmits(SUBSCRIBER, SMPPConstant.STAT_ESME_RINVDSTADR, Integer.MAX_VALUE);

        for (int attempt = 1; attempt <= 3; attempt++) {
            assertThatThrownBy(() -> submit(client, SUBSCRIBER, new ESMClass(), (byte) 0x00,
                    GsmAlphabet.encode("invalid"), new RegisteredDelivery(0)))
                    .isInstanceOf(NegativeResponseException.class);
        }
        smsc.clearRejections();
        submit(client, SUBSCRIBER, new ESMClass(), (byte) 0x00, GsmAlphabet.encode("valid"), new RegisteredDelivery(0));

        assertThat(smsc.messages()).extracting(ReceivedSms::text).containsExactly("valid");
    }

    @Test
    void wrongPasswordBindIsRejected() {
        assertThatThrownBy(() -> bind(BindType.BIND_TRX, "wrong"))
                .isInstanceOf(IOException.class)
                .cause()
                .isInstanceOfSatisfying(NegativeResponseException.class,
                        rejection -> assertThat(rejection.getCommandStatus()).isEqualTo(SMPPConstant.STAT_ESME_RINVPASWD));
    }

    @Test
    void unknownSystemIdBindIsRejected() {
        SMPPSession session = new SMPPSession();
        BindParameter bind = new BindParameter(BindType.BIND_TX, "someone", PASSWORD, "",
                TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null);

        assertThatThrownBy(() -> session.connectAndBind("127.0.0.1", smsc.port(), bind))
                .cause()
                .isInstanceOfSatisfying(NegativeResponseException.class,
                        rejection -> assertThat(rejection.getCommandStatus()).isEqualTo(SMPPConstant.STAT_ESME_RINVSYSID));
    }

    @Test
    void receiverBindIsAccepted() throws Exception {
        client = bind(BindType.BIND_RX, PASSWORD);

        assertThat(client.getSessionState()).isEqualTo(SessionState.BOUND_RX);
    }

    @Test
    void deliveryReceiptArrivesWhenRequested() throws Exception {
        client = bind(BindType.BIND_TRX, PASSWORD);
        BlockingQueue<DeliverSm> delivered = new LinkedBlockingQueue<>();
        client.setMessageReceiverListener(new CollectingListener(delivered));

        SubmitSmResult result = submit(client, SUBSCRIBER, new ESMClass(), (byte) 0x00,
                GsmAlphabet.encode("Your top-up of 10.00 GBP is confirmed"),
                new RegisteredDelivery(SMSCDeliveryReceipt.SUCCESS_FAILURE));

        DeliverSm receipt = delivered.poll(10, TimeUnit.SECONDS);
        assertThat(receipt).as("delivery receipt").isNotNull();
        assertThat(MessageType.SMSC_DEL_RECEIPT.containedIn(receipt.getEsmClass())).isTrue();
        assertThat(receipt.getSourceAddr()).isEqualTo(SUBSCRIBER);
        assertThat(receipt.getDestAddress()).isEqualTo(SENDER);
        String shortMessage = new String(receipt.getShortMessage(), StandardCharsets.US_ASCII);
        assertThat(shortMessage).matches("id:" + result.getMessageId()
                + " sub:001 dlvrd:001 submit date:\\d{10} done date:\\d{10} stat:DELIVRD err:000 text:Your top-up of 10.00");
        DeliveryReceipt parsed = receipt.getShortMessageAsDeliveryReceipt();
        assertThat(parsed.getId()).isEqualTo(result.getMessageId());
        assertThat(parsed.getFinalStatus()).isEqualTo(DeliveryReceiptState.DELIVRD);
        OptionalParameter.Receipted_message_id receiptedId =
                receipt.getOptionalParameter(OptionalParameter.Receipted_message_id.class);
        assertThat(receiptedId.getValueAsString()).isEqualTo(result.getMessageId());
    }

    @Test
    void noDeliveryReceiptWhenNotRequested() throws Exception {
        client = bind(BindType.BIND_TRX, PASSWORD);
        BlockingQueue<DeliverSm> delivered = new LinkedBlockingQueue<>();
        client.setMessageReceiverListener(new CollectingListener(delivered));

        submit(client, SUBSCRIBER, new ESMClass(), (byte) 0x00, GsmAlphabet.encode("No receipt"),
                new RegisteredDelivery(0));

        assertThat(delivered.poll(1, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void restartedSmscAcceptsBindOnSamePort() throws Exception {
        client = bind(BindType.BIND_TX, PASSWORD);
        submit(client, SUBSCRIBER, new ESMClass(), (byte) 0x00, GsmAlphabet.encode("before"), new RegisteredDelivery(0));
        int port = smsc.port();

        smsc.stop();
        waitUntilUnbound(client);
        // jSMPP 3.0.2 leaves the client UNBOUND rather than CLOSED when the unbind and the socket's end race.
        assertThat(client.getSessionState()).isIn(SessionState.UNBOUND, SessionState.CLOSED);
        assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);

        smsc.start();
        assertThat(smsc.port()).isEqualTo(port);
        client = bind(BindType.BIND_TX, PASSWORD);
        submit(client, SUBSCRIBER, new ESMClass(), (byte) 0x00, GsmAlphabet.encode("after"), new RegisteredDelivery(0));

        assertThat(smsc.messages()).extracting(ReceivedSms::text).containsExactly("before", "after");
    }

    @Test
    void httpApiListsAndFiltersMessages() throws Exception {
        client = bind(BindType.BIND_TX, PASSWORD);
        submit(client, SUBSCRIBER, new ESMClass(), (byte) 0x00, GsmAlphabet.encode("first"), new RegisteredDelivery(0));
        submit(client, "447700900002", new ESMClass(), (byte) 0x00, GsmAlphabet.encode("other"), new RegisteredDelivery(0));
        submit(client, SUBSCRIBER, new ESMClass(), (byte) 0x00, GsmAlphabet.encode("second"), new RegisteredDelivery(0));

        HttpResponse<String> all = get("/sms");
        HttpResponse<String> filtered = get("/sms?to=+447700900000");

        assertThat(all.statusCode()).isEqualTo(200);
        assertThat(all.headers().firstValue("Content-Type")).hasValue("application/json");
        JsonNode allJson = new JsonMapper().readTree(all.body());
        assertThat(allJson.size()).isEqualTo(3);
        assertThat(allJson.get(2).get("text").asString()).as("newest last").isEqualTo("second");
        assertThat(allJson.get(0).get("parts").asInt()).isEqualTo(1);
        assertThat(allJson.get(0).get("receivedAt").isString()).isTrue();
        assertThat(all.body()).doesNotContain(PASSWORD);
        JsonNode filteredJson = new JsonMapper().readTree(filtered.body());
        assertThat(filteredJson.size()).isEqualTo(2);
        assertThat(filteredJson.get(0).get("text").asString()).isEqualTo("first");
        assertThat(filteredJson.get(1).get("text").asString()).isEqualTo("second");
    }

    @Test
    void httpApiRejectsDelete() throws Exception {
        HttpRequest delete = HttpRequest.newBuilder(httpUri("/sms")).DELETE().build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(delete, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("Allow")).hasValue("GET, HEAD");
    }

    @Test
    void httpApiListensOnLoopbackOnly() throws Exception {
        InetSocketAddress address = smsc.httpAddress();

        assertThat(address.getAddress()).isEqualTo(InetAddress.getByName("127.0.0.1"));
        // 127.0.0.2 reaches this host too, so a refused connection there shows the socket is not on every address.
        assertThatThrownBy(() -> new Socket("127.0.0.2", address.getPort()).close()).isInstanceOf(ConnectException.class);
        assertThatThrownBy(() -> new Socket("127.0.0.2", smsc.port()).close()).isInstanceOf(ConnectException.class);
    }

    private SMPPSession bind(BindType type, String password) throws IOException {
        SMPPSession session = new SMPPSession();
        session.setTransactionTimer(5_000);
        session.connectAndBind("127.0.0.1", smsc.port(), new BindParameter(type, SYSTEM_ID, password, "",
                TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null));
        return session;
    }

    private static SubmitSmResult submit(SMPPSession session, String destination, ESMClass esmClass, byte dataCoding,
                                         byte[] shortMessage, RegisteredDelivery registeredDelivery) throws Exception {
        return session.submitShortMessage("", TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, SENDER,
                TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, destination, esmClass, (byte) 0, (byte) 1,
                null, null, registeredDelivery, (byte) 0, DataCodings.newInstance(dataCoding), (byte) 0, shortMessage);
    }

    private static void waitUntilUnbound(SMPPSession session) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (session.getSessionState().isBound() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(httpUri(pathAndQuery)).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI httpUri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + smsc.httpAddress().getPort() + pathAndQuery);
    }

    /** Collects deliver_sm PDUs. The client sends deliver_sm_resp for each when this returns. */
    private record CollectingListener(BlockingQueue<DeliverSm> delivered) implements MessageReceiverListener {
        @Override
        public void onAcceptDeliverSm(DeliverSm deliverSm) {
            delivered.add(deliverSm);
        }

        @Override
        public void onAcceptAlertNotification(AlertNotification alertNotification) {
        }

        @Override
        public DataSmResult onAcceptDataSm(org.jsmpp.bean.DataSm dataSm, Session source) {
            return null;
        }
    }
}
