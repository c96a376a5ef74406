package io.kafkaops.orchestrator.security;

/**
 * A SASL user of the inventory: one entry of sasl_scram_users, sasl_scram256_users or sasl_plain_users.
 *
 * @param key       the entry's key; `admin` is the brokers' own login and the orchestrator's
 * @param principal the name the user logs in with (SCRAM's username, PLAIN's user_NAME)
 */
public record KafkaUser(String key, String principal, Mechanism mechanism, Password password) {
    public static final String ADMIN = "admin";

    /** As super.users and ACLs write it: User:alice. */
    public String kafkaPrincipal() { return "User:" + principal; }

    public boolean admin() { return key.equals(ADMIN); }

    @Override
    public String toString() { return key + " (" + principal + ", " + mechanism + ", " + password + ")"; }
}
