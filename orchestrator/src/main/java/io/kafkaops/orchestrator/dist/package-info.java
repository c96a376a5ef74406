/**
 * Kafka and ZooKeeper tarballs with Apache's names and layout, assembled from Maven Central so
 * the lab installs exactly what a user's hosts would: {@link io.kafkaops.orchestrator.dist.Distributions}
 * is the entry point, distributions.yml the recipes, resources/dist/ the launcher files (its
 * README lists every difference from Apache's tarballs).
 */
package io.kafkaops.orchestrator.dist;
