package com.centralstation.verification.adapters.chekt;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.RSAKey;
import org.springframework.boot.ssl.pem.PemContent;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.RSAPublicKeySpec;

/** The RSA key that signs our RS256 client assertion for {@code private_key_jwt}. */
final class ChektSigningKey {

    private ChektSigningKey() {
    }

    static boolean isReadable(String pem) {
        try {
            fromPem(pem);
            return true;
        } catch (RuntimeException unreadable) {
            return false;
        }
    }

    /**
     * Nimbus wants the public half next to the private key; a CRT private key (what PKCS#1 and PKCS#8 RSA
     * keys are) carries the modulus and public exponent, so the operator configures one PEM only.
     */
    static RSAKey fromPem(String pem) {
        PrivateKey key = PemContent.of(pem.strip()).getPrivateKey();
        if (!(key instanceof RSAPrivateCrtKey rsa)) {
            throw new IllegalArgumentException("not an RSA private key");
        }
        return new RSAKey.Builder(publicKeyOf(rsa.getModulus(), rsa.getPublicExponent()))
                .privateKey(rsa)
                .algorithm(JWSAlgorithm.RS256)
                .build();
    }

    private static RSAPublicKey publicKeyOf(BigInteger modulus, BigInteger exponent) {
        try {
            return (RSAPublicKey) KeyFactory.getInstance("RSA").generatePublic(new RSAPublicKeySpec(modulus, exponent));
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException("the JVM cannot build an RSA public key", impossible);
        }
    }
}
