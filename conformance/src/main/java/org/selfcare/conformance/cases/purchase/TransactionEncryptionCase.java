package org.selfcare.conformance.cases.purchase;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import com.nimbusds.jose.JWEAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;

import org.selfcare.conformance.http.Money;
import org.selfcare.conformance.http.ProbeResponse;
import org.selfcare.conformance.model.CaseContext;
import org.selfcare.conformance.model.CaseResult;
import org.selfcare.conformance.model.Findings;

/**
 * T-3-1: transaction information is encrypted.
 *
 * <p>The case reads the target's JWK set, checks the strength of its RSA keys, and places a normal order as a
 * compact JWE (RSA-OAEP-256 and A256GCM to the published key). It checks that the captured request body shows
 * neither the subscriber's number, nor the item's id and kind, nor the amount. Then it sends the same order as
 * plain JSON, as a JWE with the weak RSA1_5 or with {@code dir}, and as a JWE naming a key id the target never
 * published: the target must refuse each.
 */
public final class TransactionEncryptionCase extends PurchaseCase {

    public TransactionEncryptionCase() {
        super("T-3-1");
    }

    @Override
    CaseResult run(CaseContext context, Shopper shopper) {
        Findings findings = new Findings();
        checkKeys(shopper, findings);

        String plaintext = shopper.orderJson();
        String jwe = OrderEncryption.encrypt(plaintext, shopper.key());
        ProbeResponse placed = shopper.keep(shopper.api().createOrder(jwe, PurchaseApi.JOSE));
        if (Shopper.isSuccess(placed)) {
            findings.pass("the target accepted the order encrypted with RSA-OAEP-256 and A256GCM to key "
                    + shopper.key().getKeyID() + " (" + Shopper.describe(placed) + ")");
        }
        else {
            findings.inconclusive("the target refused the order encrypted as the contract asks ("
                    + Shopper.describe(placed) + "), so the kit could not make a normal purchase");
        }
        checkNothingInClear(context, shopper, jwe, findings);

        shopper.checkRefused("the same order as plain JSON (Content-Type application/json)",
                shopper.api().createOrder(plaintext, PurchaseApi.JSON), findings);
        shopper.checkRefused("the same order as plain JSON labelled application/jose",
                shopper.api().createOrder(plaintext, PurchaseApi.JOSE), findings);
        shopper.checkRefused("the order encrypted with the weak RSA1_5 key wrapping",
                shopper.api().createOrder(OrderEncryption.encrypt(plaintext, shopper.key(), JWEAlgorithm.RSA1_5,
                        shopper.key().getKeyID()), PurchaseApi.JOSE), findings);
        shopper.checkRefused("the order encrypted with dir and a content key the target cannot know",
                shopper.api().createOrder(OrderEncryption.direct(plaintext, shopper.key().getKeyID()),
                        PurchaseApi.JOSE), findings);
        shopper.checkRefused("the order encrypted to the published key under the unknown key id "
                + OrderEncryption.UNKNOWN_KID, shopper.api().createOrder(OrderEncryption.encrypt(plaintext,
                        shopper.key(), JWEAlgorithm.RSA_OAEP_256, OrderEncryption.UNKNOWN_KID), PurchaseApi.JOSE),
                findings);

        shopper.cancelUnpaid(findings);
        return context.result(description(), findings, "orders travel only as RSA-OAEP-256 and A256GCM JWE to a key "
                + "of at least " + OrderEncryption.MIN_RSA_BITS + " bits, with nothing of the order in clear, and "
                + "plain, weakly encrypted and wrongly addressed orders were refused");
    }

