package org.selfcare.conformance.cases.transport;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The cipher suites the transport case offers, by IANA code and name, grouped the way the case probes them.
 */
final class CipherSuites {

    /** One cipher suite: its two-byte IANA code and its IANA name. */
    record Suite(int code, String name) {
    }

    /**
     * Weak suites offered together in one handshake.
     *
     * @param label what the group is, as findings name it
     * @param suites the suites offered
     */
    record WeakGroup(String label, List<Suite> suites) {
    }

    static final List<Suite> TLS13 = List.of(
            new Suite(0x1301, "TLS_AES_128_GCM_SHA256"),
            new Suite(0x1302, "TLS_AES_256_GCM_SHA384"),
            new Suite(0x1303, "TLS_CHACHA20_POLY1305_SHA256"));

    /** AEAD suites with an ephemeral key exchange: what a TLS 1.2 server should choose from. */
    static final List<Suite> STRONG_TLS12 = List.of(
            new Suite(0xC02B, "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256"),
            new Suite(0xC02C, "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384"),
            new Suite(0xC02F, "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"),
            new Suite(0xC030, "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384"),
            new Suite(0xCCA9, "TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256"),
            new Suite(0xCCA8, "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256"),
            new Suite(0x009E, "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"),
            new Suite(0x009F, "TLS_DHE_RSA_WITH_AES_256_GCM_SHA384"),
            new Suite(0xCCAA, "TLS_DHE_RSA_WITH_CHACHA20_POLY1305_SHA256"));

    /** AEAD suites with RSA key transport: strong ciphers, but no forward secrecy. */
    static final List<Suite> RSA_KEY_TRANSPORT = List.of(
            new Suite(0x009C, "TLS_RSA_WITH_AES_128_GCM_SHA256"),
            new Suite(0x009D, "TLS_RSA_WITH_AES_256_GCM_SHA384"));

    static final List<Suite> CBC = List.of(
            new Suite(0xC009, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA"),
            new Suite(0xC00A, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA"),
            new Suite(0xC013, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA"),
            new Suite(0xC014, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA"),
            new Suite(0xC023, "TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256"),
            new Suite(0xC024, "TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA384"),
            new Suite(0xC027, "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"),
            new Suite(0xC028, "TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA384"),
            new Suite(0x0033, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA"),
            new Suite(0x0039, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA"),
            new Suite(0x0067, "TLS_DHE_RSA_WITH_AES_128_CBC_SHA256"),
            new Suite(0x006B, "TLS_DHE_RSA_WITH_AES_256_CBC_SHA256"),
            new Suite(0x002F, "TLS_RSA_WITH_AES_128_CBC_SHA"),
            new Suite(0x0035, "TLS_RSA_WITH_AES_256_CBC_SHA"),
            new Suite(0x003C, "TLS_RSA_WITH_AES_128_CBC_SHA256"),
            new Suite(0x003D, "TLS_RSA_WITH_AES_256_CBC_SHA256"),
            new Suite(0x0041, "TLS_RSA_WITH_CAMELLIA_128_CBC_SHA"),
            new Suite(0x0084, "TLS_RSA_WITH_CAMELLIA_256_CBC_SHA"));

    static final List<Suite> TRIPLE_DES = List.of(
            new Suite(0xC008, "TLS_ECDHE_ECDSA_WITH_3DES_EDE_CBC_SHA"),
            new Suite(0xC012, "TLS_ECDHE_RSA_WITH_3DES_EDE_CBC_SHA"),
            new Suite(0x0016, "TLS_DHE_RSA_WITH_3DES_EDE_CBC_SHA"),
            new Suite(0x000A, "TLS_RSA_WITH_3DES_EDE_CBC_SHA"));

    static final List<Suite> RC4 = List.of(
            new Suite(0xC007, "TLS_ECDHE_ECDSA_WITH_RC4_128_SHA"),
            new Suite(0xC011, "TLS_ECDHE_RSA_WITH_RC4_128_SHA"),
            new Suite(0x0005, "TLS_RSA_WITH_RC4_128_SHA"),
            new Suite(0x0004, "TLS_RSA_WITH_RC4_128_MD5"));

    /** Export-grade (40-bit) suites and single DES (56-bit). */
    static final List<Suite> EXPORT_AND_DES = List.of(
            new Suite(0x0003, "TLS_RSA_EXPORT_WITH_RC4_40_MD5"),
            new Suite(0x0006, "TLS_RSA_EXPORT_WITH_RC2_CBC_40_MD5"),
            new Suite(0x0008, "TLS_RSA_EXPORT_WITH_DES40_CBC_SHA"),
            new Suite(0x0014, "TLS_DHE_RSA_EXPORT_WITH_DES40_CBC_SHA"),
            new Suite(0x0009, "TLS_RSA_WITH_DES_CBC_SHA"),
            new Suite(0x0015, "TLS_DHE_RSA_WITH_DES_CBC_SHA"));

    /** Suites that encrypt nothing. */
    static final List<Suite> NULL_CIPHER = List.of(
            new Suite(0xC006, "TLS_ECDHE_ECDSA_WITH_NULL_SHA"),
            new Suite(0xC010, "TLS_ECDHE_RSA_WITH_NULL_SHA"),
            new Suite(0x003B, "TLS_RSA_WITH_NULL_SHA256"),
            new Suite(0x0002, "TLS_RSA_WITH_NULL_SHA"),
            new Suite(0x0001, "TLS_RSA_WITH_NULL_MD5"));

    /** Suites without server authentication, open to a man in the middle. */
    static final List<Suite> ANONYMOUS = List.of(
            new Suite(0xC018, "TLS_ECDH_anon_WITH_AES_128_CBC_SHA"),
            new Suite(0xC019, "TLS_ECDH_anon_WITH_AES_256_CBC_SHA"),
            new Suite(0x00A6, "TLS_DH_anon_WITH_AES_128_GCM_SHA256"),
            new Suite(0x0034, "TLS_DH_anon_WITH_AES_128_CBC_SHA"),
            new Suite(0x003A, "TLS_DH_anon_WITH_AES_256_CBC_SHA"),
            new Suite(0x001B, "TLS_DH_anon_WITH_3DES_EDE_CBC_SHA"),
            new Suite(0x0018, "TLS_DH_anon_WITH_RC4_128_MD5"));

    /** The groups that must all be refused, in the order they are probed. */
    static final List<WeakGroup> WEAK_GROUPS = List.of(
            new WeakGroup("CBC (non-AEAD)", CBC),
            new WeakGroup("3DES", TRIPLE_DES),
            new WeakGroup("RC4", RC4),
            new WeakGroup("export and single-DES", EXPORT_AND_DES),
            new WeakGroup("NULL (no encryption)", NULL_CIPHER),
            new WeakGroup("anonymous (no server authentication)", ANONYMOUS));

    private static final Map<Integer, String> NAMES = new HashMap<>();

    static {
        Stream.of(TLS13, STRONG_TLS12, RSA_KEY_TRANSPORT, CBC, TRIPLE_DES, RC4, EXPORT_AND_DES, NULL_CIPHER,
                ANONYMOUS).flatMap(List::stream).forEach((suite) -> NAMES.put(suite.code(), suite.name()));
    }

    private CipherSuites() {
    }

    /**
     * Returns the IANA name of a suite the case offers, or its code in hexadecimal for any other.
     */
    static String name(int code) {
        return NAMES.getOrDefault(code, String.format("0x%04X", code));
    }

    static List<String> names(List<Suite> suites) {
        return suites.stream().map(Suite::name).toList();
    }
}
