package com.centralstation.verification.app.demo;

import com.centralstation.verification.adapters.notification.SentLinks;
import org.springframework.core.env.Environment;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * The latest response links the contact channels sent, newest first, for the demo's start page: a tester answers as
 * the contact would (Dispatch or Disregard) without reading the console or the demo phone. Kept in memory only (a
 * link is the contact's secret; the service stores its hash), so a restart starts the list afresh.
 */
public final class DemoResponseLinks implements SentLinks {

    static final int KEPT = 12;

    private final Deque<SentLink> latest = new ArrayDeque<>();

    public DemoResponseLinks(Environment environment) {
        DemoProfile.require(environment, DemoResponseLinks.class);
    }

    @Override
    public synchronized void sent(SentLink link) {
        latest.addFirst(link);
        while (latest.size() > KEPT) {
            latest.removeLast();
        }
    }

    /** The latest links, newest first. */
    public synchronized List<SentLink> latest() {
        return List.copyOf(latest);
    }
}
