package io.kafkaops.orchestrator.security;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * What a running broker's server.properties says of its security: its listeners (name, protocol, port), the listener
 * brokers talk to each other on, and whether an authorizer is on. Read from the host's file, pure.
 *
 * @param interBrokerListener the listener name (inter.broker.listener.name, else security.inter.broker.protocol's, else PLAINTEXT)
 */
public record LiveSecurity(List<Listener> listeners, String interBrokerListener, Optional<String> authorizer) {
    public LiveSecurity {
        listeners = List.copyOf(listeners);
    }

    public static LiveSecurity parse(String serverProperties) {
        Properties p = new Properties();
        try {
            p.load(new StringReader(serverProperties));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        Map<String, Protocol> map = new LinkedHashMap<>();
        String mapped = p.getProperty("listener.security.protocol.map", "");
        for (String entry : mapped.split("\\s*,\\s*")) {
            String[] kv = entry.split(":", 2);
            if (kv.length == 2) protocol(kv[1]).ifPresent(pr -> map.put(kv[0].strip(), pr));
        }
        List<Listener> out = new ArrayList<>();
        for (String l : p.getProperty("listeners", "PLAINTEXT://:9092").split("\\s*,\\s*")) {
            int sep = l.indexOf("://");
            if (sep < 0) continue;
            String name = l.substring(0, sep).strip();
            int port = Integer.parseInt(l.substring(l.lastIndexOf(':') + 1).strip());
            Protocol protocol = map.getOrDefault(name, protocol(name).orElse(Protocol.PLAINTEXT));
            List<Mechanism> mechanisms = protocol.sasl() ? mechanisms(p) : List.of();
            ClientAuth auth = protocol.ssl() ? clientAuth(p, name) : ClientAuth.NONE;
            out.add(new Listener(name.toLowerCase(java.util.Locale.ROOT), name, protocol, port, auth, mechanisms));
        }
        String inter = Optional.ofNullable(p.getProperty("inter.broker.listener.name")).map(String::strip)
                .orElse(Optional.ofNullable(p.getProperty("security.inter.broker.protocol")).map(String::strip).orElse("PLAINTEXT"));
        Optional<String> authorizer = Optional.ofNullable(p.getProperty("authorizer.class.name")).map(String::strip).filter(s -> !s.isEmpty());
        return new LiveSecurity(out, inter, authorizer);
    }

    /** The listeners whose name the target does not have: what a live switch keeps beside the new ones until asked to remove them. */
    public List<Listener> notIn(List<Listener> target) {
        return listeners.stream().filter(l -> target.stream().noneMatch(t -> t.name().equals(l.name()))).toList();
    }

    private static Optional<Protocol> protocol(String name) {
        try {
            return Optional.of(Protocol.valueOf(name.strip()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static List<Mechanism> mechanisms(Properties p) {
        List<Mechanism> out = new ArrayList<>();
        for (String m : p.getProperty("sasl.enabled.mechanisms", "GSSAPI").split("\\s*,\\s*")) Mechanism.of(m).ifPresent(out::add);
        return out.isEmpty() ? List.of(Mechanism.SCRAM_SHA_512) : out;
    }

    private static ClientAuth clientAuth(Properties p, String name) {
        String v = p.getProperty("listener.name." + name.toLowerCase(java.util.Locale.ROOT) + ".ssl.client.auth",
                p.getProperty("ssl.client.auth", "none"));
        return ClientAuth.of(v).orElse(ClientAuth.NONE);
    }
}
