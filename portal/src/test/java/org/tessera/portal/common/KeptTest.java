package org.tessera.portal.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class KeptTest {

    @Test
    void callersOfOneKeyAtOnceWaitForOneComputation() throws Exception {
        Kept<String> kept = new Kept<>(4);
        AtomicInteger computed = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try (ExecutorService callers = Executors.newFixedThreadPool(8)) {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                answers.add(callers.submit(() -> kept.get("k", () -> {
                    computed.incrementAndGet();
                    started.countDown();
                    await(release);
                    return "value";
                })));
            }
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            release.countDown();
            for (Future<String> answer : answers) {
                assertThat(answer.get(10, TimeUnit.SECONDS)).isEqualTo("value");
            }
        }
        assertThat(computed).hasValue(1);
        assertThat(kept.get("k", () -> "other")).isEqualTo("value");
    }

    @Test
    void aFailureIsThrownAsItWasAndNotKept() {
        Kept<String> kept = new Kept<>(4);
        assertThatThrownBy(() -> kept.get("k", () -> {
            throw new IllegalStateException("engine down");
        })).isInstanceOf(IllegalStateException.class).hasMessage("engine down");
        assertThat(kept.has("k")).isFalse();
        assertThat(kept.get("k", () -> "value")).isEqualTo("value");
    }

    @Test
    void theLeastRecentlyUsedKeyLeavesFirst() {
        Kept<String> kept = new Kept<>(2);
        kept.get("a", () -> "1");
        kept.get("b", () -> "2");
        kept.get("a", () -> "unused");
        kept.get("c", () -> "3");
        assertThat(kept.has("a")).isTrue();
        assertThat(kept.has("b")).isFalse();
        assertThat(kept.has("c")).isTrue();
    }

    @Test
    void aFutureIsComputedOnTheExecutorOnceAndAFailedOneIsForgotten() throws Exception {
        Kept<String> kept = new Kept<>(4);
        AtomicInteger computed = new AtomicInteger();
        try (ExecutorService executor = Executors.newSingleThreadExecutor()) {
            var first = kept.future("k", executor, () -> "v" + computed.incrementAndGet());
            var second = kept.future("k", executor, () -> "v" + computed.incrementAndGet());
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("v1");
            assertThat(second).isSameAs(first);
            var failed = kept.future("f", executor, () -> {
                throw new IllegalStateException("no");
            });
            assertThatThrownBy(() -> failed.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(IllegalStateException.class);
            assertThat(kept.has("f")).isFalse();
        }
        assertThat(computed).hasValue(1);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
