package org.selfcare.bench;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH benchmark of the CPU work of checking one request signature, for a call-records page request: parse the
 * header, hash the (empty) body, compute the HMAC-SHA256 over the canonical lines and compare it in constant time.
 * The steps repeat those of the portal's request signature filter with the same JDK classes, because that filter's
 * classes are internal to the portal. The nonce insert, one database round trip, is not part of this number; the
 * API latency measured by {@link PageLatency} includes it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class SignatureVerification {

    private static final Pattern FORMAT = Pattern.compile(
            "v1;ts=(0|[1-9][0-9]{0,11});nonce=([A-Za-z0-9_-]{16,64});mac=([A-Za-z0-9_-]{43})");

    private final byte[] key = new byte[32];

    private final String rawPath = "/api/v1/calls";

    private final String rawQuery = "limit=50&cursor=MjAxMS0wMy0xNFQxMDoxNTozMFovMTIzNDU2Nzg";

    private final byte[] body = new byte[0];

    private String header;

    @Setup
    public void signRequest() throws Exception {
        for (int i = 0; i < key.length; i++) {
            key[i] = (byte) (i * 7 + 3);
        }
        String ts = "1764892800";
        String nonce = "q2Jd8x0vYB3kPz7LmN4wRg";
        byte[] mac = hmac(lines("GET", ts, nonce));
        header = "v1;ts=" + ts + ";nonce=" + nonce + ";mac=" + Base64.getUrlEncoder().withoutPadding().encodeToString(mac);
    }

    @Benchmark
    public boolean verify() throws Exception {
        Matcher matcher = FORMAT.matcher(header);
        if (!matcher.matches()) {
            return false;
        }
        byte[] sent = Base64.getUrlDecoder().decode(matcher.group(3));
        byte[] expected = hmac(lines("GET", matcher.group(1), matcher.group(2)));
        return MessageDigest.isEqual(expected, sent);
    }

    private String lines(String method, String ts, String nonce) throws Exception {
        String bodyHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        return String.join("\n", "v1", method, rawPath, rawQuery, bodyHash, ts, nonce);
    }

    private byte[] hmac(String lines) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(lines.getBytes(StandardCharsets.UTF_8));
    }
}
