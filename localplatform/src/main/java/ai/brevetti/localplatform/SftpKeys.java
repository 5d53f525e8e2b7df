package ai.brevetti.localplatform;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.interfaces.RSAPublicKey;
import java.util.Base64;

/**
 * A new SSH key pair for an SFTP user: RSA 3072 from {@link SecureRandom}, the private key as PKCS#8 PEM
 * ({@code -----BEGIN PRIVATE KEY-----}, which OpenSSH reads), the public key in OpenSSH's one-line format
 * ({@code ssh-rsa AAAA… comment}).
 *
 * @param privateKeyPem the private key (given out once, never stored)
 * @param publicKey the public key
 */
record SftpKeys(String privateKeyPem, String publicKey) {

    static SftpKeys generate(String comment) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(3072, new SecureRandom());
            KeyPair pair = generator.generateKeyPair();
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(pair.getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            return new SftpKeys(pem, openSsh((RSAPublicKey) pair.getPublic(), comment));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("This Java cannot make RSA keys: " + e.getMessage(), e);
        }
    }

    /** {@code ssh-rsa <base64 of string "ssh-rsa", mpint e, mpint n> comment} (RFC 4253, 6.6; {@code toByteArray} is an mpint's bytes). */
    static String openSsh(RSAPublicKey key, String comment) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        field(out, "ssh-rsa".getBytes(StandardCharsets.US_ASCII));
        field(out, key.getPublicExponent().toByteArray());
        field(out, key.getModulus().toByteArray());
        return "ssh-rsa " + Base64.getEncoder().encodeToString(out.toByteArray()) + " " + comment;
    }

    private static void field(ByteArrayOutputStream out, byte[] bytes) {
        out.write(bytes.length >>> 24);
        out.write(bytes.length >>> 16);
        out.write(bytes.length >>> 8);
        out.write(bytes.length);
        out.writeBytes(bytes);
    }

    @Override
    public String toString() {
        return "SftpKeys[" + publicKey + ", private key ****]";
    }
}
