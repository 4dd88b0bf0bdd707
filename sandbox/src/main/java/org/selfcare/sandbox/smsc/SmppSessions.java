package org.selfcare.sandbox.smsc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Date;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.jsmpp.PDUException;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.BroadcastSm;
import org.jsmpp.bean.CancelBroadcastSm;
import org.jsmpp.bean.CancelSm;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.DeliveryReceipt;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.InterfaceVersion;
import org.jsmpp.bean.MessageMode;
import org.jsmpp.bean.MessageState;
import org.jsmpp.bean.MessageType;
import org.jsmpp.bean.GSMSpecificFeature;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.QueryBroadcastSm;
import org.jsmpp.bean.QuerySm;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.ReplaceSm;
import org.jsmpp.bean.SubmitMulti;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.extra.NegativeResponseException;
import org.jsmpp.extra.ProcessRequestException;
import org.jsmpp.extra.ResponseTimeoutException;
import org.jsmpp.extra.SessionState;
import org.jsmpp.session.BindRequest;
import org.jsmpp.session.BroadcastSmResult;
import org.jsmpp.session.DataSmResult;
import org.jsmpp.session.QueryBroadcastSmResult;
import org.jsmpp.session.QuerySmResult;
import org.jsmpp.session.SMPPServerSession;
import org.jsmpp.session.ServerMessageReceiverListener;
import org.jsmpp.session.ServerResponseDeliveryListener;
import org.jsmpp.session.Session;
import org.jsmpp.session.SubmitMultiResult;
import org.jsmpp.session.SubmitSmResult;
import org.jsmpp.util.DeliveryReceiptState;
import org.jsmpp.util.MessageId;
import org.jsmpp.InvalidResponseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SMSC's side of its SMPP sessions: checks binds, stores each submit_sm and sends delivery receipts. jSMPP
 * responds to enquire_link and unbind itself. Operations other than submit_sm get ESME_RINVCMDID.
 */
final class SmppSessions implements ServerMessageReceiverListener, ServerResponseDeliveryListener {

    private static final Logger log = LoggerFactory.getLogger(SmppSessions.class);

    private static final long BIND_TIMEOUT_MILLIS = 10_000;

    /** SMPP 3.4 appendix B: the receipt's text field carries the first 20 characters of the message. */
    private static final int RECEIPT_TEXT_LENGTH = 20;

    private final String systemId;
    private final byte[] password;
    private final SmsStore store;
    private final SubmitRejections rejections;
    private final Clock clock;
    private final ExecutorService executor;
    /** Starts at the current time in milliseconds so that ids stay unique across restarts of the process. */
    private final AtomicLong nextMessageId;
    private final Set<SMPPServerSession> sessions = ConcurrentHashMap.newKeySet();
    /** submit_sm requests accepted for processing whose response has not been written yet. */
    private final AtomicInteger submitsInFlight = new AtomicInteger();
    private volatile boolean closing;
    private final Map<String, PendingReceipt> pendingReceipts = new ConcurrentHashMap<>();

    /** What a delivery receipt needs to know about a part it reports on. */
    private record PendingReceipt(String source, String destination, Date submitDate, String text) {
    }

    SmppSessions(String systemId, String password, SmsStore store, SubmitRejections rejections, Clock clock,
                 ExecutorService executor) {
        this.systemId = systemId;
        this.password = password.getBytes(StandardCharsets.UTF_8);
        this.store = store;
        this.rejections = rejections;
        this.clock = clock;
        this.executor = executor;
        this.nextMessageId = new AtomicLong(clock.millis());
    }

    /** Waits for the session's bind request on the executor, so a slow client holds up no other. */
    void accept(SMPPServerSession session) {
        sessions.add(session);
        session.addSessionStateListener((newState, oldState, source) -> {
            if (newState == SessionState.CLOSED) {
                sessions.remove(session);
            }
        });
        executor.execute(() -> bind(session));
    }

