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
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * SCRAM users over the Admin API (KIP-554): brokers 2.7 and later only, in either mode; an older broker answers
 * UnsupportedVersionException. Kafka describes a user's mechanisms and iterations, never the salt, so whether a stored
 * credential matches a password cannot be read here (in ZooKeeper mode zookeeper/ScramStore can; otherwise a login can).
 */
public final class ScramUsers {
    private static final long WAIT_SECONDS = 30;
    private final Admin admin;

    /** @param admin a client of a cluster whose brokers run Kafka 2.7 or later */
    public ScramUsers(Admin admin) {
        this.admin = admin;
    }

    /** Creates or replaces the user's credential of this mechanism (the client picks the salt). */
    public void upsert(String user, ScramCredential.Hash hash, String password, int iterations) throws IOException {
        ScramCredentialInfo info = new ScramCredentialInfo(mechanism(hash), iterations);
        await(() -> admin.alterUserScramCredentials(List.of(new UserScramCredentialUpsertion(user, info, password))).all()
                .get(WAIT_SECONDS, TimeUnit.SECONDS), "store the " + hash + " credential of user " + user);
    }

    public void delete(String user, ScramCredential.Hash hash) throws IOException {
        await(() -> admin.alterUserScramCredentials(List.of(new UserScramCredentialDeletion(user, mechanism(hash)))).all()
                .get(WAIT_SECONDS, TimeUnit.SECONDS), "delete the " + hash + " credential of user " + user);
    }

    /** The mechanisms the user has a credential for (empty for an unknown user). */
    public Set<ScramCredential.Hash> mechanisms(String user) throws IOException {
        Set<ScramCredential.Hash> out = EnumSet.noneOf(ScramCredential.Hash.class);
        Map<String, UserScramCredentialsDescription> found;
        try {
            found = await(() -> admin.describeUserScramCredentials(List.of(user)).all().get(WAIT_SECONDS, TimeUnit.SECONDS),
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

    private interface Call<T> {
        T get() throws ExecutionException, TimeoutException, InterruptedException;
    }

    private static <T> T await(Call<T> call, String what) throws IOException {
        try {
            return call.get();
        } catch (ExecutionException e) {
            throw new IOException("cannot " + what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("cannot " + what + ": no answer in " + WAIT_SECONDS + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while trying to " + what);
        }
    }
}
