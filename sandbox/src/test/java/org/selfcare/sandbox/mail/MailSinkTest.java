package org.selfcare.sandbox.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class MailSinkTest {

    private MailSink sink;

    @AfterEach
    void stopSink() {
        if (sink != null) {
            sink.stop();
        }
    }

    @Test
    void messageIsStoredAndListed() throws Exception {
        sink = MailSink.builder().port(0).httpPort(0).build();
        sink.start();

        send(sink.port(), false, "Your receipt – order 42", "Thank you for your payment of £10.00.");

        assertThat(sink.messages()).hasSize(1);
        ReceivedMail received = sink.messages().get(0);
        assertThat(received.envelopeFrom()).isEqualTo("noreply@selfcare.example");
        assertThat(received.recipients()).containsExactly("alice@example.org", "bob@example.org");
        assertThat(received.subject()).isEqualTo("Your receipt – order 42");
        assertThat(received.text().stripTrailing()).isEqualTo("Thank you for your payment of £10.00.");
        assertThat(received.receivedAt()).isNotNull();

        HttpResponse<String> response = get("/mail");
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode json = new JsonMapper().readTree(response.body());
        assertThat(json.size()).isEqualTo(1);
        assertThat(json.get(0).get("envelopeFrom").asString()).isEqualTo("noreply@selfcare.example");
        assertThat(json.get(0).get("recipients").get(1).asString()).isEqualTo("bob@example.org");
        assertThat(json.get(0).get("subject").asString()).isEqualTo("Your receipt – order 42");
        assertThat(json.get(0).get("text").asString().stripTrailing()).isEqualTo("Thank you for your payment of £10.00.");
        assertThat(json.get(0).get("receivedAt").isString()).isTrue();
    }

    @Test
    void httpApiFiltersByRecipientNewestLast() throws Exception {
        sink = MailSink.builder().port(0).httpPort(0).build();
        sink.start();
        send(sink.port(), false, "first", "1");
        sendTo(sink.port(), "carol@example.org", "other");
        send(sink.port(), false, "second", "2");

        JsonNode filtered = new JsonMapper().readTree(get("/mail?to=bob@example.org").body());

        assertThat(filtered.size()).isEqualTo(2);
        assertThat(filtered.get(0).get("subject").asString()).isEqualTo("first");
        assertThat(filtered.get(1).get("subject").asString()).isEqualTo("second");
    }

    @Test
    void startTlsUpgradeIsAccepted() throws Exception {
        sink = MailSink.builder().port(0).startTls(true).build();
        sink.start();

        send(sink.port(), true, "over TLS", "secret code 123456");

        assertThat(sink.messages()).extracting(ReceivedMail::subject).containsExactly("over TLS");
    }

    @Test
    void startTlsIsNotOfferedByDefault() throws Exception {
        sink = MailSink.builder().port(0).build();
        sink.start();

        assertThatThrownBy(() -> send(sink.port(), true, "over TLS", "text")).isInstanceOf(MessagingException.class);
        assertThat(sink.messages()).isEmpty();
    }

    @Test
    void httpApiIsReadOnlyOnLoopback() throws Exception {
        sink = MailSink.builder().port(0).httpPort(0).build();
        sink.start();
        HttpRequest delete = HttpRequest.newBuilder(uri("/mail")).DELETE().build();

        HttpResponse<String> response = HttpClient.newHttpClient().send(delete, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(sink.httpAddress().getAddress()).isEqualTo(InetAddress.getByName("127.0.0.1"));
        assertThatThrownBy(() -> new Socket("127.0.0.2", sink.httpAddress().getPort()).close())
                .isInstanceOf(ConnectException.class);
        assertThatThrownBy(() -> new Socket("127.0.0.2", sink.port()).close()).isInstanceOf(ConnectException.class);
    }

    @Test
    void restartedSinkKeepsMessagesAndPort() throws Exception {
        sink = MailSink.builder().port(0).build();
        sink.start();
        int port = sink.port();
        send(port, false, "before", "1");

        sink.stop();
        sink.start();
        send(port, false, "after", "2");

        assertThat(sink.port()).isEqualTo(port);
        assertThat(sink.messages()).extracting(ReceivedMail::subject).containsExactly("before", "after");
    }

    @Test
    void rejectedRecipientGets550() throws Exception {
        sink = MailSink.builder().port(0).build();
        sink.start();
        sink.rejectRecipient("Nobody@Example.org");

        assertThatThrownBy(() -> sendTo(sink.port(), "nobody@example.org", "refused"))
                .isInstanceOfSatisfying(SendFailedException.class,
                        failure -> assertThat(failure.getInvalidAddresses()).hasSize(1));
        sink.clearRejections();
        sendTo(sink.port(), "nobody@example.org", "accepted");

        assertThat(sink.messages()).extracting(ReceivedMail::subject).containsExactly("accepted");
    }

    private static void send(int port, boolean requireStartTls, String subject, String text) throws MessagingException {
        Session session = Session.getInstance(smtpProperties(port, requireStartTls));
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("noreply@selfcare.example"));
        message.setRecipients(Message.RecipientType.TO, "alice@example.org, bob@example.org");
        message.setSubject(subject, "UTF-8");
        message.setText(text, "UTF-8");
        Transport.send(message);
    }

    private static void sendTo(int port, String recipient, String subject) throws MessagingException {
        Session session = Session.getInstance(smtpProperties(port, false));
        MimeMessage message = new MimeMessage(session);
        message.setFrom(new InternetAddress("noreply@selfcare.example"));
        message.setRecipients(Message.RecipientType.TO, recipient);
        message.setSubject(subject, "UTF-8");
        message.setText("text", "UTF-8");
        Transport.send(message);
    }

    private static Properties smtpProperties(int port, boolean requireStartTls) {
        Properties properties = new Properties();
        properties.setProperty("mail.smtp.host", "127.0.0.1");
        properties.setProperty("mail.smtp.port", Integer.toString(port));
        properties.setProperty("mail.smtp.connectiontimeout", "5000");
        properties.setProperty("mail.smtp.timeout", "5000");
        if (requireStartTls) {
            properties.setProperty("mail.smtp.starttls.enable", "true");
            properties.setProperty("mail.smtp.starttls.required", "true");
            // The sink's certificate is self-signed, generated at start.
            properties.setProperty("mail.smtp.ssl.trust", "127.0.0.1");
        }
        return properties;
    }

    private HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri(pathAndQuery)).GET().build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + sink.httpAddress().getPort() + pathAndQuery);
    }
}
