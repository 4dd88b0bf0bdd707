package org.selfcare.sandbox.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.jsmpp.bean.BindType;
import org.jsmpp.bean.DataCodings;
import org.jsmpp.bean.ESMClass;
import org.jsmpp.bean.NumberingPlanIndicator;
import org.jsmpp.bean.RegisteredDelivery;
import org.jsmpp.bean.TypeOfNumber;
import org.jsmpp.session.BindParameter;
import org.jsmpp.session.SMPPSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.selfcare.sandbox.mail.MailSink;
import org.selfcare.sandbox.smsc.GsmAlphabet;
import org.selfcare.sandbox.smsc.Smsc;

class InboxPageTest {

    private Smsc smsc;
    private MailSink mailSink;
    private InboxPage inbox;

    @BeforeEach
    void start() throws Exception {
        smsc = Smsc.builder().systemId("selfcare").password("s3cret").build();
        smsc.start();
        mailSink = MailSink.builder().port(0).build();
        mailSink.start();
        inbox = new InboxPage(smsc, mailSink, 0);
        inbox.start();
    }

    @AfterEach
    void stop() {
        inbox.stop();
        mailSink.stop();
        smsc.stop();
    }

    @Test
    void listsSmsAndMailNewestFirst() throws Exception {
        sendSms("Your code is 123456");
        sendMail("alice@example.org", "Your initial password", "Password: x9-Q");

        HttpResponse<String> page = get(inbox.url());

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(page.headers().firstValue("Content-Security-Policy")).get().asString().contains("default-src 'none'");
        assertThat(page.body()).contains("Your code is 123456", "+447700900000", "Your initial password",
                "Password: x9-Q", "alice@example.org");
        assertThat(page.body().indexOf("Password: x9-Q")).as("newest first")
                .isLessThan(page.body().indexOf("Your code is 123456"));
    }

    @Test
    void receivedTextIsEscaped() throws Exception {
        sendMail("bob@example.org", "<b>subject</b>", "<script>alert('x')</script> & more");

        String body = get(inbox.url()).body();

        assertThat(body).doesNotContain("<script>", "<b>subject</b>");
        assertThat(body).contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; more",
                "&lt;b&gt;subject&lt;/b&gt;");
    }

    @Test
    void foreignHostHeaderIsRejected() throws Exception {
        sendSms("Your code is 654321");
        int port = URI.create(inbox.url()).getPort();

        String response = rawGet(port, "attacker.example:" + port);

        assertThat(response).startsWith("HTTP/1.1 421");
        assertThat(response).doesNotContain("654321");
    }

    @Test
    void postIsRejected() throws Exception {
        HttpRequest post = HttpRequest.newBuilder(URI.create(inbox.url()))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(post, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
    }

    @Test
    void listensOnLoopbackOnly() throws Exception {
        int port = URI.create(inbox.url()).getPort();

        assertThat(inbox.url()).startsWith("http://127.0.0.1:");
        for (var address : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            for (var inet : java.util.Collections.list(address.getInetAddresses())) {
                if (inet.isLoopbackAddress() || inet.isLinkLocalAddress()) {
                    continue;
                }
                try (Socket socket = new Socket()) {
                    socket.connect(new java.net.InetSocketAddress(inet, port), 1_000);
                    throw new AssertionError("The inbox page accepted a connection on " + inet);
                } catch (java.io.IOException expected) {
                    // Refused: nothing listens on this address.
                }
            }
        }
    }

    private void sendSms(String text) throws Exception {
        SMPPSession session = new SMPPSession();
        try {
            session.connectAndBind("127.0.0.1", smsc.port(), new BindParameter(BindType.BIND_TX, "selfcare", "s3cret",
                    "", TypeOfNumber.UNKNOWN, NumberingPlanIndicator.UNKNOWN, null));
            session.submitShortMessage("", TypeOfNumber.ALPHANUMERIC, NumberingPlanIndicator.UNKNOWN, "Selfcare",
                    TypeOfNumber.INTERNATIONAL, NumberingPlanIndicator.ISDN, "447700900000", new ESMClass(),
                    (byte) 0, (byte) 0, null, null, new RegisteredDelivery(0), (byte) 0, DataCodings.ZERO, (byte) 0,
                    GsmAlphabet.encode(text));
        } finally {
            session.unbindAndClose();
        }
    }

    private void sendMail(String to, String subject, String text) throws Exception {
        Properties properties = new Properties();
        properties.put("mail.smtp.host", "127.0.0.1");
        properties.put("mail.smtp.port", String.valueOf(mailSink.port()));
        MimeMessage message = new MimeMessage(Session.getInstance(properties));
        message.setFrom(new InternetAddress("noreply@selfcare.example"));
        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
        message.setSubject(subject);
        message.setText(text, "UTF-8");
        Transport.send(message);
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Sends a GET with a chosen Host header, which java.net.http does not allow to set. */
    private static String rawGet(int port, String host) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader reader = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.UTF_8));
            StringBuilder response = new StringBuilder();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                response.append(line).append('\n');
            }
            return response.toString();
        }
    }
}
