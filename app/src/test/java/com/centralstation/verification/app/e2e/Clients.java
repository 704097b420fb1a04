package com.centralstation.verification.app.e2e;

import com.centralstation.verification.app.testing.TestAlarm;

import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Many callers at once for the process tests, as CHeKT's deliveries and a load balancer would spread them. */
final class Clients {

    /** What a call answered when the node was gone (connection refused or cut, as after a kill). */
    static final int NO_ANSWER = -1;

    private Clients() {
    }

    /** Sends each alarm's call to the nodes in turn, from {@code senders} client threads at once. */
    static List<Integer> spread(List<TestAlarm> alarms, List<ServiceNode> nodes, int senders, Call call) {
        ExecutorService clients = Executors.newFixedThreadPool(senders);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < alarms.size(); i++) {
                ServiceNode node = nodes.get(i % nodes.size());
                TestAlarm alarm = alarms.get(i);
                answers.add(clients.submit(() -> {
                    try {
                        return call.on(node, alarm);
                    } catch (UncheckedIOException gone) {
                        return NO_ANSWER;
                    }
                }));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get(60, TimeUnit.SECONDS));
            }
            return statuses;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            clients.shutdownNow();
        }
    }

    @FunctionalInterface
    interface Call {
        int on(ServiceNode node, TestAlarm alarm);
    }
}