    /**
     * Unbinds and closes every open session. Like an SMSC shut down for maintenance, it first sends the response
     * to every submit_sm it is processing, so a client never loses the response to a message the SMSC stored.
     * Requests that arrive meanwhile get ESME_RSYSERR, which clients retry. It waits at most 5 seconds.
     */
    void closeAll() {
        closing = true;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (submitsInFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (SMPPServerSession session : sessions) {
            if (session.getSessionState().isBound()) {
                session.unbindAndClose();
            } else {
                session.close();
            }
        }
        sessions.clear();
    }

    private void bind(SMPPServerSession session) {
        BindRequest request;
        try {
            request = session.waitForBind(BIND_TIMEOUT_MILLIS);
        } catch (TimeoutException e) {
            log.warn("No bind request within {} ms from {}, closing session {}", BIND_TIMEOUT_MILLIS,
                    session.getInetAddress(), session.getSessionId());
            session.close();
            return;
        }

        try {
            int status = checkCredentials(request);
            if (status != SMPPConstant.STAT_ESME_ROK) {
                log.info("Rejected {} of system id '{}' from {} with status 0x{}", request.getBindType(),
                        request.getSystemId(), session.getInetAddress(), Integer.toHexString(status));
                // The session stays open for the client to close: closing it here at once lost the negative
                // bind_resp before jSMPP 3.0.2 had written it, and the client then timed out.
                request.reject(status);
                return;
            }
            request.accept(systemId, InterfaceVersion.IF_34);
            log.info("Accepted {} of system id '{}' from {}, session {}", request.getBindType(), request.getSystemId(),
                    session.getInetAddress(), session.getSessionId());
        } catch (PDUStringException | IOException | IllegalStateException e) {
            log.warn("Bind of session {} failed", session.getSessionId(), e);
            session.close();
        }
    }

    private int checkCredentials(BindRequest request) {
        if (!systemId.equals(request.getSystemId())) {
            return SMPPConstant.STAT_ESME_RINVSYSID;
        }
        byte[] offered = request.getPassword() == null ? new byte[0]
                : request.getPassword().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(password, offered)) {
            return SMPPConstant.STAT_ESME_RINVPASWD;
        }
        return SMPPConstant.STAT_ESME_ROK;
    }

    @Override
    public SubmitSmResult onAcceptSubmitSm(SubmitSm submitSm, SMPPServerSession session)
            throws ProcessRequestException {
        submitsInFlight.incrementAndGet();
        try {
            if (closing) {
                throw new ProcessRequestException("The SMSC is stopping", SMPPConstant.STAT_ESME_RSYSERR);
            }
            return acceptSubmitSm(submitSm);
        } catch (ProcessRequestException | RuntimeException e) {
            // No response listener call follows a rejected request.
            submitsInFlight.decrementAndGet();
            throw e;
        }
    }

    private SubmitSmResult acceptSubmitSm(SubmitSm submitSm) throws ProcessRequestException {
        Optional<Integer> rejection = rejections.take(Smsc.withoutPlus(submitSm.getDestAddress()));
        if (rejection.isPresent()) {
            log.info("Rejected submit_sm to {} with status 0x{} as configured", submitSm.getDestAddress(),
                    Integer.toHexString(rejection.get()));
            throw new ProcessRequestException("Rejected as configured", rejection.get());
        }

        ShortMessageDecoder.DecodedPart decoded;
        try {
            decoded = ShortMessageDecoder.decode(submitSm);
        } catch (IllegalArgumentException e) {
            log.info("Rejected submit_sm to {}: {}", submitSm.getDestAddress(), e.getMessage());
            throw new ProcessRequestException(e.getMessage(), SMPPConstant.STAT_ESME_RINVMSGLEN);
        }

        String messageId = Long.toString(nextMessageId.getAndIncrement());
        SmsStore.Part part = new SmsStore.Part(messageId, systemId, submitSm.getSourceAddr(),
                submitSm.getDestAddress(), submitSm.getDataCoding() & 0xFF, submitSm.getEsmClass() & 0xFF, decoded);
        Optional<ReceivedSms> completed = store.add(part);
        completed.ifPresent(message -> log.info("Received message {} from {} to {} in {} part(s)",
                message.messageIds(), message.source(), message.destination(), message.parts()));

        if (wantsSuccessReceipt(submitSm.getRegisteredDelivery())) {
            pendingReceipts.put(messageId, new PendingReceipt(submitSm.getSourceAddr(), submitSm.getDestAddress(),
                    Date.from(clock.instant()), decoded.text() == null ? "" : decoded.text()));
        }
        try {
            return new SubmitSmResult(new MessageId(messageId), new OptionalParameter[0]);
        } catch (PDUStringException e) {
            throw new ProcessRequestException("Invalid message id " + messageId, SMPPConstant.STAT_ESME_RSYSERR, e);
        }
    }

    /**
     * Reads bits 1..0 of registered_delivery. Value 1 asks for a receipt on success and failure; value 3 is reserved
     * in SMPP 3.4 but means "success only" in SMPP 5.0, so it gets one too. Every message here is delivered, so value
     * 2 (failure only) never gets one.
     */
    private static boolean wantsSuccessReceipt(byte registeredDelivery) {
        int receipt = registeredDelivery & 0x03;
        return receipt == 1 || receipt == 3;
    }

    /** Sends a pending receipt only after its submit_sm_resp, so the client knows the message id it reports on. */
    @Override
    public void onSubmitSmRespSent(SubmitSmResult result, SMPPServerSession session) {
        submitsInFlight.decrementAndGet();
        PendingReceipt receipt = pendingReceipts.remove(result.getMessageId());
        if (receipt != null) {
            executor.execute(() -> sendReceipt(result.getMessageId(), receipt, session));
        }
    }

