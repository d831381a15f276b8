package io.clarion.agent.chat;

import io.clarion.agent.Conversation;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** Chat sessions in memory, the least recently used dropped beyond a bound. */
public final class SessionStore {
    private final Map<String, Conversation> sessions;

    public SessionStore(int maxSessions) {
        this.sessions = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Conversation> eldest) {
                return size() > maxSessions;
            }
        };
    }

    public synchronized Optional<Conversation> get(String id) {
        return Optional.ofNullable(sessions.get(id));
    }

    public synchronized void put(Conversation c) {
        sessions.put(c.id(), c);
    }
}
