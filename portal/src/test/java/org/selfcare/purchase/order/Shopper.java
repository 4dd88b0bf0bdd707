package org.selfcare.purchase.order;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import com.nimbusds.jose.EncryptionMethod;
import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.JWEHeader;
import com.nimbusds.jose.JWEObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.RSAEncrypter;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import org.selfcare.account.Money;
import org.selfcare.purchase.catalogue.Catalogue;
import org.selfcare.purchase.catalogue.CatalogueItem;
import org.selfcare.purchase.catalogue.ItemKind;
import org.selfcare.support.PortalClient;
import org.selfcare.support.TestSubscribers;

/**
 * A signed-in subscriber who shops through the API as the portal's pages do: orders are encrypted with Nimbus to
 * the key the portal publishes in its JWKS.
 */
public final class Shopper {

    public final PortalClient client;

    private RSAKey key;

    public Shopper(int port, String msisdn) {
        this(new PortalClient(port), msisdn);
    }

    /** Signs requests with the portal's clock, for tests that move it. */
    Shopper(int port, String msisdn, Clock clock) {
        this(new PortalClient(port, clock), msisdn);
    }

    private Shopper(PortalClient client, String msisdn) {
        this.client = client;
        client.signIn(msisdn, TestSubscribers.PASSWORD);
    }

    /** Encrypts {@code plaintext} as a compact JWE to the portal's published key. */
    String encrypt(String plaintext) {
        try {
            JWEObject jwe = new JWEObject(new JWEHeader.Builder(JWEAlgorithm.RSA_OAEP_256, EncryptionMethod.A256GCM)
                    .keyID(key().getKeyID()).contentType("application/json").build(), new Payload(plaintext));
            jwe.encrypt(new RSAEncrypter(key()));
            return jwe.serialize();
        }
        catch (Exception ex) {
            throw new IllegalStateException("Cannot encrypt the test order", ex);
        }
    }

    public HttpResponse<String> order(String plaintext) {
        return orderEncrypted(encrypt(plaintext), newKey());
    }

    HttpResponse<String> order(String plaintext, String idempotencyKey) {
        return orderEncrypted(encrypt(plaintext), idempotencyKey);
    }

    HttpResponse<String> orderEncrypted(String jwe, String idempotencyKey) {
        return client.send(post("/api/v1/orders", "application/jose", jwe, idempotencyKey));
    }

    public HttpResponse<String> pay(String number, String method) {
        return pay(number, method, newKey());
    }

    HttpResponse<String> pay(String number, String method, String idempotencyKey) {
        return client.send(post("/api/v1/orders/" + number + "/payment", "application/json",
                "{\"method\":\"" + method + "\"}", idempotencyKey));
    }

    /** Pays with a confirmation member, such as {@code {"method":"sms-code","secret":"123456"}}. */
    HttpResponse<String> payConfirmed(String number, String method, String confirmation) {
        return client.send(post("/api/v1/orders/" + number + "/payment", "application/json",
                "{\"method\":\"" + method + "\",\"confirmation\":" + confirmation + "}", newKey()));
    }

    HttpResponse<String> cancel(String number) {
        return client.send(post("/api/v1/orders/" + number + "/cancel", "application/json", "", null));
    }

    HttpRequest post(String path, String contentType, String body, String idempotencyKey) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(client.base() + path))
                .header("Content-Type", contentType)
                .header("Accept", "application/json")
                .header("X-CSRF-TOKEN", client.csrfToken())
                .POST(body.isEmpty() ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (idempotencyKey != null) {
            builder.header("Idempotency-Key", idempotencyKey);
        }
        return builder.build();
    }

    /**
     * Adds an item with an id no other test uses, priced in GBP; a recharge card's face value equals its price.
     */
    public static String newItem(Catalogue catalogue, ItemKind kind, long priceMinor, int stock) {
        String id = "t-" + kind.name().toLowerCase(Locale.ROOT).replace('_', '-') + "-"
                + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40), 36);
        Money price = Money.of(priceMinor, "GBP");
        boolean recharge = kind == ItemKind.RECHARGE_CARD;
        catalogue.add(new CatalogueItem(id, kind, (recharge ? "Recharge card " : "Item ") + id, "Test item", price,
                recharge ? price : null, stock, true));
        return id;
    }

    public static String newKey() {
        return UUID.randomUUID().toString();
    }

    private RSAKey key() {
        if (key == null) {
            try {
                key = JWKSet.parse(client.get("/.well-known/jwks.json").body()).getKeys().get(0).toRSAKey();
            }
            catch (java.text.ParseException ex) {
                throw new IllegalStateException("The portal's JWKS does not parse", ex);
            }
        }
        return key;
    }
}
