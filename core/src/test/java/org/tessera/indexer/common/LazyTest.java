package org.tessera.indexer.common;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LazyTest {

    @Test
    void makesTheValueOnceOnFirstUseAndSharesIt() throws Exception {
        AtomicInteger made = new AtomicInteger();
        CountDownLatch go = new CountDownLatch(1);
        Lazy<Object> lazy = Lazy.of(() -> {
            made.incrementAndGet();
            return new Object();
        });
        assertThat(made).hasValue(0);
        ExecutorService threads = DaemonThreads.pool("lazy-test", 4);
        try {
            List<Future<Object>> got = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                got.add(threads.submit(() -> {
                    go.await();
                    return lazy.get();
                }));
            }
            go.countDown();
            Object first = got.getFirst().get();
            for (Future<Object> each : got) {
                assertThat(each.get()).isSameAs(first);
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(made).hasValue(1);
    }

    @Test
    void aFailureIsNotKeptTheNextCallTriesAgain() {
        AtomicInteger calls = new AtomicInteger();
        Lazy<String> lazy = Lazy.of(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("model missing");
            }
            return "model";
        });
        assertThatThrownBy(lazy::get).hasMessage("model missing");
        assertThat(lazy.get()).isEqualTo("model");
        assertThat(lazy.get()).isEqualTo("model");
        assertThat(calls).hasValue(2);
    }
}
