package io.kafkaops.orchestrator.kafka;

import io.kafkaops.orchestrator.security.ScramCredential;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialDeletion;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;
import org.apache.kafka.clients.admin.UserScramCredentialsDescription;
import org.apache.kafka.common.errors.ResourceNotFoundException;

import java.io.IOException;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * SCRAM users over the Admin API (KIP-554): brokers 2.7 and later only, in either mode; an older broker answers
 * UnsupportedVersionException. Kafka describes a user's mechanisms and iterations, never the salt, so whether a stored
 * credential matches a password cannot be read here (in ZooKeeper mode zookeeper/ScramStore can; otherwise a login can).
 */
public final class ScramUsers {
    private final Admin admin;

    /** @param admin a client of a cluster whose brokers run Kafka 2.7 or later */
    public ScramUsers(Admin admin) {
        this.admin = admin;
    }

    /** Creates or replaces the user's credential of this mechanism (the client picks the salt). */
    public void upsert(String user, ScramCredential.Hash hash, String password, int iterations) throws IOException {
        ScramCredentialInfo info = new ScramCredentialInfo(mechanism(hash), iterations);
        AdminCall.await(admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user, info, password))).all(),
                "store the " + hash + " credential of user " + user);
    }

    public void delete(String user, ScramCredential.Hash hash) throws IOException {
        AdminCall.await(admin.alterUserScramCredentials(List.of(new UserScramCredentialDeletion(user, mechanism(hash)))).all(),
                "delete the " + hash + " credential of user " + user);
    }

    /** The mechanisms the user has a credential for (empty for an unknown user). */
    public Set<ScramCredential.Hash> mechanisms(String user) throws IOException {
        Set<ScramCredential.Hash> out = EnumSet.noneOf(ScramCredential.Hash.class);
        Map<String, UserScramCredentialsDescription> found;
        try {
            found = AdminCall.await(admin.describeUserScramCredentials(List.of(user)).all(),
                    "describe the SCRAM credentials of user " + user);
        } catch (IOException e) {
            if (e.getCause() instanceof ResourceNotFoundException) return out;
            throw e;
        }
        UserScramCredentialsDescription d = found.get(user);
        if (d != null) d.credentialInfos().forEach(i -> ScramCredential.Hash.forMechanism(i.mechanism().mechanismName()).ifPresent(out::add));
        return out;
    }

    private static ScramMechanism mechanism(ScramCredential.Hash hash) {
        return ScramMechanism.fromMechanismName(hash.mechanism());
    }
}