    @Override
    public void onSubmitSmRespError(SubmitSmResult result, Exception error, SMPPServerSession session) {
        submitsInFlight.decrementAndGet();
        pendingReceipts.remove(result.getMessageId());
        log.warn("Sending submit_sm_resp for message {} on session {} failed", result.getMessageId(),
                session.getSessionId(), error);
    }

    private void sendReceipt(String messageId, PendingReceipt pending, SMPPServerSession submitter) {
        Optional<SMPPServerSession> target = receiptTarget(submitter);
        if (target.isEmpty()) {
            log.info("No session bound to receive the delivery receipt for message {}, dropping it", messageId);
            return;
        }

        Date doneDate = Date.from(clock.instant());
        DeliveryReceipt receipt = new DeliveryReceipt(messageId, 1, 1, pending.submitDate(), doneDate,
                DeliveryReceiptState.DELIVRD, "000", receiptText(pending.text()));
        try {
            target.get().deliverShortMessage("",
                    TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, pending.destination(),
                    TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, pending.source(),
                    new ESMClass(MessageMode.DEFAULT, MessageType.SMSC_DEL_RECEIPT, GSMSpecificFeature.DEFAULT),
                    (byte) 0, (byte) 0, new RegisteredDelivery(0), DataCodings.ZERO,
                    receipt.toString().getBytes(StandardCharsets.US_ASCII),
                    new OptionalParameter.Receipted_message_id(messageId),
                    new OptionalParameter.Message_state(MessageState.DELIVERED.value()));
            log.info("Sent delivery receipt for message {} on session {}", messageId, target.get().getSessionId());
        } catch (PDUException | ResponseTimeoutException | InvalidResponseException | NegativeResponseException
                 | IOException e) {
            log.warn("Sending the delivery receipt for message {} on session {} failed", messageId,
                    target.get().getSessionId(), e);
        }
    }

    /** Picks the submitting session if it can receive, otherwise any receiving session of the same system id. */
    private Optional<SMPPServerSession> receiptTarget(SMPPServerSession submitter) {
        if (submitter.getSessionState().isReceivable()) {
            return Optional.of(submitter);
        }
        return sessions.stream().filter(session -> session.getSessionState().isReceivable()).findFirst();
    }

    /**
     * Cuts the text to the receipt's 20 characters and replaces what printable ASCII cannot carry with '?', because
     * the receipt travels in data_coding 0 and clients parse it as ASCII.
     */
    private static String receiptText(String text) {
        StringBuilder ascii = new StringBuilder(RECEIPT_TEXT_LENGTH);
        for (int i = 0; i < text.length() && ascii.length() < RECEIPT_TEXT_LENGTH; i++) {
            char character = text.charAt(i);
            ascii.append(character >= 0x20 && character < 0x7F ? character : '?');
        }
        return ascii.toString();
    }

    @Override
    public SubmitMultiResult onAcceptSubmitMulti(SubmitMulti submitMulti, SMPPServerSession session)
            throws ProcessRequestException {
        throw unsupported("submit_multi");
    }

    @Override
    public QuerySmResult onAcceptQuerySm(QuerySm querySm, SMPPServerSession session) throws ProcessRequestException {
        throw unsupported("query_sm");
    }

    @Override
    public void onAcceptReplaceSm(ReplaceSm replaceSm, SMPPServerSession session) throws ProcessRequestException {
        throw unsupported("replace_sm");
    }

    @Override
    public void onAcceptCancelSm(CancelSm cancelSm, SMPPServerSession session) throws ProcessRequestException {
        throw unsupported("cancel_sm");
    }

    @Override
    public BroadcastSmResult onAcceptBroadcastSm(BroadcastSm broadcastSm, SMPPServerSession session)
            throws ProcessRequestException {
        throw unsupported("broadcast_sm");
    }

    @Override
    public void onAcceptCancelBroadcastSm(CancelBroadcastSm cancelBroadcastSm, SMPPServerSession session)
            throws ProcessRequestException {
        throw unsupported("cancel_broadcast_sm");
    }

    @Override
    public QueryBroadcastSmResult onAcceptQueryBroadcastSm(QueryBroadcastSm queryBroadcastSm,
                                                           SMPPServerSession session) throws ProcessRequestException {
        throw unsupported("query_broadcast_sm");
    }

    @Override
    public DataSmResult onAcceptDataSm(DataSm dataSm, Session session) throws ProcessRequestException {
        throw unsupported("data_sm");
    }

    @Override
    public void onSubmitMultiRespSent(SubmitMultiResult result, SMPPServerSession session) {
    }

    @Override
    public void onSubmitMultiRespError(SubmitMultiResult result, Exception error, SMPPServerSession session) {
    }

    private static ProcessRequestException unsupported(String operation) {
        return new ProcessRequestException(operation + " is not supported by this SMSC",
                SMPPConstant.STAT_ESME_RINVCMDID);
    }
}
