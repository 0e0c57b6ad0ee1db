package io.vestibule.crypto;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.vestibule.testing.TestCertificates;

import static org.assertj.core.api.Assertions.assertThat;

@Tag(TestCertificates.NEEDS_BCPROV)
class PerThreadSecureRandomTest {
    private final SecureRandom shared = CryptoPolicy.standard().sharedSecureRandom();

    @Test
    void isTheCryptoPolicysDrbg() {
        assertThat(shared.getAlgorithm()).isEqualTo("DRBG per thread");
        assertThat(shared.getParameters()).hasToString(CryptoPolicy.standard().newSecureRandom().getParameters().toString());
    }

    @Test
    void threadsDrawFromGeneratorsOfTheirOwnAndNeverRepeatEachOther() throws Exception {
        Set<SecureRandom> generators = Collections.newSetFromMap(Collections.synchronizedMap(new IdentityHashMap<>()));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<String>>> drawn = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                drawn.add(pool.submit(() -> {
                    generators.add(((PerThreadSecureRandom) shared).current());
                    List<String> values = new ArrayList<>();
                    for (int i = 0; i < 2000; i++) {
                        byte[] bytes = new byte[16];
                        shared.nextBytes(bytes);
                        values.add(HexFormat.of().formatHex(bytes));
                    }
                    return values;
                }));
            }
            Set<String> distinct = new HashSet<>();
            for (Future<List<String>> values : drawn) {
                distinct.addAll(values.get());
            }
            assertThat(distinct).hasSize(8000);
            assertThat(generators).hasSize(4);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void boundedNumbersStayInTheirBoundsAndCoverThem() {
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            int value = shared.nextInt(10);
            assertThat(value).isBetween(0, 9);
            seen.add(value);
        }
        assertThat(seen).hasSize(10);
    }
}
