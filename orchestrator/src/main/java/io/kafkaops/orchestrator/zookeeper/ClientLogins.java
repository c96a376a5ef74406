package io.kafkaops.orchestrator.zookeeper;

import javax.security.auth.login.AppConfigurationEntry;
import javax.security.auth.login.Configuration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The JAAS sections of this process's ZooKeeper digest logins, held in memory: ZooKeeper's client reads its login only from
 * the JVM-wide JAAS configuration, so one configuration is installed (once) that answers for the sections opened here and
 * asks the configuration it replaced for every other name. No file and no system property carries a password.
 */
final class ClientLogins extends Configuration {
    private static final String DIGEST_MODULE = "org.apache.zookeeper.server.auth.DigestLoginModule";
    private static final ClientLogins INSTALLED = install();

    private final Configuration before;
    private final Map<String, AppConfigurationEntry[]> sections = new ConcurrentHashMap<>();

    private ClientLogins(Configuration before) {
        this.before = before;
    }

    private static synchronized ClientLogins install() {
        Configuration before;
        try {
            before = Configuration.getConfiguration();
        } catch (SecurityException noneConfigured) {
            before = null;
        }
        ClientLogins logins = new ClientLogins(before);
        Configuration.setConfiguration(logins);
        return logins;
    }

    /** Opens a section for one session's login; the caller closes it when the session ends. */
    static String open(String user, String password) {
        String name = "orchestrator-zookeeper-" + UUID.randomUUID();
        INSTALLED.sections.put(name, new AppConfigurationEntry[] {new AppConfigurationEntry(DIGEST_MODULE,
                AppConfigurationEntry.LoginModuleControlFlag.REQUIRED, Map.of("username", user, "password", password))});
        return name;
    }

    static void close(String name) {
        INSTALLED.sections.remove(name);
    }

    @Override
    public AppConfigurationEntry[] getAppConfigurationEntry(String name) {
        AppConfigurationEntry[] ours = sections.get(name);
        if (ours != null) return ours;
        if (before == null) return null;
        try {
            return before.getAppConfigurationEntry(name);
        } catch (RuntimeException unreadable) {
            return null;
        }
    }

    @Override
    public void refresh() {
        if (before != null) before.refresh();
    }
}
