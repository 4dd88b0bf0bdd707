package org.selfcare.operator.staff;

/**
 * What a new staff account, or one whose TOTP secret was reset, receives once: shown on the page or printed by
 * the command, and never stored in clear.
 *
 * @param username the account
 * @param password the generated password, or {@code null} when only the TOTP secret was reset
 * @param totpSecret the Base32 TOTP secret, as authenticator apps accept it typed in
 * @param otpauthUri the {@code otpauth://} URI the QR code contains
 * @param qrCodeDataUri the QR code as a PNG {@code data:} URI
 */
public record StaffCredentials(String username, String password, String totpSecret, String otpauthUri,
        String qrCodeDataUri) {

    @Override
    public String toString() {
        return "StaffCredentials[username=" + username + ", secrets=[PROTECTED]]";
    }
}
