package io.kafkaops.orchestrator.kafka;

import io.kafkaops.orchestrator.version.FeatureLevels;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.FeatureUpdate;
import org.apache.kafka.clients.admin.UpdateFeaturesOptions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** updateFeatures through the controllers: each feature to its level, explicitly (never --release-version). */
public final class FeatureUpdates {
    private FeatureUpdates() {}

    /** @param validateOnly the controllers check the levels and change nothing */
    public static void apply(Admin admin, List<FeatureLevels.Raise> raises, boolean validateOnly) throws Exception {
        Map<String, FeatureUpdate> updates = new LinkedHashMap<>();
        for (FeatureLevels.Raise r : raises) updates.put(r.feature(), new FeatureUpdate(r.to(), FeatureUpdate.UpgradeType.UPGRADE));
        admin.updateFeatures(updates, new UpdateFeaturesOptions().validateOnly(validateOnly)).all().get(30, TimeUnit.SECONDS);
    }
}