    /**
     * Fails every RSA key of the published set that is shorter than {@link OrderEncryption#MIN_RSA_BITS}.
     */
    private static void checkKeys(Shopper shopper, Findings findings) {
        for (JWK key : shopper.keys().getKeys()) {
            if (!(key instanceof RSAKey rsa)) {
                findings.note("the JWK set also publishes a " + key.getKeyType() + " key " + key.getKeyID()
                        + ", which the kit does not use");
                continue;
            }
            int bits = rsa.size();
            String name = "the published RSA key " + rsa.getKeyID() + " has " + bits + " bits";
            if (bits < OrderEncryption.MIN_RSA_BITS) {
                findings.fail(name + ", weaker than the " + OrderEncryption.MIN_RSA_BITS + " bits RSA needs");
            }
            else {
                findings.pass(name);
            }
        }
    }

    /**
     * Checks that the request body the kit captured is a JWE whose header names only the algorithms and key,
     * and that neither it nor its decoded ciphertext shows the subscriber's number, the item or the amount.
     */
    private static void checkNothingInClear(CaseContext context, Shopper shopper, String body, Findings findings) {
        context.evidence().note("captured order request body (" + body.length() + " characters): " + body);
        String header = OrderEncryption.protectedHeader(body);
        context.evidence().note("its protected header: " + header);

        String decoded = header + new String(decodedParts(body), java.nio.charset.StandardCharsets.ISO_8859_1);
        List<String> shown = new ArrayList<>();
        for (Sensitive value : sensitiveValues(shopper)) {
            if (value.pattern().matcher(body).find() || value.pattern().matcher(decoded).find()) {
                shown.add(value.name());
            }
        }
        if (shown.isEmpty()) {
            findings.pass("the captured order request shows neither the subscriber's number, nor the item id "
                    + shopper.item().id() + " and kind " + shopper.item().kind() + ", nor the amount "
                    + shopper.item().price() + " in clear");
        }
        else {
            findings.fail("the captured order request shows " + String.join(", ", shown) + " in clear");
        }
    }

    /** A value that must not appear in clear, and how to find it. */
    private record Sensitive(String name, Pattern pattern) {
    }

    /**
     * Returns what must not appear in clear. Numbers count only when they stand alone, because short digit
     * runs occur by chance inside base64url text.
     */
    private static List<Sensitive> sensitiveValues(Shopper shopper) {
        List<Sensitive> values = new ArrayList<>();
        String digits = shopper.number().replaceAll("[^0-9]", "").replaceFirst("^0+", "");
        values.add(new Sensitive("the subscriber's number", Pattern.compile(Pattern.quote(digits))));
        values.add(new Sensitive("the item id " + shopper.item().id(),
                Pattern.compile(Pattern.quote(shopper.item().id()))));
        if (!shopper.item().kind().isEmpty()) {
            values.add(new Sensitive("the item kind " + shopper.item().kind(),
                    Pattern.compile(Pattern.quote(shopper.item().kind()), Pattern.CASE_INSENSITIVE)));
        }
        Money price = shopper.item().price();
        values.add(new Sensitive("the amount " + price.minorUnits() + " (minor units)",
                Pattern.compile("(?<![A-Za-z0-9_.-])" + price.minorUnits() + "(?![A-Za-z0-9_-])")));
        Optional.of(price.decimal()).filter((decimal) -> !decimal.isEmpty()).ifPresent((decimal) -> values.add(
                new Sensitive("the amount " + decimal, Pattern.compile("(?<![A-Za-z0-9_-])" + Pattern.quote(decimal)
                        + "(?![A-Za-z0-9_-])"))));
        values.add(new Sensitive("the order's JSON member names", Pattern.compile("\"itemId\"|\"quantity\"")));
        return values;
    }

    /**
     * Returns the decoded bytes of every part after the header, so that a body which only base64url-encodes its
     * plaintext is caught too.
     */
    private static byte[] decodedParts(String body) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        String[] parts = body.split("\\.", -1);
        for (int i = 1; i < parts.length; i++) {
            try {
                out.writeBytes(Base64.getUrlDecoder().decode(parts[i]));
            }
            catch (IllegalArgumentException ex) {
                // Not base64url: the raw text was checked already.
            }
        }
        return out.toByteArray();
    }
}
