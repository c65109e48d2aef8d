package org.tessera.indexer.common;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DaemonThreadsTest {

    @Test
    void singleRunsWorkOnOneNamedDaemonThread() throws Exception {
        ExecutorService single = DaemonThreads.single("test-single");
        try {
            Thread first = single.submit(Thread::currentThread).get();
            Thread second = single.submit(Thread::currentThread).get();
            assertThat(first.getName()).isEqualTo("test-single");
            assertThat(first.isDaemon()).isTrue();
            assertThat(second).isSameAs(first);
        } finally {
            single.shutdownNow();
        }
    }

    @Test
    void scheduledRunsOnANamedDaemonThread() throws Exception {
        ScheduledExecutorService scheduled = DaemonThreads.scheduled("test-scheduled");
        try {
            Thread thread = scheduled.schedule(Thread::currentThread, 1, TimeUnit.MILLISECONDS).get();
            assertThat(thread.getName()).isEqualTo("test-scheduled");
            assertThat(thread.isDaemon()).isTrue();
        } finally {
            scheduled.shutdownNow();
        }
    }

    @Test
    void poolNumbersItsDaemonThreads() throws Exception {
        ExecutorService pool = DaemonThreads.pool("test-pool", 2);
        Set<String> names = ConcurrentHashMap.newKeySet();
        CountDownLatch both = new CountDownLatch(2);
        try {
            for (int i = 0; i < 2; i++) {
                pool.submit(() -> {
                    names.add(Thread.currentThread().getName() + (Thread.currentThread().isDaemon() ? "" : " (not daemon)"));
                    both.countDown();
                    both.await();
                    return null;
                });
            }
            assertThat(both.await(10, TimeUnit.SECONDS)).isTrue();
            assertThat(names).containsExactlyInAnyOrder("test-pool-1", "test-pool-2");
        } finally {
            pool.shutdownNow();
        }
    }
}
