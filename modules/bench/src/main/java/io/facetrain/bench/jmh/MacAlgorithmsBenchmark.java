package io.facetrain.bench.jmh;

import java.security.GeneralSecurityException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Message authentication codes the JDK offers, over one parameter-server chunk: is there a cheaper
 * per-byte MAC than HMAC-SHA256 (which the wire protocol uses) on this CPU? The two AEAD ciphers
 * authenticate the chunk as associated data with nothing to encrypt, i.e. as GMAC and Poly1305.
 * Throughput is the chunk size over the average time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MacAlgorithmsBenchmark {
    @Param({"HmacSHA256", "HmacSHA1", "HmacSHA384", "HmacSHA512", "GMAC", "Poly1305"})
    String algorithm;

    @Param({"1048576"})
    int chunkBytes;

    private byte[] key;
    private byte[] chunk;
    private Mac mac;
    private Cipher cipher;
    private long nonce;

    @Setup
    public void setUp() throws GeneralSecurityException {
        key = new byte[32];
        chunk = new byte[chunkBytes];
        SplittableRandom random = new SplittableRandom(1);
        random.nextBytes(key);
        random.nextBytes(chunk);
        switch (algorithm) {
            case "GMAC" -> cipher = Cipher.getInstance("AES/GCM/NoPadding");
            case "Poly1305" -> cipher = Cipher.getInstance("ChaCha20-Poly1305");
            default -> {
                mac = Mac.getInstance(algorithm);
                mac.init(new SecretKeySpec(key, algorithm));
            }
        }
    }

    @Benchmark
    public byte[] authenticate() throws GeneralSecurityException {
        if (mac != null) {
            mac.update(chunk);
            return mac.doFinal();
        }
        // a fresh nonce per message, as an AEAD requires (the JDK refuses to reuse one for encryption)
        byte[] iv = new byte[12];
        long n = ++nonce;
        for (int i = 0; i < Long.BYTES; i++) {
            iv[i] = (byte) (n >>> (8 * i));
        }
        if (algorithm.equals("GMAC")) {
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
        } else {
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ChaCha20"), new IvParameterSpec(iv));
        }
        cipher.updateAAD(chunk);
        return cipher.doFinal();
    }
}
