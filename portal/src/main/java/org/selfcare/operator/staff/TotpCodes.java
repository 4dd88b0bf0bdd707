package org.selfcare.operator.staff;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.OptionalLong;

import dev.samstevens.totp.code.CodeGenerator;
import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import dev.samstevens.totp.exceptions.CodeGenerationException;
import dev.samstevens.totp.exceptions.QrGenerationException;
import dev.samstevens.totp.qr.QrData;
import dev.samstevens.totp.qr.ZxingPngQrGenerator;
import dev.samstevens.totp.secret.DefaultSecretGenerator;
import dev.samstevens.totp.util.Utils;

/**
 * TOTP as RFC 6238 and authenticator apps have it: HMAC-SHA1, 6 digits, 30-second steps. A code is accepted for
 * the current step and one step either side, for clocks that drift. The caller rejects a step that signed in
 * before, so each code works once.
 */
public final class TotpCodes {

    public static final int PERIOD_SECONDS = 30;

    static final int DIGITS = 6;

    static final int ALLOWED_DRIFT_STEPS = 1;

    static final String ISSUER = "Selfcare console";

    private static final CodeGenerator generator = new DefaultCodeGenerator(HashingAlgorithm.SHA1, DIGITS);

    private TotpCodes() {
    }

    /** Returns a new Base32 secret of 160 random bits. */
    static String newSecret() {
        return new DefaultSecretGenerator(32).generate();
    }

    /** Returns the time step that {@code now} falls in. */
    public static long step(Instant now) {
        return Math.floorDiv(now.getEpochSecond(), PERIOD_SECONDS);
    }

    /** Returns the code of {@code secret} for {@code step}. */
    public static String code(String secret, long step) {
        try {
            return generator.generate(secret, step);
        }
        catch (CodeGenerationException ex) {
            throw new IllegalStateException("Cannot compute a TOTP code", ex);
        }
    }

    /**
     * Returns the step within the allowed drift of {@code now} whose code is {@code code}, or empty when none.
     * Every step is compared in full, in time that does not depend on where the codes differ.
     */
    static OptionalLong matchingStep(String secret, String code, Instant now) {
        if (code == null || !code.matches("[0-9]{" + DIGITS + "}")) {
            return OptionalLong.empty();
        }
        long current = step(now);
        OptionalLong match = OptionalLong.empty();
        for (long step = current - ALLOWED_DRIFT_STEPS; step <= current + ALLOWED_DRIFT_STEPS; step++) {
            if (MessageDigest.isEqual(code(secret, step).getBytes(StandardCharsets.US_ASCII),
                    code.getBytes(StandardCharsets.US_ASCII)) && match.isEmpty()) {
                match = OptionalLong.of(step);
            }
        }
        return match;
    }

    /** Returns the {@code otpauth://} URI for an authenticator app. */
    static QrData enrolment(String username, String secret) {
        return new QrData.Builder()
                .label(username)
                .secret(secret)
                .issuer(ISSUER)
                .algorithm(HashingAlgorithm.SHA1)
                .digits(DIGITS)
                .period(PERIOD_SECONDS)
                .build();
    }

    /** Returns the QR code of {@code data} as a PNG {@code data:} URI. */
    static String qrCodeDataUri(QrData data) {
        try {
            ZxingPngQrGenerator qr = new ZxingPngQrGenerator();
            return Utils.getDataUriForImage(qr.generate(data), qr.getImageMimeType());
        }
        catch (QrGenerationException ex) {
            throw new IllegalStateException("Cannot draw the TOTP QR code", ex);
        }
    }
}
